import { describe, expect, it } from 'vitest';
import { payloadSchemas } from '../events/payloads';
import { checklistAdd, checklistAssign, checklistTick, noteAdd, personalDataFlag, phaseStart, regulatorNotified, roleAssign, severityCall, statusSet } from './intents';

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

describe('war-room intents: the rest of the war room', () => {
  it('leave out every optional field nobody gave', () => {
    expect(noteAdd('Replica lag', false, null)).toEqual({ kind: 'note', payload: { text: 'Replica lag' } });
    expect(noteAdd('Replica lag', true, '2026-12-01T09:00:00.000Z')).toEqual({ kind: 'note', payload: { text: 'Replica lag', key: true }, occurredAt: '2026-12-01T09:00:00.000Z' });
    expect(severityCall('sev1', 'All EU customers')).toEqual({ kind: 'severity_changed', payload: { severity: 'sev1', reason: 'All EU customers' } });
    expect(severityCall('sev1', 'x', { row: 'extensive', column: 'high' }).payload).toMatchObject({ cell: { row: 'extensive', column: 'high' } });
    expect(statusSet('mitigated')).toEqual({ kind: 'status_changed', payload: { status: 'mitigated' } });
    expect(statusSet('resolved', '')).toEqual({ kind: 'status_changed', payload: { status: 'resolved' } });
    expect(phaseStart('contain')).toEqual({ kind: 'phase_changed', payload: { phase: 'contain' } });
    expect(roleAssign('commander', null)).toEqual({ kind: 'role_assigned', payload: { role: 'commander', person: null } });
    expect(personalDataFlag(true, 'customer emails')).toEqual({ kind: 'personal_data_flagged', payload: { involved: true, reason: 'customer emails' } });
    expect(regulatorNotified('gdpr-art-33')).toEqual({ kind: 'regulator_notified', payload: { dutyKey: 'gdpr-art-33' } });
  });
});
