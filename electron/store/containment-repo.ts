import { prepareRead, type WritableDB } from './database';
import type { WriteTx } from './store-writer';
import type { ActionView, EnvEntryView, OutputSegment, RunState, ScriptRun } from '../../shared/containment/model';

/** A user action's definition as stored: what the editor saved, minus secret values. */
export type StoredActionDefinition = Omit<ActionView, 'id' | 'source' | 'original' | 'updatedAt' | 'updatedBy' | 'env'> & {
  env: { name: string; secret: boolean; value: string | null }[];
};

interface ActionRow {
  id: string;
  definition: string;
  secrets: string;
  updated_at: string;
  updated_by: string;
}

/** User-defined actions. `secrets` is read only by `secretsOf` (for the runner), never by list/get. */
export class ActionRepo {
  private prepared: ReturnType<typeof prepareActions> | null = null;

  constructor(private readonly db: WritableDB) {}

  // Prepared on first use, then reused (a store opened at an older schema still opens).
  private get s() {
    return (this.prepared ??= prepareActions(this.db));
  }

  list(): ActionView[] {
    return this.s.list.all().map((row) => toView(row, JSON.parse(row.secret_names) as string[]));
  }

  get(id: string): ActionView | null {
    const row = this.s.get.get(id);
    return row ? toView(row, JSON.parse(row.secret_names) as string[]) : null;
  }

  /** Secret values by env name: for the runner only. */
  secretsOf(id: string): Record<string, string> {
    const text = this.s.secrets.get(id);
    return text ? (JSON.parse(text) as Record<string, string>) : {};
  }

  exists(id: string): boolean {
    return this.s.exists.get(id) !== undefined;
  }

  upsert(tx: WriteTx, id: string, definition: StoredActionDefinition, secrets: Record<string, string>, at: string, by: string): void {
    tx.assertOpen();
    this.s.upsert.run({ id, name: definition.name, definition: JSON.stringify(definition), secrets: JSON.stringify(secrets), at, by });
  }

  delete(tx: WriteTx, id: string): boolean {
    tx.assertOpen();
    return this.s.delete.run(id).changes > 0;
  }
}

type ActionListRow = Omit<ActionRow, 'secrets'> & { secret_names: string };
const actionListColumns = 'id, definition, updated_at, updated_by, (SELECT json_group_array(key) FROM json_each(secrets)) AS secret_names';

function prepareActions(db: WritableDB) {
  return {
    list: prepareRead<[], ActionListRow>(db, `SELECT ${actionListColumns} FROM actions ORDER BY name COLLATE NOCASE, id`),
    get: prepareRead<[string], ActionListRow>(db, `SELECT ${actionListColumns} FROM actions WHERE id = ?`),
    secrets: prepareRead<[string], string>(db, 'SELECT secrets FROM actions WHERE id = ?').pluck(),
    exists: prepareRead<[string], number>(db, 'SELECT 1 FROM actions WHERE id = ?').pluck(),
    upsert: db.prepare<[{ id: string; name: string; definition: string; secrets: string; at: string; by: string }]>(
      `INSERT INTO actions (id, name, definition, secrets, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @name, @definition, @secrets, @at, @by, @at, @by)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, definition = excluded.definition, secrets = excluded.secrets,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ),
    delete: db.prepare<[string]>('DELETE FROM actions WHERE id = ?'),
  };
}

function toView(row: Omit<ActionRow, 'secrets'>, secretNames: string[]): ActionView {
  const def = JSON.parse(row.definition) as StoredActionDefinition;
  const env: EnvEntryView[] = def.env.map((e) =>
    e.secret ? { name: e.name, secret: true, value: null, set: secretNames.includes(e.name) } : { name: e.name, secret: false, value: e.value ?? '', set: true },
  );
  return { ...def, id: row.id, source: 'user', env, original: null, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

interface RunRow {
  id: string;
  incident_id: string;
  action_id: string;
  action_name: string;
  argv: string;
  simulated: number;
  state: string;
  started_at: string;
  started_by: string;
  finished_at: string | null;
  exit_code: number | null;
  signal: string | null;
  duration_ms: number | null;
  output_bytes: number;
  kept_bytes: number;
  output_sha256: string | null;
  truncated: number;
}

const runColumns =
  'id, incident_id, action_id, action_name, argv, simulated, state, started_at, started_by, finished_at, exit_code, signal, duration_ms, output_bytes, kept_bytes, output_sha256, truncated';

export interface RunStart {
  id: string;
  incidentId: string;
  actionId: string;
  actionName: string;
  argv: string[];
  simulated: boolean;
  startedAt: string;
  startedBy: string;
  startedEventId: string;
}

export interface RunFinish {
  state: Exclude<RunState, 'running' | 'interrupted'>;
  finishedAt: string;
  finishedEventId: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  outputBytes: number;
  keptBytes: number;
  outputSha256: string;
  truncated: boolean;
  segments: OutputSegment[];
}

/**
 * Script runs and their kept output (inside the encrypted database). The one record of a run:
 * the incident's fold does not keep runs, so the timeline's events and this table cannot disagree.
 */
export class ScriptRunRepo {
  private prepared: ReturnType<typeof prepareRuns> | null = null;

  constructor(private readonly db: WritableDB) {}

  private get s() {
    return (this.prepared ??= prepareRuns(this.db));
  }

  start(tx: WriteTx, run: RunStart): void {
    tx.assertOpen();
    this.s.start.run(run.id, run.incidentId, run.actionId, run.actionName, JSON.stringify(run.argv), run.simulated ? 1 : 0, run.startedAt, run.startedBy, run.startedEventId);
  }

  finish(tx: WriteTx, id: string, f: RunFinish): void {
    tx.assertOpen();
    this.s.finish.run(f.state, f.finishedAt, f.finishedEventId, f.exitCode, f.signal, f.durationMs, f.outputBytes, f.keptBytes, f.outputSha256, f.truncated ? 1 : 0, JSON.stringify(f.segments), id);
  }

  get(id: string): ScriptRun | null {
    const row = this.s.get.get(id);
    return row ? toRun(row) : null;
  }

  list(incidentId: string): ScriptRun[] {
    return this.s.list.all(incidentId).map(toRun);
  }

  output(id: string): OutputSegment[] {
    const text = this.s.output.get(id);
    return text ? (JSON.parse(text) as OutputSegment[]) : [];
  }
}

function prepareRuns(db: WritableDB) {
  return {
    start: db.prepare<[string, string, string, string, string, number, string, string, string]>(
      `INSERT INTO script_runs (id, incident_id, action_id, action_name, argv, simulated, state, started_at, started_by, started_event_id)
       VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`,
    ),
    finish: db.prepare<[string, string, string, number | null, string | null, number, number, number, string, number, string, string]>(
      `UPDATE script_runs SET state = ?, finished_at = ?, finished_event_id = ?, exit_code = ?, signal = ?, duration_ms = ?,
         output_bytes = ?, kept_bytes = ?, output_sha256 = ?, truncated = ?, output = ? WHERE id = ?`,
    ),
    get: prepareRead<[string], RunRow>(db, `SELECT ${runColumns} FROM script_runs WHERE id = ?`),
    list: prepareRead<[string], RunRow>(db, `SELECT ${runColumns} FROM script_runs WHERE incident_id = ? ORDER BY started_at DESC, id DESC LIMIT 500`),
    output: prepareRead<[string], string | null>(db, 'SELECT output FROM script_runs WHERE id = ?').pluck(),
  };
}

function toRun(row: RunRow): ScriptRun {
  return {
    runId: row.id,
    incidentId: row.incident_id,
    actionId: row.action_id,
    actionName: row.action_name,
    argv: JSON.parse(row.argv) as string[],
    simulated: row.simulated === 1,
    state: row.state as RunState,
    startedAt: row.started_at,
    startedBy: row.started_by,
    finishedAt: row.finished_at,
    exitCode: row.exit_code,
    signal: row.signal,
    durationMs: row.duration_ms,
    outputBytes: row.output_bytes,
    keptBytes: row.kept_bytes,
    outputSha256: row.output_sha256,
    truncated: row.truncated === 1,
  };
}
