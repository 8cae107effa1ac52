import { describe, expect, it } from 'vitest';
import { payloadSchemas } from '../events/payloads';
import { checklistAdd, checklistAssign, checklistTick } from './intents';

describe('war-room intents', () => {
  it('tick an item with its label cut to what the payload holds', () => {
    const body = checklistTick('triage.scope', true, 'triage', 'x'.repeat(250));
    expect(body).toEqual({ kind: 'checklist_item_set', payload: { itemId: 'triage.scope', phase: 'triage', label: 'x'.repeat(200), done: true } });
    expect(payloadSchemas[body.kind].safeParse(body.payload).success).toBe(true);
  });

  it('assign to nobody when the choice is empty', () => {
    expect(checklistAssign('triage.scope', '')).toEqual({ kind: 'checklist_item_assigned', payload: { itemId: 'triage.scope', assignee: null } });
    expect(checklistAssign('triage.scope', 'Ana')).toEqual({ kind: 'checklist_item_assigned', payload: { itemId: 'triage.scope', assignee: 'Ana' } });
  });

  it('add an item with an id from its phase, its text and the time, unticked', () => {
    const at = Date.parse('2026-12-01T10:00:00.000Z');
    const body = checklistAdd('contain', 'Block the attacker IP at the edge!', at);
    expect(body).toEqual({
      kind: 'checklist_item_set',
      payload: { itemId: `contain.added-block-the-attacker-ip-at-the-edge-${at.toString(36)}`, phase: 'contain', label: 'Block the attacker IP at the edge!', done: false },
    });
    expect(payloadSchemas[body.kind].safeParse(body.payload).success).toBe(true);
    // Text with nothing to slug still gets an id; a later add of the same text gets another.
    expect(checklistAdd('contain', '!!!', at).payload).toMatchObject({ itemId: `contain.added-item-${at.toString(36)}` });
    expect(checklistAdd('contain', 'Block', at + 1).payload).not.toEqual(checklistAdd('contain', 'Block', at).payload);
  });
});
