import type { Migration } from './migration';

// Every word is indexed a second time behind a tag naming its incident (electron/store/search-scope.ts):
// a search typed in one incident's timeline reads that incident's words only, where a prefix
// used to merge the matching words of every incident in the store before anything else applied.
// `body` keeps the plain words for the incidents list. An FTS5 table takes no new column: it is
// made again, empty, and the index catches up from the log (as after migration 006: a one-off
// cost of about a second per 50,000 events, paid by the first search or when the app is idle).
export const migration012: Migration = {
  version: 12,
  name: 'search-scoped',
  up(db) {
    db.exec(`
      DROP TABLE search;
      -- rowid = events.seq of the event whose text it holds (device_events.seq + the device base for other laptops').
      CREATE VIRTUAL TABLE search USING fts5 (
        incident_id UNINDEXED,
        body,
        scoped,
        -- Words only: the text is in the log, and nothing reads it back from here (the list reads
        -- incident_id, kept by contentless_unindexed). Kept, the tagged copy of every event's text
        -- made the store 40% bigger.
        content = '',
        contentless_delete = 1,
        contentless_unindexed = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        -- A tagged word's tag is 34 characters (an incident id's 32 hex digits between c and x):
        -- these are its first one and two letters, the keys that match the most words (the first
        -- key of a search at 100,000 events: 11-14 -> 4-5 ms), for about 15% more index.
        prefix = '35 36'
      );
      UPDATE search_progress SET indexed_through = 0, devices_through = 0;
    `);
  },
};
