import type { Migration } from './migration';

// User-defined containment actions and every script run. Secret environment values sit in
// their own column, read only by the runner: list and get never select it. Run output is kept
// here (inside the encrypted database), capped; its full size and SHA-256 are in the event log.
export const migration004: Migration = {
  version: 4,
  name: 'actions',
  up(db) {
    db.exec(`
      CREATE TABLE actions (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        definition  TEXT NOT NULL,            -- the action as JSON, env entries without secret values
        secrets     TEXT NOT NULL DEFAULT '{}', -- JSON: env name -> secret value; never returned
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE script_runs (
        id               TEXT PRIMARY KEY,
        incident_id      TEXT NOT NULL REFERENCES incidents (id),
        action_id        TEXT NOT NULL,
        action_name      TEXT NOT NULL,
        argv             TEXT NOT NULL,        -- JSON array, exactly as spawned (or as simulated)
        simulated        INTEGER NOT NULL CHECK (simulated IN (0, 1)),
        state            TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled', 'timed_out', 'simulated')),
        started_at       TEXT NOT NULL,
        started_by       TEXT NOT NULL,
        started_event_id TEXT NOT NULL REFERENCES events (id),
        finished_at      TEXT,
        finished_event_id TEXT REFERENCES events (id),
        exit_code        INTEGER,
        signal           TEXT,
        duration_ms      INTEGER,
        output_bytes     INTEGER NOT NULL DEFAULT 0,
        kept_bytes       INTEGER NOT NULL DEFAULT 0,
        output_sha256    TEXT,
        truncated        INTEGER NOT NULL DEFAULT 0,
        output           TEXT                  -- JSON [{stream, text}], at most the kept cap
      ) STRICT;
      CREATE INDEX script_runs_by_incident ON script_runs (incident_id, started_at);
    `);
  },
};
