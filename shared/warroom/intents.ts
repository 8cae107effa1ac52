import type { AppendableKind } from '../events/kinds';
import type { PayloadOf } from '../events/payloads';
import { slugify } from '../playbook/slug';

/**
 * What a person does in the war room, turned into the event it records. The rules live here,
 * not in the screen, so they are tested once and the main process can take them over when each
 * intent gets its own contract method.
 */
export type IntentBody = { [K in AppendableKind]: { kind: K; payload: PayloadOf<K> } }[AppendableKind];

/** Checklist labels are stored as shown, cut to the payload's limit. */
const maxLabel = 200;

export function checklistTick(itemId: string, done: boolean, phase: string, label: string): IntentBody {
  return { kind: 'checklist_item_set', payload: { itemId, phase, label: label.slice(0, maxLabel), done } };
}

/** An empty choice means nobody: the item goes back to unassigned. */
export function checklistAssign(itemId: string, assignee: string): IntentBody {
  return { kind: 'checklist_item_assigned', payload: { itemId, assignee: assignee || null } };
}

/**
 * An item the team adds: its id is the phase, a slug of its text and the time, so two items
 * with the same text never share an id and the id says where it came from.
 */
export function checklistAdd(phase: string, text: string, nowMs: number): IntentBody {
  const itemId = `${phase}.added-${slugify(text).slice(0, 40) || 'item'}-${nowMs.toString(36)}`;
  return { kind: 'checklist_item_set', payload: { itemId, phase, label: text.slice(0, maxLabel), done: false } };
}

/** A note, flagged as a key event only when asked; a time only when the person gave one. */
export function noteAdd(text: string, key: boolean, occurredAt?: string | null): IntentBody & { occurredAt?: string } {
  return { kind: 'note', payload: { text, ...(key ? { key: true } : {}) }, ...(occurredAt ? { occurredAt } : {}) };
}

/** A severity call, with the matrix cell it was made on when it came from the matrix. */
export function severityCall(severity: string, reason: string, cell?: { row: string; column: string }): IntentBody {
  return { kind: 'severity_changed', payload: { severity, reason, ...(cell ? { cell } : {}) } };
}

export function statusSet(status: PayloadOf<'status_changed'>['status'], reason?: string): IntentBody {
  return { kind: 'status_changed', payload: { status, ...(reason ? { reason } : {}) } };
}

export function phaseStart(phase: string): IntentBody {
  return { kind: 'phase_changed', payload: { phase } };
}

/** A person takes a role; null releases it. */
export function roleAssign(role: string, person: string | null): IntentBody {
  return { kind: 'role_assigned', payload: { role, person } };
}

export function personalDataFlag(involved: boolean, reason?: string): IntentBody {
  return { kind: 'personal_data_flagged', payload: { involved, ...(reason ? { reason } : {}) } };
}

export function regulatorNotified(dutyKey: string, authority?: string): IntentBody {
  return { kind: 'regulator_notified', payload: { dutyKey, ...(authority ? { authority } : {}) } };
}
