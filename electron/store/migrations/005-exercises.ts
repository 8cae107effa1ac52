import type { Migration } from './migration';

// Tabletop exercises. Each exercise runs on an incident of kind 'exercise' (its timeline is the
// event log's, as for any incident); this row keeps what the log does not: the scenario as it
// was started (JSON), the exercise clock, the injects' states and the facilitator's notes.
// Imported scenarios (Markdown or YAML) are kept alongside.
export const migration005: Migration = {
  version: 5,
  name: 'exercises',
  up(db) {
    db.exec(`
      CREATE TABLE exercises (
        id           TEXT PRIMARY KEY,
        incident_id  TEXT NOT NULL REFERENCES incidents (id),
        scenario_id  TEXT NOT NULL,
        scenario     TEXT NOT NULL,   -- the scenario as started, JSON
        playbook_id  TEXT,
        clock        TEXT NOT NULL,   -- JSON: startedAt, elapsedMs, speed, running, finishedAt, segments
        injects      TEXT NOT NULL,   -- JSON array of inject states
        notes        TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        created_by   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX exercises_by_scenario ON exercises (scenario_id, created_at);

      CREATE TABLE exercise_scenarios (
        id           TEXT PRIMARY KEY,
        scenario     TEXT NOT NULL,   -- JSON, validated by shared/exercises/scenario.ts
        source       TEXT NOT NULL CHECK (source IN ('markdown', 'yaml')),
        imported_at  TEXT NOT NULL,
        imported_by  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
