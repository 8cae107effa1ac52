import type { IncidentState } from '../events/fold';
import type { EventKind } from '../events/kinds';
import type { PayloadOf } from '../events/payloads';
import type { IncidentStatus } from '../events/primitives';
import type { Playbook } from '../playbook/model';
import { slugify } from '../playbook/slug';
import { warRoles } from './roles';

/**
 * What a person does in the war room, turned into the one event it records, or refused with a
 * sentence saying why. Each function takes the command (what the page sent, parsed by the
 * contract) and what the main process knows (the incident's current state, its pinned
 * playbook), so every rule lives here once and the page cannot bend it.
 */

/** The kinds a war-room command writes: the war room's own facts. `amend` only for a star. */
export type WarRoomKind = Extract<
  EventKind,
  | 'note'
  | 'severity_changed'
  | 'status_changed'
  | 'phase_changed'
  | 'role_assigned'
  | 'checklist_item_set'
  | 'checklist_item_assigned'
  | 'personal_data_flagged'
  | 'regulator_notified'
  | 'amend'
>;
export type IntentBody = { [K in WarRoomKind]: { kind: K; payload: PayloadOf<K> } }[WarRoomKind];

/** The event to append, and when it happened when the person said so. */
export interface Decision {
  body: IntentBody;
  occurredAt?: string;
}

export interface IncidentContext {
  state: IncidentState;
  /** The playbook version the incident is pinned to; null when it has none. */
  playbook: Playbook | null;
}

/** A command the incident's state or playbook does not allow; the message is for the person. */
export class IntentRefused extends Error {
  override readonly name = 'IntentRefused';
  constructor(
    readonly code: 'bad_input' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}
const refuse = (message: string): never => {
  throw new IntentRefused('bad_input', message);
};
const conflict = (message: string): never => {
  throw new IntentRefused('conflict', message);
};

/** Checklist labels are stored as shown, cut to the payload's limit. */
const maxLabel = 200;

// ---- notes

export function noteAdd(command: { text: string; key?: boolean | undefined; occurredAt?: string | undefined }): Decision {
  return {
    body: { kind: 'note', payload: { text: command.text, ...(command.key ? { key: true } : {}) } },
    ...(command.occurredAt ? { occurredAt: command.occurredAt } : {}),
  };
}

/** Marks an event as a key event, or takes the mark away: an amend of its key flag. */
export function eventStar(command: { eventId: string; key: boolean }, { state }: IncidentContext): Decision {
  if (state.redactedEventIds.includes(command.eventId)) refuse('That event is redacted: it can no longer be marked.');
  const isKey = state.keyEventIds.includes(command.eventId);
  if (isKey === command.key) conflict(command.key ? 'That event is already a key event.' : 'That event is not a key event.');
  return {
    body: {
      kind: 'amend',
      payload: { targetEventId: command.eventId, reason: command.key ? 'Marked as a key event' : 'No longer a key event', key: command.key },
    },
  };
}

// ---- severity, status, phase

/** A severity call on one of the playbook's levels, with the matrix cell it was made on. */
export function severityCall(
  command: { severity: string; rationale: string; cell?: { row: string; column: string } | undefined },
  { playbook }: IncidentContext,
): Decision {
  const levels = playbook?.severities ?? [];
  if (levels.length > 0 && !levels.some((l) => l.key === command.severity)) {
    refuse(`The playbook has no severity level “${command.severity}”. Choose one of ${levels.map((l) => l.key).join(', ')}.`);
  }
  const { cell } = command;
  if (cell) {
    const matrix = playbook?.matrix;
    const found = matrix?.kind === 'grid' ? matrix.cells.find((c) => c.row === cell.row && c.column === cell.column) : undefined;
    if (!found) refuse(`The playbook's severity matrix has no cell “${cell.row}” × “${cell.column}”.`);
    else if (found.level !== command.severity) refuse(`The cell “${cell.row}” × “${cell.column}” calls ${found.level}, not ${command.severity}.`);
  }
  return { body: { kind: 'severity_changed', payload: { severity: command.severity, reason: command.rationale, ...(cell ? { cell } : {}) } } };
}

export function statusSet(command: { status: IncidentStatus; reason?: string | undefined }, { state }: IncidentContext): Decision {
  if (state.status === command.status) conflict(`The incident is already ${command.status}.`);
  return { body: { kind: 'status_changed', payload: { status: command.status, ...(command.reason ? { reason: command.reason } : {}) } } };
}

/** Starts the first phase or advances to another: any phase of the playbook, not the one in force. */
export function phaseStart(command: { phase: string }, { state, playbook }: IncidentContext): Decision {
  const phase = phaseOf(playbook, command.phase);
  if (state.phase === phase.key) conflict(`The incident is already in the ${phase.name} phase.`);
  return { body: { kind: 'phase_changed', payload: { phase: phase.key } } };
}

function phaseOf(playbook: Playbook | null, key: string) {
  const phase = playbook?.phases.find((p) => p.key === key);
  if (!phase) {
    return refuse(playbook ? `The playbook has no phase “${key}”.` : 'This incident has no playbook, so it has no phases.');
  }
  return phase;
}

// ---- roles

/** The roles a person can take: the three every incident has, the playbook's, and any held. */
function roleName(state: IncidentState, playbook: Playbook | null, role: string): string {
  const known = warRoles(playbook?.roles ?? []).find((r) => r.key === role);
  if (known) return known.name;
  if (state.roles[role]) return role;
  return refuse(`There is no role “${role}” in this incident or its playbook.`);
}

/** A person takes a role nobody holds. */
export function roleAssign(command: { role: string; person: string }, { state, playbook }: IncidentContext): Decision {
  const name = roleName(state, playbook, command.role);
  const holder = state.roles[command.role];
  if (holder) conflict(`${holder.person} already holds ${name}: hand it off instead.`);
  return { body: { kind: 'role_assigned', payload: { role: command.role, person: command.person } } };
}

/** A held role passes to someone else. */
export function roleHandoff(command: { role: string; to: string }, { state, playbook }: IncidentContext): Decision {
  const name = roleName(state, playbook, command.role);
  const holder = state.roles[command.role];
  if (!holder) return conflict(`Nobody holds ${name}: assign it instead.`);
  if (holder.person === command.to) conflict(`${command.to} already holds ${name}.`);
  return { body: { kind: 'role_assigned', payload: { role: command.role, person: command.to } } };
}

/** The holder leaves a role; it is unassigned until someone takes it. */
export function roleRelease(command: { role: string }, { state, playbook }: IncidentContext): Decision {
  const name = roleName(state, playbook, command.role);
  if (!state.roles[command.role]) conflict(`Nobody holds ${name}.`);
  return { body: { kind: 'role_assigned', payload: { role: command.role, person: null } } };
}

// ---- checklist

/** A checklist item of a phase: the playbook's, or one the team added during the incident. */
function itemOf(command: { phase: string; itemId: string }, { state, playbook }: IncidentContext): { phase: string; label: string } {
  const phase = phaseOf(playbook, command.phase);
  const own = phase.items.find((i) => i.key === command.itemId);
  if (own) return { phase: phase.key, label: own.text.slice(0, maxLabel) };
  const added = state.checklist[command.itemId];
  if (added?.phase === phase.key && added.label) return { phase: phase.key, label: added.label };
  return refuse(`There is no checklist item “${command.itemId}” in the ${phase.name} phase.`);
}

export function checklistTick(command: { phase: string; itemId: string }, context: IncidentContext): Decision {
  const { phase, label } = itemOf(command, context);
  if (context.state.checklist[command.itemId]?.done) conflict(`“${label}” is already ticked.`);
  return { body: { kind: 'checklist_item_set', payload: { itemId: command.itemId, phase, label, done: true } } };
}

export function checklistUntick(command: { phase: string; itemId: string }, context: IncidentContext): Decision {
  const { phase, label } = itemOf(command, context);
  if (!context.state.checklist[command.itemId]?.done) conflict(`“${label}” is not ticked.`);
  return { body: { kind: 'checklist_item_set', payload: { itemId: command.itemId, phase, label, done: false } } };
}

/** Gives an item to a person or a role; null takes it back to unassigned. */
export function checklistAssign(command: { phase: string; itemId: string; assignee: string | null }, context: IncidentContext): Decision {
  const { phase, label } = itemOf(command, context);
  const current = context.state.assignments[command.itemId] ?? null;
  if (current === command.assignee) conflict(command.assignee ? `“${label}” is already assigned to ${command.assignee}.` : `“${label}” is not assigned.`);
  return { body: { kind: 'checklist_item_assigned', payload: { itemId: command.itemId, phase, label, assignee: command.assignee } } };
}

/**
 * An item the team adds to a phase, unticked. Its id is the phase, a slug of its text and the
 * position of the event in the log, so two items with the same text never share an id and the
 * id says where it came from.
 */
export function checklistAdd(command: { phase: string; text: string }, context: IncidentContext): Decision {
  const phase = phaseOf(context.playbook, command.phase);
  const n = context.state.eventCount + 1;
  const itemId = `${phase.key}.added-${slugify(command.text).slice(0, 40) || 'item'}-${n.toString(36)}`;
  return { body: { kind: 'checklist_item_set', payload: { itemId, phase: phase.key, label: command.text.slice(0, maxLabel), done: false } } };
}

// ---- compliance

/** Personal data is (or, on second look, is not) involved: starts or stops the regulatory clocks. */
export function personalDataFlag(command: { involved: boolean; reason?: string | undefined }, { state }: IncidentContext): Decision {
  if ((state.personalDataAt !== null) === command.involved) {
    conflict(command.involved ? 'Personal data is already flagged as involved.' : 'Personal data is not flagged as involved.');
  }
  return { body: { kind: 'personal_data_flagged', payload: { involved: command.involved, ...(command.reason ? { reason: command.reason } : {}) } } };
}

/**
 * A compliance duty met outside Cordon (a phone call, a regulator's web form): stops its clock.
 * A regulator notice sent as a stakeholder update records the same fact through the comms service.
 */
export function regulatorNotified(command: { dutyKey: string; authority?: string | undefined }, { state, playbook }: IncidentContext): Decision {
  const duty = playbook?.compliance.find((d) => d.key === command.dutyKey);
  if (!duty) refuse(`The playbook has no compliance duty “${command.dutyKey}”.`);
  if (state.notified[command.dutyKey] !== undefined) conflict('The authority was already notified for this duty.');
  return { body: { kind: 'regulator_notified', payload: { dutyKey: command.dutyKey, ...(command.authority ? { authority: command.authority } : {}) } } };
}
