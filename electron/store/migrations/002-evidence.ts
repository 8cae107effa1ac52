import type { Migration } from './migration';

// Evidence bytes live inside the encrypted database, beside the event that recorded them.
export const migration002: Migration = {
  version: 2,
  name: 'evidence',
  up(db) {
    db.exec(`
      CREATE TABLE evidence (
        id          TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        event_id    TEXT NOT NULL REFERENCES events (id),
        name        TEXT NOT NULL,
        media_type  TEXT NOT NULL,
        size        INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        added_at    TEXT NOT NULL,
        added_by    TEXT NOT NULL,
        data        BLOB NOT NULL
      ) STRICT;
      CREATE INDEX evidence_by_incident ON evidence (incident_id, added_at);
    `);
  },
};
