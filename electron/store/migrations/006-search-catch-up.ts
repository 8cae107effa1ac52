import type { Migration } from './migration';

// Appends stop writing the full-text index in their own transaction: FTS5 writes a new segment
// per commit, which was four of the nine pages an append fsynced. The index now catches up in
// batches (before any search, and when the app is idle), and this row says how far it has got.
// It starts from nothing and the index is rebuilt from the log on the first catch-up, so what
// search holds never depends on how older versions kept it (a one-off cost of about a second
// per 50k events).
//
// Also drops incidents_by_updated: every append moved the incident's entry in it (one more page
// per commit), while the list it served sorts a few hundred rows.
export const migration006: Migration = {
  version: 6,
  name: 'search-catch-up',
  up(db) {
    db.exec(`
      CREATE TABLE search_progress (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_through INTEGER NOT NULL   -- events.seq: search holds every event up to this one
      ) STRICT;
      INSERT INTO search_progress (id, indexed_through) VALUES (1, 0);
      DELETE FROM search;
      DROP INDEX incidents_by_updated;
    `);
  },
};
