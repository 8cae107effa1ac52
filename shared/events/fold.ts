import type { LoggedEvent } from './event';
import type { IncidentKind, IncidentStatus } from './primitives';
import type { PayloadOf } from './payloads';

/** An incident's current state: a pure fold over its events, materialised by the store. */
export interface IncidentState {
  id: string;
  title: string;
  kind: IncidentKind;
  summary: string | null;
  playbookId: string | null;
  status: IncidentStatus;
  severity: string | null;
  /** The matrix cell of the latest severity call, when made on the matrix. */
  severityCell: { row: string; column: string } | null;
  phase: string | null;
  /** When the incident was declared in Cordon: the declared event's recordedAt (never backdated). */
  declaredAt: string;
  /**
   * When the problem was detected: the declared event's occurredAt, which the declare dialog lets
   * people backdate. Absent from states materialised before it existed (their declaredAt held
   * it); read it with `detectedAtOf`.
   */
  detectedAt?: string;
  declaredBy: string;
  /** recordedAt of the latest event. */
  updatedAt: string;
  resolvedAt: string | null;
  /**
   * When a commander first took the incident: the recordedAt of the declaration naming one, or
   * of the first commander assignment. Recorded time, never a backdated one: a detection typed
   * in as 25 minutes ago does not mean someone took charge 25 minutes ago. The response SLA
   * stops here.
   */
  acknowledgedAt: string | null;
  /** When personal data was found to be involved; null when not (or no longer) flagged. */
  personalDataAt: string | null;
  /** Compliance duty key -> when the authority was notified. */
  notified: Record<string, string>;
  /** Checklist item id -> the person or role it is assigned to. */
  assignments: Record<string, string>;
  roles: Record<string, { person: string; since: string }>;
  checklist: Record<string, { done: boolean; phase: string | null; label: string | null; by: string; at: string }>;
  keyEventIds: string[];
  notesCount: number;
  evidence: Record<string, { name: string; sha256: string; size: number; exports: number }>;
  /**
   * Only the post-mortem's status. Its revisions are read in one place, revisionsOf
   * (shared/postmortem/revisions.ts); its action items in one place, actionItemsFrom
   * (shared/postmortem/action-items.ts); script runs in one place, the script_runs table. The
   * state once kept copies of all three, folded with other rules, and they disagreed.
   */
  postmortem: { status: 'none' | 'draft' | 'in_review' | 'published' };
  injects: number;
  eventCount: number;
  amendedEventIds: string[];
  redactedEventIds: string[];
  headEventId: string;
  headHash: string;
}

/** The detection time of a state, including states materialised before `detectedAt` existed. */
export const detectedAtOf = (state: Pick<IncidentState, 'declaredAt' | 'detectedAt'>): string => state.detectedAt ?? state.declaredAt;

/** Kinds that are key events by default; amend's `key` flag overrides per event. */
const keyByDefault = new Set<string>(['declared', 'severity_changed', 'status_changed', 'phase_changed']);

/**
 * Applies one already-effective event (amends resolved, see `effectiveEvents`) to a state.
 * Never mutates its input. `state` is null only for an incident's first (declared) event.
 */
export function applyEvent(state: IncidentState | null, event: LoggedEvent, keyOverride?: boolean): IncidentState {
  if (state === null) {
    if (event.kind !== 'declared') throw new Error('an incident must begin with a declared event');
    const p = event.payload;
    return {
      id: event.incidentId,
      title: p.title,
      kind: p.kind,
      summary: p.summary ?? null,
      playbookId: p.playbookId ?? null,
      status: 'active',
      severity: p.severity ?? null,
      severityCell: null,
      phase: null,
      declaredAt: event.recordedAt,
      detectedAt: event.occurredAt,
      declaredBy: event.actor,
      updatedAt: event.recordedAt,
      resolvedAt: null,
      acknowledgedAt: p.commander ? event.recordedAt : null,
      personalDataAt: null,
      notified: {},
      assignments: {},
      roles: p.commander ? { commander: { person: p.commander, since: event.occurredAt } } : {},
      checklist: {},
      keyEventIds: keyOverride === false ? [] : [event.id],
      notesCount: 0,
      evidence: {},
      postmortem: { status: 'none' },
      injects: 0,
      eventCount: 1,
      amendedEventIds: [],
      redactedEventIds: [],
      headEventId: event.id,
      headHash: event.hash,
    };
  }
  const next: IncidentState = {
    ...state,
    updatedAt: event.recordedAt,
    eventCount: state.eventCount + 1,
    headEventId: event.id,
    headHash: event.hash,
  };
  const isKey = keyOverride ?? (event.kind === 'note' ? event.payload.key === true : keyByDefault.has(event.kind));
  if (isKey && !next.keyEventIds.includes(event.id)) next.keyEventIds = [...next.keyEventIds, event.id];
  switch (event.kind) {
    case 'declared': {
      // Only reached when an amend replaced the declared payload and the log is refolded.
      const p = event.payload;
      Object.assign(next, { title: p.title, kind: p.kind, summary: p.summary ?? null, playbookId: p.playbookId ?? null });
      break;
    }
    case 'note':
      next.notesCount += 1;
      break;
    case 'severity_changed':
      next.severity = event.payload.severity;
      next.severityCell = event.payload.cell ?? null;
      break;
    case 'status_changed':
      next.status = event.payload.status;
      if ((event.payload.status === 'resolved' || event.payload.status === 'closed') && next.resolvedAt === null) {
        next.resolvedAt = event.occurredAt;
      }
      if (event.payload.status === 'active' || event.payload.status === 'mitigated') next.resolvedAt = null;
      break;
    case 'phase_changed':
      next.phase = event.payload.phase;
      break;
    case 'role_assigned': {
      const { role, person } = event.payload;
      next.roles =
        person === null
          ? Object.fromEntries(Object.entries(next.roles).filter(([name]) => name !== role))
          : { ...next.roles, [role]: { person, since: event.occurredAt } };
      if (role === 'commander' && person !== null && next.acknowledgedAt === null) next.acknowledgedAt = event.recordedAt;
      break;
    }
    case 'checklist_item_set': {
      const p = event.payload;
      next.checklist = {
        ...next.checklist,
        [p.itemId]: { done: p.done, phase: p.phase ?? null, label: p.label ?? null, by: event.actor, at: event.occurredAt },
      };
      break;
    }
    case 'checklist_item_assigned': {
      const { itemId, assignee } = event.payload;
      next.assignments =
        assignee === null
          ? Object.fromEntries(Object.entries(next.assignments).filter(([id]) => id !== itemId))
          : { ...next.assignments, [itemId]: assignee };
      break;
    }
    case 'personal_data_flagged':
      next.personalDataAt = event.payload.involved ? (next.personalDataAt ?? event.occurredAt) : null;
      break;
    case 'regulator_notified':
      next.notified = { ...next.notified, [event.payload.dutyKey]: event.occurredAt };
      break;
    case 'evidence_added': {
      const p = event.payload;
      next.evidence = { ...next.evidence, [p.evidenceId]: { name: p.name, sha256: p.sha256, size: p.size, exports: 0 } };
      break;
    }
    case 'evidence_exported': {
      const item = next.evidence[event.payload.evidenceId];
      if (item) next.evidence = { ...next.evidence, [event.payload.evidenceId]: { ...item, exports: item.exports + 1 } };
      break;
    }
    case 'postmortem_saved':
      if (next.postmortem.status === 'none') next.postmortem = { status: 'draft' };
      break;
    case 'postmortem_status':
      next.postmortem = { status: event.payload.status };
      break;
    case 'inject':
      next.injects += 1;
      break;
    // A run's one record is its script_runs row (written in the same transaction); action
    // items are read by actionItemsFrom, their one fold.
    case 'script_started':
    case 'script_finished':
    case 'action_item_created':
    case 'action_item_updated':
    case 'document_exported':
    case 'exercise_decision':
    case 'objective_assessed':
    case 'hot_wash_noted':
    case 'device_joined':
    case 'device_admitted':
    case 'device_removed':
      // Read from the log by the reports that show them; nothing in the state depends on them.
      break;
    case 'amend':
    case 'redact':
      // Their effect is applied by effectiveEvents before folding; here they only count.
      break;
  }
  return next;
}

export interface EventCorrections {
  /** The latest amend of each event, merged in log order. */
  occurredAt: Map<string, string>;
  payload: Map<string, Record<string, unknown>>;
  key: Map<string, boolean>;
  amendedBy: Map<string, string[]>;
  redactedBy: Map<string, string>;
}

/** Collects what the amend and redact events in `events` say about the events they point at. */
export function collectCorrections(events: Iterable<LoggedEvent>): EventCorrections {
  const c: EventCorrections = { occurredAt: new Map(), payload: new Map(), key: new Map(), amendedBy: new Map(), redactedBy: new Map() };
  for (const event of events) {
    if (event.kind === 'amend') {
      const p: PayloadOf<'amend'> = event.payload;
      if (p.occurredAt !== undefined) c.occurredAt.set(p.targetEventId, p.occurredAt);
      if (p.payload !== undefined) c.payload.set(p.targetEventId, p.payload);
      if (p.key !== undefined) c.key.set(p.targetEventId, p.key);
      c.amendedBy.set(p.targetEventId, [...(c.amendedBy.get(p.targetEventId) ?? []), event.id]);
    } else if (event.kind === 'redact' && !c.redactedBy.has(event.payload.targetEventId)) {
      c.redactedBy.set(event.payload.targetEventId, event.id);
    }
  }
  return c;
}

/** The event as views show it: amends applied. (Redaction is shown by the caller, not folded away.) */
export function effectiveEvent(event: LoggedEvent, c: EventCorrections): LoggedEvent {
  const occurredAt = c.occurredAt.get(event.id);
  const payload = c.payload.get(event.id);
  if (occurredAt === undefined && payload === undefined) return event;
  return { ...event, occurredAt: occurredAt ?? event.occurredAt, payload: payload ?? event.payload } as LoggedEvent;
}

/**
 * The whole fold: state from an incident's complete log, in chain order. Amended events count
 * with their latest correction; redacted events still count as events but change nothing
 * (a redacted note is not a note any more; a redacted severity call is withdrawn).
 */
export function foldIncident(events: readonly LoggedEvent[]): IncidentState {
  const c = collectCorrections(events);
  let state = null as IncidentState | null;
  for (const raw of events) {
    const event = effectiveEvent(raw, c);
    const current: IncidentState | null = state;
    if (current !== null && c.redactedBy.has(event.id)) {
      state = { ...current, updatedAt: event.recordedAt, eventCount: current.eventCount + 1, headEventId: event.id, headHash: event.hash };
      continue;
    }
    state = applyEvent(current, event, c.key.get(event.id));
    // A redacted declaration keeps the incident but not its words.
    if (current === null && c.redactedBy.has(event.id)) state = { ...state, title: 'Redacted incident', summary: null };
  }
  if (state === null) throw new Error('an incident has at least one event');
  return {
    ...state,
    amendedEventIds: [...c.amendedBy.keys()],
    redactedEventIds: [...c.redactedBy.keys()],
    keyEventIds: state.keyEventIds.filter((id) => !c.redactedBy.has(id)),
  };
}
