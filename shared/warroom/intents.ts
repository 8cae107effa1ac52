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
