import { cordonApplicationId } from '../database';
import type { Migration } from './migration';

// The event log, the materialised incident state and the full-text index over titles and notes.
export const migration001: Migration = {
  version: 1,
  name: 'event-log',
  up(db) {
    db.pragma(`application_id = ${cordonApplicationId}`);
    db.exec(`
      CREATE TABLE incidents (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('real', 'exercise')),
        title       TEXT NOT NULL,
        status      TEXT NOT NULL,
        severity    TEXT,
        phase       TEXT,
        declared_at TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        event_count INTEGER NOT NULL,
        head_hash   TEXT NOT NULL,
        state       TEXT NOT NULL          -- IncidentState as JSON: a cache of the fold
      ) STRICT;
      CREATE INDEX incidents_by_updated ON incidents (updated_at DESC);

      -- Append-only. seq is the global write order; n the position in the incident's chain.
      CREATE TABLE events (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        n           INTEGER NOT NULL CHECK (n >= 1),
        kind        TEXT NOT NULL,
        actor       TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        target_id   TEXT,                  -- amend/redact: the event they point at (also in payload)
        payload     TEXT NOT NULL,         -- canonical JSON, exactly as hashed
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL,
        UNIQUE (incident_id, n)
      ) STRICT;
      CREATE INDEX events_by_target ON events (target_id) WHERE target_id IS NOT NULL;

      -- Defence in depth: the service never updates or deletes events, and neither may a bug.
      CREATE TRIGGER events_are_append_only_u BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_are_append_only_d BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

      -- rowid = events.seq of the event whose text it holds (the declared event for the title).
      CREATE VIRTUAL TABLE search USING fts5 (
        incident_id UNINDEXED,
        body,
        tokenize = 'unicode61 remove_diacritics 2'
      );
    `);
  },
};
