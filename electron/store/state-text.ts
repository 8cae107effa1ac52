import type { IncidentState } from '../../shared/events/fold';

/** An incident's state as last written, with the JSON of its slowly-changing part. */
export interface WrittenState {
  headHash: string;
  state: Readonly<IncidentState>;
  /** JSON of every field but the volatile ones below. */
  stableText: string;
}

/**
 * Copies the fold once kept of facts that now have one reader each (action items, post-mortem
 * revisions, script runs: see IncidentState.postmortem). States written before are read without
 * them, and the next write stores the state without them, so no stale copy outlives its reader.
 */
export function parseState(text: string): IncidentState {
  const state = JSON.parse(text) as IncidentState & { actionItems?: unknown; scriptRuns?: unknown };
  if (state.actionItems === undefined && state.scriptRuns === undefined && (state.postmortem === undefined || Object.keys(state.postmortem).length === 1)) return state;
  const { actionItems: _a, scriptRuns: _s, ...rest } = state;
  return { ...rest, ...(state.postmortem ? { postmortem: { status: state.postmortem.status } } : {}) };
}

/** The fields every event changes. */
const volatileKeys = ['updatedAt', 'eventCount', 'notesCount', 'headEventId', 'headHash'] as const;
type VolatileKey = (typeof volatileKeys)[number];
const isVolatile = (key: string): key is VolatileKey => (volatileKeys as readonly string[]).includes(key);

/**
 * The state as stored: its volatile fields first, then the rest. A busy incident's state is
 * 15 KB and more (checklist, runs, evidence, action items), and most events (notes above all)
 * change only the volatile fields, so the rest's JSON is carried over from the previous write
 * instead of being serialised again. Putting the volatile fields first also keeps the bytes an
 * ordinary event changes in the part of the row on the table's own page: SQLite rewrites only
 * the pages whose bytes changed when a row keeps its length, so the overflow pages holding the
 * rest stay as they are.
 */
export function stateText(next: IncidentState, previous: WrittenState | null): { text: string; stableText: string } {
  const stableText = previous && sameStableFields(next, previous.state) ? previous.stableText : JSON.stringify(stableFields(next));
  const head = JSON.stringify(Object.fromEntries(volatileKeys.map((key) => [key, next[key]])));
  const text = stableText === '{}' ? head : `${head.slice(0, -1)},${stableText.slice(1)}`;
  return { text, stableText };
}

function stableFields(state: IncidentState): Partial<IncidentState> {
  return Object.fromEntries(Object.entries(state).filter(([key]) => !isVolatile(key)));
}

/** applyEvent copies the state shallowly and replaces only what the event changed. */
function sameStableFields(next: IncidentState, previous: Readonly<IncidentState>): boolean {
  const keys = Object.keys(next) as (keyof IncidentState)[];
  if (keys.length !== Object.keys(previous).length) return false;
  return keys.every((key) => isVolatile(key) || next[key] === previous[key]);
}

/**
 * The last written state of the incidents written to recently, each valid while the incident's
 * head is still the one it was written with (so a rolled-back transaction only costs a miss).
 */
export class WrittenStates {
  private readonly entries = new Map<string, WrittenState>();

  constructor(private readonly capacity = 64) {}

  get(incidentId: string, headHash: string): WrittenState | null {
    const entry = this.entries.get(incidentId);
    if (!entry || entry.headHash !== headHash) return null;
    this.entries.delete(incidentId);
    this.entries.set(incidentId, entry);
    return entry;
  }

  forget(incidentId: string): void {
    this.entries.delete(incidentId);
  }

  remember(incidentId: string, entry: WrittenState): void {
    this.entries.delete(incidentId);
    this.entries.set(incidentId, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
