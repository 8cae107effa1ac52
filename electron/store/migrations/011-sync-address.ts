import type { Migration } from './migration';

// The address sync listens on and puts in invites, chosen by the user in the sync card
// (electron/sync/README.md, "Transport"). Kept apart from sync_listen's port: a person picks
// the address before sync has ever listened. No row: 127.0.0.1, this laptop only.
export const migration011: Migration = {
  version: 11,
  name: 'sync-address',
  up(db) {
    db.exec(`
      CREATE TABLE sync_address (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        host TEXT NOT NULL CHECK (length(host) BETWEEN 7 AND 15)
      ) STRICT;
    `);
  },
};
