import type { EventKind } from '../events/kinds';
import type { PayloadOf } from '../events/payloads';
import type { IncidentStatus } from '../events/primitives';
import type { EventView, TimelineRow } from '../events/read-models';
import type { Playbook } from '../playbook/model';

// Filtering and describing timeline events. Everything here runs over up to ~100k events, so
// each helper is one linear pass (plus a sort) and per-event results are cached by identity.

export interface TimelineFilter {
  /** Only these kinds; empty or undefined = all. */
  kinds?: readonly EventKind[];
  /** Only events that occurred while this phase was in force; NO_PHASE = before the first phase. */
  phase?: string;
  actor?: string;
  /** Case-insensitive substring over the payload's text fields and the actor. */
  text?: string;
  keyOnly?: boolean;
}

/** The `phase` filter value meaning "before any phase was set". */
export const NO_PHASE = '__none__';

export const timeOf = (e: TimelineRow): number => Date.parse(e.effectiveOccurredAt);

/** Chronological by when things happened (backdated notes land where they belong), ties by log order. */
export function sortChronologically(events: readonly EventView[]): EventView[] {
  const times = new Map<EventView, number>();
  for (const e of events) times.set(e, timeOf(e));
  return [...events].sort((a, b) => (times.get(a) ?? 0) - (times.get(b) ?? 0) || a.n - b.n);
}

export interface PhaseChange {
  at: number;
  phase: string;
  eventId: string;
}

/** Phase changes in time order; redacted ones are withdrawn, amended ones use their correction. */
export function phaseChanges(events: readonly EventView[]): PhaseChange[] {
  const out: PhaseChange[] = [];
  for (const e of events) {
    if (e.kind !== 'phase_changed' || e.redactedBy !== null) continue;
    const phase = e.effectivePayload?.phase;
    if (phase !== undefined) out.push({ at: timeOf(e), phase, eventId: e.id });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The phase in force at `at` (a phase change at exactly `at` counts); null before the first. */
export function phaseAt(changes: readonly PhaseChange[], at: number): string | null {
  let lo = 0;
  let hi = changes.length - 1;
  let found: string | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = changes[mid];
    if (c === undefined) break;
    if (c.at <= at) {
      found = c.phase;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const searchCache = new WeakMap<TimelineRow, string>();

function collectText(value: unknown, out: string[], depth: number): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectText(v, out, depth + 1);
  else if (value !== null && typeof value === 'object' && depth < 2) for (const v of Object.values(value)) collectText(v, out, depth + 1);
}

/** Lower-cased searchable text of an event (payload strings and actor), cached per event object. */
export function searchTextOf(e: TimelineRow): string {
  let s = searchCache.get(e);
  if (s === undefined) {
    const parts: string[] = [e.actor];
    // A redacted event is searchable by nothing but its actor: its words are gone from views.
    if (e.effectivePayload) collectText(e.effectivePayload, parts, 0);
    s = parts.join('\n').toLowerCase();
    searchCache.set(e, s);
  }
  return s;
}

export function isFilterEmpty(f: TimelineFilter): boolean {
  return !f.kinds?.length && f.phase === undefined && !f.actor && !f.text?.trim() && !f.keyOnly;
}

/** One pass over `events` (keeps their order). `changes` from phaseChanges(allEvents). */
export function filterEvents(events: readonly EventView[], filter: TimelineFilter, changes: readonly PhaseChange[] = []): readonly EventView[] {
  if (isFilterEmpty(filter)) return events;
  const kinds = filter.kinds?.length ? new Set<string>(filter.kinds) : null;
  const needle = filter.text?.trim().toLowerCase() ?? '';
  const wantedPhase = filter.phase === NO_PHASE ? null : filter.phase;
  return events.filter((e) => {
    if (kinds && !kinds.has(e.kind)) return false;
    if (filter.keyOnly && !e.key) return false;
    if (filter.actor && e.actor !== filter.actor) return false;
    if (filter.phase !== undefined && phaseAt(changes, timeOf(e)) !== wantedPhase) return false;
    if (needle !== '' && !searchTextOf(e).includes(needle)) return false;
    return true;
  });
}

/** Distinct actors, most active first (for the filter's actor list). */
export function actorsOf(events: readonly EventView[]): string[] {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.actor, (counts.get(e.actor) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([a]) => a);
}

// ---- describing events ---------------------------------------------------------------------

export interface EventDescription {
  /** A short glyph; decorative (screen readers get the kind label). */
  icon: string;
  title: string;
  detail: string | null;
}

export const kindLabels: Record<EventKind, string> = {
  declared: 'Declared',
  note: 'Note',
  severity_changed: 'Severity',
  status_changed: 'Status',
  phase_changed: 'Phase',
  role_assigned: 'Role',
  checklist_item_set: 'Checklist',
  checklist_item_assigned: 'Checklist owner',
  personal_data_flagged: 'Personal data',
  regulator_notified: 'Regulator notified',
  script_started: 'Script started',
  script_finished: 'Script finished',
  evidence_added: 'Evidence added',
  evidence_exported: 'Evidence exported',
  postmortem_saved: 'Post-mortem saved',
  postmortem_status: 'Post-mortem status',
  action_item_created: 'Action item',
  action_item_updated: 'Action item update',
  amend: 'Correction',
  redact: 'Redaction',
  inject: 'Inject',
  comms_update_sent: 'Update sent',
  document_exported: 'Export',
  exercise_decision: 'Decision',
  objective_assessed: 'Assessment',
  hot_wash_noted: 'Hot wash',
  device_joined: 'Laptop joined',
  device_admitted: 'Laptop admitted',
  device_removed: 'Laptop removed',
};

export const kindIcons: Record<EventKind, string> = {
  declared: '⚑',
  note: '✎',
  severity_changed: '▲',
  status_changed: '◐',
  phase_changed: '➔',
  role_assigned: '☺',
  checklist_item_set: '☑',
  checklist_item_assigned: '☺',
  personal_data_flagged: '⚠',
  regulator_notified: '✉',
  script_started: '▶',
  script_finished: '■',
  evidence_added: '⎘',
  evidence_exported: '⇪',
  postmortem_saved: '✐',
  postmortem_status: '✐',
  action_item_created: '✚',
  action_item_updated: '✚',
  amend: '✱',
  redact: '⊘',
  inject: '⚡',
  comms_update_sent: '✆',
  document_exported: '⇪',
  exercise_decision: '✔',
  objective_assessed: '◎',
  hot_wash_noted: '✎',
  device_joined: '⇄',
  device_admitted: '⇄',
  device_removed: '⇄',
};

const statusLabels: Record<IncidentStatus, string> = { active: 'Active', mitigated: 'Mitigated', resolved: 'Resolved', closed: 'Closed' };
const outcomeLabels: Record<PayloadOf<'script_finished'>['outcome'], string> = {
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'was cancelled',
  timed_out: 'timed out',
  simulated: 'was simulated',
};
const itemStatusLabels: Record<NonNullable<PayloadOf<'action_item_updated'>['status']>, string> = { open: 'open', in_progress: 'in progress', done: 'done', wont_do: 'won’t do' };

const withReason = (text: string, reason: string | undefined): string => (reason ? `${text} — ${reason}` : text);
const shortHash = (h: string): string => `${h.slice(0, 12)}…`;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** "SEV1 (Critical)" for a level key, or the key itself. */
export function severityName(key: string, playbook?: Playbook | null): string {
  const level = playbook?.severities.find((l) => l.key === key || l.code === key);
  if (!level) return key;
  return level.name && !level.code.toLowerCase().includes(level.name.toLowerCase()) ? `${level.code} (${level.name})` : level.code;
}

export function phaseName(key: string | null, playbook?: Playbook | null): string {
  if (key === null) return 'No phase';
  return playbook?.phases.find((p) => p.key === key)?.name ?? key;
}

export function roleName(key: string, playbook?: Playbook | null): string {
  const builtIn: Record<string, string> = { commander: 'Incident Commander', scribe: 'Scribe', communications: 'Communications Lead' };
  return builtIn[key] ?? playbook?.roles.find((r) => r.key === key)?.name ?? key;
}

function itemText(itemId: string, phase: string | undefined, playbook?: Playbook | null): { text: string; phase: string | undefined } {
  for (const p of playbook?.phases ?? []) {
    const item = p.items.find((i) => i.key === itemId);
    if (item && (phase === undefined || phase === p.key)) return { text: item.text, phase: p.key };
  }
  return { text: itemId, phase };
}

export interface DescribeContext {
  playbook?: Playbook | null;
  /** For a redacted event: the redact event's reason (shown instead of the content). */
  redactionReason?: string | null;
}

/** A human sentence for any event. Redacted events say so and show nothing of their content. */
export function describeEvent(event: TimelineRow, ctx: DescribeContext = {}): EventDescription {
  const { playbook } = ctx;
  const kind = event.kind;
  const icon = kindIcons[kind];
  if (event.redactedBy !== null || event.effectivePayload === null) {
    return { icon: kindIcons.redact, title: `Redacted: ${ctx.redactionReason ?? 'reason not loaded'}`, detail: `${kindLabels[kind]} hidden` };
  }
  // Each case reads the payload its kind has (amends applied): a renamed field fails to compile here.
  switch (event.kind) {
    case 'declared': {
      const p = event.effectivePayload;
      const bits = [
        p.severity ? `Severity ${severityName(p.severity, playbook)}` : undefined,
        p.commander ? `Commander ${p.commander}` : undefined,
        p.kind === 'exercise' ? 'Exercise' : undefined,
        p.summary,
      ].filter((x): x is string => x !== undefined);
      return { icon, title: `Incident declared: ${p.title}`, detail: bits.length ? bits.join(' · ') : null };
    }
    case 'note':
      return { icon, title: event.effectivePayload.text, detail: null };
    case 'severity_changed': {
      const p = event.effectivePayload;
      return { icon, title: withReason(`Severity set to ${severityName(p.severity, playbook)}`, p.reason), detail: null };
    }
    case 'status_changed': {
      const p = event.effectivePayload;
      return { icon, title: withReason(`Status set to ${statusLabels[p.status]}`, p.reason), detail: null };
    }
    case 'phase_changed': {
      const p = event.effectivePayload;
      return { icon, title: withReason(`Moved to ${phaseName(p.phase, playbook)}`, p.reason), detail: null };
    }
    case 'role_assigned': {
      const p = event.effectivePayload;
      const role = roleName(p.role, playbook);
      return { icon, title: p.person ? `${p.person} is now ${role}` : `${role} released`, detail: null };
    }
    case 'checklist_item_set': {
      const p = event.effectivePayload;
      const found = itemText(p.itemId, p.phase, playbook);
      const label = p.label ?? found.text;
      const phase = found.phase ? ` (${phaseName(found.phase, playbook)})` : '';
      return { icon: p.done ? '☑' : '☐', title: `${p.done ? 'Ticked' : 'Unticked'} “${label}”${phase}`, detail: null };
    }
    case 'checklist_item_assigned': {
      const p = event.effectivePayload;
      const label = p.label ?? itemText(p.itemId, p.phase, playbook).text;
      return { icon, title: p.assignee ? `Assigned “${label}” to ${p.assignee}` : `Unassigned “${label}”`, detail: null };
    }
    case 'personal_data_flagged': {
      const p = event.effectivePayload;
      const title = p.involved ? 'Personal data is involved: regulatory clocks started' : 'Personal data is not involved after all';
      return { icon, title: withReason(title, p.reason), detail: null };
    }
    case 'regulator_notified': {
      const p = event.effectivePayload;
      const duty = playbook?.compliance.find((d) => d.key === p.dutyKey);
      const what = duty ? `${duty.framework} ${duty.control}`.trim() : p.dutyKey;
      const bits = [p.authority, p.reference ? `ref. ${p.reference}` : undefined].filter((x): x is string => x !== undefined);
      return { icon, title: `Regulator notified for ${what}`, detail: bits.length ? bits.join(' · ') : null };
    }
    case 'script_started': {
      const p = event.effectivePayload;
      const action = p.name ?? playbook?.actions.find((a) => a.key === p.actionId)?.name ?? p.actionId;
      return { icon, title: `Started ${action}${p.simulated ? ' (simulated)' : ''}`, detail: p.argv.join(' ') };
    }
    case 'script_finished': {
      const p = event.effectivePayload;
      const bits = [p.exitCode !== null ? `exit ${p.exitCode}` : p.signal ? `signal ${p.signal}` : undefined, `${(p.durationMs / 1000).toFixed(1)} s`].filter(Boolean);
      return {
        icon: p.outcome === 'succeeded' ? '✓' : p.outcome === 'simulated' ? '■' : '✗',
        title: `Script ${outcomeLabels[p.outcome]} (${bits.join(', ')})`,
        detail: [
          `Output ${formatBytes(p.outputBytes)}${p.truncated ? ' (truncated)' : ''}, SHA-256 ${shortHash(p.outputSha256)}`,
          p.stragglersKilled ? `Cordon ended ${p.stragglersKilled} process${p.stragglersKilled === 1 ? '' : 'es'} the program left running` : null,
        ]
          .filter(Boolean)
          .join('. '),
      };
    }
    case 'evidence_added': {
      const p = event.effectivePayload;
      return { icon, title: `Evidence added: ${p.name}`, detail: `${formatBytes(p.size)}, ${p.mediaType}, SHA-256 ${shortHash(p.sha256)}` };
    }
    case 'evidence_exported': {
      const p = event.effectivePayload;
      return { icon, title: `Evidence exported to ${p.destination}`, detail: `SHA-256 ${shortHash(p.sha256)}` };
    }
    case 'postmortem_saved':
      return { icon, title: `Post-mortem saved (revision ${event.effectivePayload.revision})`, detail: null };
    case 'postmortem_status': {
      const s = { draft: 'back to draft', in_review: 'in review', published: 'published' } as const;
      return { icon, title: `Post-mortem ${s[event.effectivePayload.status]}`, detail: null };
    }
    case 'action_item_created': {
      const p = event.effectivePayload;
      const bits = [p.owner ? `Owner ${p.owner}` : undefined, p.dueDate ? `due ${p.dueDate}` : undefined].filter(Boolean);
      return { icon, title: `Action item: ${p.title}`, detail: bits.length ? bits.join(', ') : null };
    }
    case 'action_item_updated': {
      const p = event.effectivePayload;
      const bits = [
        p.title ? `title “${p.title}”` : undefined,
        p.status !== undefined ? `status ${itemStatusLabels[p.status]}` : undefined,
        p.owner === null ? 'owner cleared' : p.owner ? `owner ${p.owner}` : undefined,
        p.dueDate === null ? 'due date cleared' : p.dueDate ? `due ${p.dueDate}` : undefined,
      ].filter(Boolean);
      return { icon, title: `Action item updated${bits.length ? `: ${bits.join(', ')}` : ''}`, detail: null };
    }
    case 'amend': {
      const p = event.effectivePayload;
      const changed = [p.occurredAt !== undefined ? 'time' : '', p.payload !== undefined ? 'content' : '', p.key !== undefined ? (p.key ? 'marked key' : 'unmarked key') : '']
        .filter((x) => x !== '')
        .join(', ');
      return { icon, title: withReason(`Corrected an earlier event (${changed || 'no change'})`, p.reason), detail: null };
    }
    case 'redact':
      return { icon, title: withReason('Redacted an earlier event', event.effectivePayload.reason), detail: null };
    case 'inject': {
      const p = event.effectivePayload;
      return { icon, title: `Inject: ${p.title}`, detail: p.text };
    }
    case 'comms_update_sent': {
      const p = event.effectivePayload;
      return { icon, title: `Update sent to ${p.audienceName}${p.subject ? `: ${p.subject}` : ''}`, detail: p.text };
    }
    case 'document_exported': {
      const p = event.effectivePayload;
      const doc = { postmortem: 'Post-mortem', after_action_report: 'After-action report', bundle: 'Evidence bundle' } as const;
      const fmt = { markdown: 'Markdown', pdf: 'PDF', zip: 'ZIP' } as const;
      return {
        icon,
        title: `${doc[p.document]} exported as ${fmt[p.format]}: ${p.fileName}`,
        detail: `${formatBytes(p.bytes)}, SHA-256 ${shortHash(p.sha256)}, chain head ${shortHash(p.chainHead)}`,
      };
    }
    case 'exercise_decision': {
      const p = event.effectivePayload;
      return { icon, title: `Decision on ${p.injectId}: ${p.text}`, detail: null };
    }
    case 'objective_assessed': {
      const p = event.effectivePayload;
      const r = { met: 'met', partly: 'partly met', not_met: 'not met' } as const;
      return { icon, title: `Objective ${p.objectiveId} assessed: ${r[p.rating]}`, detail: p.note ?? null };
    }
    case 'hot_wash_noted': {
      const p = event.effectivePayload;
      return { icon, title: `Hot wash (${p.category === 'went_well' ? 'went well' : 'to improve'}): ${p.text}`, detail: null };
    }
    case 'device_joined':
    case 'device_admitted': {
      const p = event.effectivePayload;
      return { icon, title: `Laptop ${event.kind === 'device_joined' ? 'joined' : 'admitted'}: ${p.name}`, detail: `fingerprint ${p.fingerprint}` };
    }
    case 'device_removed':
      return { icon, title: `Laptop removed: ${event.effectivePayload.name}`, detail: 'its later writes are refused' };
  }
}

/**
 * sortChronologically with memory: when the next list is the previous one plus appended events
 * (the live case: one note at a time), only the new tail is sorted and merged in, O(n) instead
 * of O(n log n) for 100k events. Any other change falls back to a full sort.
 */
export class ChronologicalSorter {
  private input: readonly EventView[] | null = null;
  private output: EventView[] = [];

  sort(events: readonly EventView[]): EventView[] {
    const prev = this.input;
    if (prev === events) return this.output;
    let out: EventView[];
    if (prev !== null && prev.length > 0 && events.length >= prev.length && events[0] === prev[0] && events[prev.length - 1] === prev[prev.length - 1]) {
      const tail = sortChronologically(events.slice(prev.length));
      out = mergeSorted(this.output, tail);
    } else out = sortChronologically(events);
    this.input = events;
    this.output = out;
    return out;
  }
}

function mergeSorted(a: readonly EventView[], b: readonly EventView[]): EventView[] {
  if (b.length === 0) return [...a];
  const out: EventView[] = new Array<EventView>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  const before = (x: EventView, y: EventView) => {
    const d = timeOf(x) - timeOf(y);
    return d < 0 || (d === 0 && x.n < y.n);
  };
  // Fast path: the common append is later than everything already shown.
  while (i < a.length && j < b.length) {
    const x = a[i] as EventView;
    const y = b[j] as EventView;
    if (before(y, x)) {
      out[k++] = y;
      j++;
    } else {
      out[k++] = x;
      i++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as EventView;
  while (j < b.length) out[k++] = b[j++] as EventView;
  return out;
}
