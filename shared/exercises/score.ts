import { exerciseTimeAt, type ClockState } from './clock';
import { describeAction, type ExpectedAction, type Scenario } from './scenario';

// Scoring an exercise, purely from the scenario, the injects' states, the incident's events and
// the exercise clock. Every time is exercise time: an event's wall recordedAt is mapped through
// the clock's history, so a pause or a speed change does not distort the figures.
//
// The automatic score counts only what the scenario expects and a machine can tell: expected
// actions done by their deadline (8 of 8 on time = 100). A note's wording is not such a thing
// (any note containing "statement" is not a holding statement agreed), so expectations of a
// note are shown with the first candidate note for the evaluator, and never counted. The
// checklist is shown beside the score, not mixed in; objectives get an evaluator's assessment
// (review.ts).

export type InjectStatus = 'pending' | 'fired' | 'skipped';

export interface InjectState {
  id: string;
  title: string;
  text: string;
  audience: string;
  /** When it is due, in exercise time; null while its `after` trigger has not happened. */
  dueMs: number | null;
  status: InjectStatus;
  firedAtMs: number | null;
  firedAtWall: string | null;
  eventId: string | null;
  edited: boolean;
}

/** What scoring needs of an event. */
export interface ScoredEvent {
  kind: string;
  recordedAt: string;
  /** The effective payload; null when redacted (never matches). */
  payload: Record<string, unknown> | null;
}

/** `assess`: not a machine's call (a note's content); the evaluator judges it, the score leaves it out. */
export type ExpectationStatus = 'hit' | 'late' | 'missed' | 'pending' | 'not_played' | 'assess';

export interface ExpectationScore {
  description: string;
  deadlineMs: number;
  status: ExpectationStatus;
  /** Exercise time from the inject to the first matching event (for `assess`: the first candidate note). */
  responseMs: number | null;
  /** For `assess`: the candidate note's text, for the evaluator to judge. */
  candidate?: string | null;
}

export interface InjectScore {
  injectId: string;
  title: string;
  status: InjectStatus;
  firedAtMs: number | null;
  expectations: ExpectationScore[];
}

export interface ScoreReport {
  injects: InjectScore[];
  /** The expected actions a machine can judge; `assess` counts those left to the evaluator. */
  actions: { hit: number; late: number; missed: number; pending: number; total: number; assess: number };
  /** `automatic`: false when reaching it is a matter of judgement (a note's content, or no action given). */
  outcomes: { description: string; reached: boolean; atMs: number | null; automatic: boolean }[];
  /** Shown beside the score, never part of it. */
  checklist: { done: number; total: number };
  /** From T+0, in exercise time; null when not reached. */
  durations: { toDetect: number | null; toContain: number | null; toResolve: number | null };
  /** 0..100: expected actions hit on time, of those a machine can judge that were played. 0 when none. */
  score: number;
  elapsedMs: number;
  finished: boolean;
}

const lower = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : '');

export function matches(action: ExpectedAction, event: ScoredEvent): boolean {
  const p = event.payload;
  if (p === null || event.kind !== action.kind) return false;
  switch (action.kind) {
    case 'severity_changed':
      return action.severity === undefined || lower(p.severity) === action.severity.toLowerCase();
    case 'phase_changed':
      return action.phase === undefined || lower(p.phase) === action.phase.toLowerCase();
    case 'script_started': {
      if (action.action === undefined) return true;
      const want = action.action.toLowerCase();
      return lower(p.actionId) === want || lower(p.name).includes(want);
    }
    case 'note':
      return action.contains === undefined || lower(p.text).includes(action.contains.toLowerCase());
    case 'role_assigned':
      return p.person !== null && (action.role === undefined || lower(p.role) === action.role.toLowerCase());
    case 'status_changed':
      return action.status === undefined || p.status === action.status;
    case 'checklist_item_set':
      return p.done === true && (action.item === undefined || lower(p.itemId) === action.item.toLowerCase());
  }
}

export interface ScoreInput {
  scenario: Scenario;
  injects: readonly InjectState[];
  events: readonly ScoredEvent[];
  clock: ClockState;
  /** Wall time now (ms): what is still pending is judged against it. */
  now: number;
  checklist: { done: number; total: number };
  /** Phase key -> name, to recognise a containment phase by its name too. */
  phaseNames?: Readonly<Record<string, string>>;
}

const containPhase = /contain/i;

export function scoreExercise(input: ScoreInput): ScoreReport {
  const { scenario, clock } = input;
  const finished = clock.finishedAt !== null;
  const nowMs = exerciseTimeAt(clock, finished ? Date.parse(clock.finishedAt ?? '') : input.now);
  const timed = input.events
    .map((e) => ({ e, wall: Date.parse(e.recordedAt) }))
    .filter((x) => Number.isFinite(x.wall))
    .sort((a, b) => a.wall - b.wall);
  const exOf = (wall: number) => exerciseTimeAt(clock, wall);
  const started = clock.startedAt === null ? Number.POSITIVE_INFINITY : Date.parse(clock.startedAt);

  const actions = { hit: 0, late: 0, missed: 0, pending: 0, total: 0, assess: 0 };
  const injects: InjectScore[] = scenario.injects.map((def) => {
    const st = input.injects.find((s) => s.id === def.id);
    const status: InjectStatus = st?.status ?? 'pending';
    const firedWall = st?.firedAtWall ? Date.parse(st.firedAtWall) : null;
    const firedAtMs = st?.firedAtMs ?? null;
    const expectations = def.expect.map((exp): ExpectationScore => {
      const description = exp.description ?? describeAction(exp.action);
      if (status !== 'fired' || firedWall === null || firedAtMs === null) {
        return { description, deadlineMs: exp.deadline, status: 'not_played', responseMs: null };
      }
      const hit = timed.find((x) => x.wall >= firedWall && matches(exp.action, x.e));
      if (exp.action.kind === 'note') {
        actions.assess++;
        const text = hit?.e.payload?.text;
        return { description, deadlineMs: exp.deadline, status: 'assess', responseMs: hit ? Math.max(0, exOf(hit.wall) - firedAtMs) : null, candidate: typeof text === 'string' ? text : null };
      }
      actions.total++;
      const responseMs = hit ? Math.max(0, exOf(hit.wall) - firedAtMs) : null;
      let s: ExpectationStatus;
      if (responseMs !== null) s = responseMs <= exp.deadline ? 'hit' : 'late';
      else s = finished || nowMs > firedAtMs + exp.deadline ? 'missed' : 'pending';
      actions[s === 'hit' ? 'hit' : s === 'late' ? 'late' : s === 'missed' ? 'missed' : 'pending']++;
      return { description, deadlineMs: exp.deadline, status: s, responseMs };
    });
    return { injectId: def.id, title: def.title, status, firedAtMs, expectations };
  });

  const outcomes = scenario.outcomes.map((o) => {
    const automatic = o.action !== undefined && o.action.kind !== 'note';
    const hit = automatic ? timed.find((x) => x.wall >= started && matches(o.action as ExpectedAction, x.e)) : undefined;
    return { description: o.description, reached: hit !== undefined, atMs: hit ? exOf(hit.wall) : null, automatic };
  });

  const first = (pred: (e: ScoredEvent) => boolean): number | null => {
    const x = timed.find((t) => t.wall >= started && t.e.payload !== null && pred(t.e));
    return x ? exOf(x.wall) : null;
  };
  const phaseName = (key: unknown) => (typeof key === 'string' ? `${key} ${input.phaseNames?.[key] ?? ''}` : '');
  const durations = {
    toDetect: first((e) => e.kind === 'severity_changed' || e.kind === 'phase_changed'),
    toContain: first(
      (e) => (e.kind === 'phase_changed' && containPhase.test(phaseName(e.payload?.phase))) || (e.kind === 'status_changed' && e.payload?.status === 'mitigated'),
    ),
    toResolve: first((e) => e.kind === 'status_changed' && (e.payload?.status === 'resolved' || e.payload?.status === 'closed')),
  };

  const score = actions.total > 0 ? Math.round((actions.hit / actions.total) * 100) : 0;

  return { injects, actions, outcomes, checklist: input.checklist, durations, score, elapsedMs: nowMs, finished };
}
