import { prepareRead, type WritableDB } from './database';
import type { WriteTx } from './store-writer';

/** An exercise as stored (migration 005): the JSON columns are parsed by the exercise service. */
export interface ExerciseRow {
  id: string;
  incident_id: string;
  scenario_id: string;
  scenario: string;
  playbook_id: string | null;
  clock: string;
  injects: string;
  notes: string;
  created_at: string;
  created_by: string;
}

export interface ExerciseInsert {
  id: string;
  incidentId: string;
  scenarioId: string;
  scenario: string;
  playbookId: string | null;
  clock: string;
  injects: string;
  at: string;
  by: string;
}

/**
 * Exercises and imported scenarios. Each statement is prepared once, on first use (a store at an
 * older schema still opens), instead of on every call; writes take the store's transaction.
 */
export class ExerciseRepo {
  private prepared: ReturnType<typeof prepare> | null = null;

  constructor(private readonly db: WritableDB) {}

  private get s() {
    return (this.prepared ??= prepare(this.db));
  }

  get(id: string): ExerciseRow | null {
    return this.s.byId.get(id) ?? null;
  }

  /** Newest first. */
  list(): ExerciseRow[] {
    return this.s.all.all();
  }

  /** The exercise clock (JSON) of the exercise running on this incident, if it is one. */
  clockOfIncident(incidentId: string): string | null {
    return this.s.clockOfIncident.get(incidentId) ?? null;
  }

  runningIds(): string[] {
    return this.s.running.all();
  }

  /** Earlier runs of the same scenario, oldest first. */
  earlierRuns(of: ExerciseRow): ExerciseRow[] {
    return this.s.earlier.all(of.scenario_id, of.created_at, of.id);
  }

  runsPerScenario(): Map<string, number> {
    return new Map(this.s.runsPerScenario.all().map((r) => [r.scenario_id, r.n]));
  }

  /** Imported scenarios in import order, as stored (JSON). */
  importedScenarios(): { id: string; scenario: string }[] {
    return this.s.scenarios.all();
  }

  insert(tx: WriteTx, e: ExerciseInsert): void {
    tx.assertOpen();
    this.s.insert.run(e.id, e.incidentId, e.scenarioId, e.scenario, e.playbookId, e.clock, e.injects, e.at, e.by, e.at);
  }

  /** The clock and injects as they are now; notes only when given. */
  update(tx: WriteTx, id: string, state: { clock: string; injects: string; notes: string | null; at: string }): void {
    tx.assertOpen();
    this.s.update.run(state.clock, state.injects, state.notes, state.at, id);
  }

  saveScenario(tx: WriteTx, s: { id: string; scenario: string; source: 'markdown' | 'yaml'; at: string; by: string }): void {
    tx.assertOpen();
    this.s.upsertScenario.run(s.id, s.scenario, s.source, s.at, s.by);
  }
}

function prepare(db: WritableDB) {
  return {
    byId: prepareRead<[string], ExerciseRow>(db, 'SELECT * FROM exercises WHERE id = ?'),
    all: prepareRead<[], ExerciseRow>(db, 'SELECT * FROM exercises ORDER BY created_at DESC'),
    clockOfIncident: prepareRead<[string], string>(db, 'SELECT clock FROM exercises WHERE incident_id = ?').pluck(),
    running: prepareRead<[], string>(db, "SELECT id FROM exercises WHERE json_extract(clock, '$.running') = 1").pluck(),
    earlier: prepareRead<[string, string, string], ExerciseRow>(
      db,
      'SELECT * FROM exercises WHERE scenario_id = ? AND created_at <= ? AND id <> ? ORDER BY created_at',
    ),
    runsPerScenario: prepareRead<[], { scenario_id: string; n: number }>(db, 'SELECT scenario_id, COUNT(*) AS n FROM exercises GROUP BY scenario_id'),
    scenarios: prepareRead<[], { id: string; scenario: string }>(db, 'SELECT id, scenario FROM exercise_scenarios ORDER BY imported_at'),
    insert: db.prepare<[string, string, string, string, string | null, string, string, string, string, string]>(
      `INSERT INTO exercises (id, incident_id, scenario_id, scenario, playbook_id, clock, injects, notes, created_at, created_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
    ),
    update: db.prepare<[string, string, string | null, string, string]>(
      'UPDATE exercises SET clock = ?, injects = ?, notes = COALESCE(?, notes), updated_at = ? WHERE id = ?',
    ),
    upsertScenario: db.prepare<[string, string, string, string, string]>(
      `INSERT INTO exercise_scenarios (id, scenario, source, imported_at, imported_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET scenario = excluded.scenario, source = excluded.source, imported_at = excluded.imported_at, imported_by = excluded.imported_by`,
    ),
  };
}
