import type { Db } from './database';
import type { ActionView, EnvEntryView, OutputSegment, RunState, ScriptRun } from '../../shared/actions/model';

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
  constructor(private readonly db: Db) {}

  list(): ActionView[] {
    const rows = this.db.prepare<[], Omit<ActionRow, 'secrets'> & { secret_names: string }>(
      `SELECT id, definition, updated_at, updated_by, (SELECT json_group_array(key) FROM json_each(secrets)) AS secret_names
       FROM actions ORDER BY name COLLATE NOCASE, id`,
    ).all();
    return rows.map((row) => toView(row, JSON.parse(row.secret_names) as string[]));
  }

  get(id: string): ActionView | null {
    const row = this.db
      .prepare<[string], Omit<ActionRow, 'secrets'> & { secret_names: string }>(
        `SELECT id, definition, updated_at, updated_by, (SELECT json_group_array(key) FROM json_each(secrets)) AS secret_names
         FROM actions WHERE id = ?`,
      )
      .get(id);
    return row ? toView(row, JSON.parse(row.secret_names) as string[]) : null;
  }

  /** Secret values by env name: for the runner only. */
  secretsOf(id: string): Record<string, string> {
    const text = this.db.prepare<[string], string>('SELECT secrets FROM actions WHERE id = ?').pluck().get(id);
    return text ? (JSON.parse(text) as Record<string, string>) : {};
  }

  exists(id: string): boolean {
    return this.db.prepare<[string], number>('SELECT 1 FROM actions WHERE id = ?').pluck().get(id) !== undefined;
  }

  upsert(id: string, definition: StoredActionDefinition, secrets: Record<string, string>, at: string, by: string): void {
    this.db
      .prepare(
        `INSERT INTO actions (id, name, definition, secrets, created_at, created_by, updated_at, updated_by)
         VALUES (@id, @name, @definition, @secrets, @at, @by, @at, @by)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, definition = excluded.definition, secrets = excluded.secrets,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run({ id, name: definition.name, definition: JSON.stringify(definition), secrets: JSON.stringify(secrets), at, by });
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM actions WHERE id = ?').run(id).changes > 0;
  }
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

/** Script runs and their kept output (inside the encrypted database). */
export class ScriptRunRepo {
  constructor(private readonly db: Db) {}

  start(run: RunStart): void {
    this.db
      .prepare(
        `INSERT INTO script_runs (id, incident_id, action_id, action_name, argv, simulated, state, started_at, started_by, started_event_id)
         VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`,
      )
      .run(run.id, run.incidentId, run.actionId, run.actionName, JSON.stringify(run.argv), run.simulated ? 1 : 0, run.startedAt, run.startedBy, run.startedEventId);
  }

  finish(id: string, f: RunFinish): void {
    this.db
      .prepare(
        `UPDATE script_runs SET state = ?, finished_at = ?, finished_event_id = ?, exit_code = ?, signal = ?, duration_ms = ?,
           output_bytes = ?, kept_bytes = ?, output_sha256 = ?, truncated = ?, output = ? WHERE id = ?`,
      )
      .run(f.state, f.finishedAt, f.finishedEventId, f.exitCode, f.signal, f.durationMs, f.outputBytes, f.keptBytes, f.outputSha256, f.truncated ? 1 : 0, JSON.stringify(f.segments), id);
  }

  get(id: string): ScriptRun | null {
    const row = this.db.prepare<[string], RunRow>(`SELECT ${runColumns} FROM script_runs WHERE id = ?`).get(id);
    return row ? toRun(row) : null;
  }

  list(incidentId: string): ScriptRun[] {
    return this.db
      .prepare<[string], RunRow>(`SELECT ${runColumns} FROM script_runs WHERE incident_id = ? ORDER BY started_at DESC, id DESC LIMIT 500`)
      .all(incidentId)
      .map(toRun);
  }

  output(id: string): OutputSegment[] {
    const text = this.db.prepare<[string], string | null>('SELECT output FROM script_runs WHERE id = ?').pluck().get(id);
    return text ? (JSON.parse(text) as OutputSegment[]) : [];
  }
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
