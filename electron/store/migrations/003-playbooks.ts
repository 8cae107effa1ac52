import type { Migration } from './migration';

// The playbook library. A save never overwrites: each one is a new version, because an
// incident pins the exact version it was declared with and must keep showing it.
export const migration003: Migration = {
  version: 3,
  name: 'playbooks',
  up(db) {
    db.exec(`
      CREATE TABLE playbooks (
        id        TEXT NOT NULL,
        version   INTEGER NOT NULL CHECK (version >= 1),
        title     TEXT NOT NULL,
        model     TEXT NOT NULL,
        source    TEXT,
        unparsed  TEXT NOT NULL,
        saved_at  TEXT NOT NULL,
        saved_by  TEXT NOT NULL,
        built_in  INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (id, version)
      ) STRICT;
    `);
  },
};
