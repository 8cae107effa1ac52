import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../events/event';
import { foldIncident, type IncidentState } from '../events/fold';
import { payloadSchemas, type EventBody } from '../events/payloads';
import { samplePlaybook } from './fixtures';
import * as intents from './intents';
import type { Decision, IncidentContext } from './intents';

// The incident the commands meet: a real fold over a log, on the sample playbook.
function incident(...bodies: EventBody[]): IncidentContext {
  const events = [{ kind: 'declared', payload: { title: 'Checkout errors', kind: 'real' } } as EventBody, ...bodies].map(
    (body, i) =>
      ({
        ...body,
        id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
        incidentId: 'inc',
        n: i + 1,
        actor: 'Ana',
        occurredAt: '2026-12-01T09:00:00.000Z',
        recordedAt: '2026-12-01T09:00:00.000Z',
        prevHash: 'p',
        hash: `h${i}`,
      }) as LoggedEvent,
  );
  return { state: foldIncident(events), playbook: samplePlaybook };
}
const noPlaybook = (context: IncidentContext): IncidentContext => ({ ...context, playbook: null });
const valid = (decision: Decision) => payloadSchemas[decision.body.kind].safeParse(decision.body.payload).success;
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof intents.IntentRefused) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the command was not refused');
};

describe('war-room intents: notes and key events', () => {
  it('a note leaves out every optional field nobody gave', () => {
    expect(intents.noteAdd({ text: 'Replica lag' })).toEqual({ body: { kind: 'note', payload: { text: 'Replica lag' } } });
    expect(intents.noteAdd({ text: 'Replica lag', key: true, occurredAt: '2026-12-01T09:00:00.000Z' })).toEqual({
      body: { kind: 'note', payload: { text: 'Replica lag', key: true } },
      occurredAt: '2026-12-01T09:00:00.000Z',
    });
  });

  it('a star is an amend of the key flag, refused when it changes nothing or the event is redacted', () => {
    const context = incident({ kind: 'note', payload: { text: 'found it' } });
    const note = '00000000-0000-4000-8000-000000000002';
    const star = intents.eventStar({ eventId: note, key: true }, context);
    expect(star.body).toEqual({ kind: 'amend', payload: { targetEventId: note, reason: 'Marked as a key event', key: true } });
    expect(valid(star)).toBe(true);
    expect(refusal(() => intents.eventStar({ eventId: note, key: false }, context))).toEqual({ code: 'conflict', message: 'That event is not a key event.' });
    const redacted = incident({ kind: 'note', payload: { text: 'x' } }, { kind: 'redact', payload: { targetEventId: note, reason: 'PII' } });
    expect(refusal(() => intents.eventStar({ eventId: note, key: true }, redacted)).message).toMatch(/redacted/);
  });
});

describe('war-room intents: severity, status, phase', () => {
  it('a severity call on a matrix cell keeps the cell; the cell must exist and call that level', () => {
    const context = incident();
    const call = intents.severityCall({ severity: 'sev1', rationale: 'All EU customers', cell: { row: 'Extensive', column: 'High' } }, context);
    expect(call.body).toEqual({ kind: 'severity_changed', payload: { severity: 'sev1', reason: 'All EU customers', cell: { row: 'Extensive', column: 'High' } } });
    expect(valid(call)).toBe(true);
    expect(refusal(() => intents.severityCall({ severity: 'sev9', rationale: 'x' }, context))).toEqual({
      code: 'bad_input',
      message: 'The playbook has no severity level “sev9”. Choose one of sev1, sev2, sev3, sev4.',
    });
    expect(refusal(() => intents.severityCall({ severity: 'sev1', rationale: 'x', cell: { row: 'Minor', column: 'Low' } }, context)).message).toBe(
      'The cell “Minor” × “Low” calls sev4, not sev1.',
    );
    expect(refusal(() => intents.severityCall({ severity: 'sev1', rationale: 'x', cell: { row: 'Huge', column: 'High' } }, context)).message).toMatch(/no cell “Huge”/);
    // Without a playbook there is no scheme to hold the call to.
    expect(intents.severityCall({ severity: 'P1', rationale: 'x' }, noPlaybook(context)).body.payload).toEqual({ severity: 'P1', reason: 'x' });
  });

  it('status: a change, not a repeat', () => {
    const context = incident();
    expect(intents.statusSet({ status: 'mitigated' }, context).body).toEqual({ kind: 'status_changed', payload: { status: 'mitigated' } });
    expect(refusal(() => intents.statusSet({ status: 'active' }, context))).toEqual({ code: 'conflict', message: 'The incident is already active.' });
  });

  it('phase: one of the playbook, not the one in force', () => {
    const started = incident({ kind: 'phase_changed', payload: { phase: 'detection' } });
    expect(intents.phaseStart({ phase: 'containment' }, started).body).toEqual({ kind: 'phase_changed', payload: { phase: 'containment' } });
    expect(refusal(() => intents.phaseStart({ phase: 'detection' }, started)).message).toBe('The incident is already in the Detection & Analysis phase.');
    expect(refusal(() => intents.phaseStart({ phase: 'lessons' }, started)).message).toBe('The playbook has no phase “lessons”.');
    expect(refusal(() => intents.phaseStart({ phase: 'detection' }, noPlaybook(started))).message).toBe('This incident has no playbook, so it has no phases.');
  });
});

describe('war-room intents: roles', () => {
  const held = incident({ kind: 'role_assigned', payload: { role: 'commander', person: 'Ana' } });

  it('assign takes a free role, hand off passes a held one, release frees it', () => {
    expect(intents.roleAssign({ role: 'scribe', person: 'Bo' }, held).body).toEqual({ kind: 'role_assigned', payload: { role: 'scribe', person: 'Bo' } });
    expect(intents.roleHandoff({ role: 'commander', to: 'Bo' }, held).body).toEqual({ kind: 'role_assigned', payload: { role: 'commander', person: 'Bo' } });
    expect(intents.roleRelease({ role: 'commander' }, held).body).toEqual({ kind: 'role_assigned', payload: { role: 'commander', person: null } });
  });

  it('each refuses what the others are for, and roles nobody knows', () => {
    expect(refusal(() => intents.roleAssign({ role: 'commander', person: 'Bo' }, held))).toEqual({ code: 'conflict', message: 'Ana already holds Incident Commander: hand it off instead.' });
    expect(refusal(() => intents.roleHandoff({ role: 'scribe', to: 'Bo' }, held)).message).toBe('Nobody holds Scribe: assign it instead.');
    expect(refusal(() => intents.roleHandoff({ role: 'commander', to: 'Ana' }, held)).message).toBe('Ana already holds Incident Commander.');
    expect(refusal(() => intents.roleRelease({ role: 'scribe' }, held)).message).toBe('Nobody holds Scribe.');
    expect(refusal(() => intents.roleAssign({ role: 'janitor', person: 'Bo' }, held))).toEqual({ code: 'bad_input', message: 'There is no role “janitor” in this incident or its playbook.' });
  });
});

describe('war-room intents: checklist', () => {
  it('tick and untick a playbook item, its label and phase from the playbook', () => {
    const context = incident();
    const tick = intents.checklistTick({ phase: 'containment', itemId: 'isolate' }, context);
    expect(tick.body).toEqual({ kind: 'checklist_item_set', payload: { itemId: 'isolate', phase: 'containment', label: 'Isolate host', done: true } });
    expect(valid(tick)).toBe(true);
    expect(refusal(() => intents.checklistUntick({ phase: 'containment', itemId: 'isolate' }, context))).toEqual({ code: 'conflict', message: '“Isolate host” is not ticked.' });
    const ticked = incident(tick.body);
    expect(intents.checklistUntick({ phase: 'containment', itemId: 'isolate' }, ticked).body.payload).toMatchObject({ done: false });
    expect(refusal(() => intents.checklistTick({ phase: 'containment', itemId: 'isolate' }, ticked)).message).toBe('“Isolate host” is already ticked.');
  });

  it('refuses an item that is not in the phase named', () => {
    expect(refusal(() => intents.checklistTick({ phase: 'recovery', itemId: 'isolate' }, incident()))).toEqual({
      code: 'bad_input',
      message: 'There is no checklist item “isolate” in the Recovery phase.',
    });
    expect(refusal(() => intents.checklistAssign({ phase: 'containment', itemId: 'nope', assignee: 'Bo' }, incident())).message).toMatch(/no checklist item “nope”/);
  });

  it('an added item: id from phase, text and place in the log; cut to the label limit; then tickable like any other', () => {
    const context = incident();
    const added = intents.checklistAdd({ phase: 'containment', text: `Block the attacker IP at the edge! ${'x'.repeat(250)}` }, context);
    const payload = added.body.payload as { itemId: string; label: string };
    expect(payload.itemId).toBe(`containment.added-block-the-attacker-ip-at-the-edge-xxxxxx-${(2).toString(36)}`);
    expect(payload.label).toHaveLength(200);
    expect(valid(added)).toBe(true);
    // Text with nothing to slug still gets an id; the same text later gets another.
    expect(intents.checklistAdd({ phase: 'containment', text: '!!!' }, context).body.payload).toMatchObject({ itemId: 'containment.added-item-2' });
    const after = incident(added.body);
    expect(intents.checklistAdd({ phase: 'containment', text: 'Block' }, after).body.payload).not.toMatchObject({ itemId: intents.checklistAdd({ phase: 'containment', text: 'Block' }, context).body.payload });
    expect(intents.checklistTick({ phase: 'containment', itemId: payload.itemId }, after).body.payload).toMatchObject({ done: true, label: payload.label });
    expect(refusal(() => intents.checklistAdd({ phase: 'aftermath', text: 'x' }, context)).message).toBe('The playbook has no phase “aftermath”.');
  });

  it('assign gives an item to someone, null takes it back; a repeat is refused', () => {
    const context = incident();
    const give = intents.checklistAssign({ phase: 'containment', itemId: 'block', assignee: 'Bo' }, context);
    expect(give.body).toEqual({ kind: 'checklist_item_assigned', payload: { itemId: 'block', phase: 'containment', label: 'Block malicious IPs', assignee: 'Bo' } });
    expect(valid(give)).toBe(true);
    const given = incident(give.body);
    expect(refusal(() => intents.checklistAssign({ phase: 'containment', itemId: 'block', assignee: 'Bo' }, given)).message).toBe('“Block malicious IPs” is already assigned to Bo.');
    expect(intents.checklistAssign({ phase: 'containment', itemId: 'block', assignee: null }, given).body.payload).toMatchObject({ assignee: null });
  });
});

describe('war-room intents: compliance', () => {
  it('personal data: a change of the flag, not a repeat', () => {
    const context = incident();
    expect(intents.personalDataFlag({ involved: true, reason: 'customer emails' }, context).body).toEqual({
      kind: 'personal_data_flagged',
      payload: { involved: true, reason: 'customer emails' },
    });
    expect(refusal(() => intents.personalDataFlag({ involved: false }, context)).message).toBe('Personal data is not flagged as involved.');
  });

  it('a regulator notice meets one of the playbook duties, once', () => {
    const context = incident();
    expect(intents.regulatorNotified({ dutyKey: 'gdpr-art-33' }, context).body).toEqual({ kind: 'regulator_notified', payload: { dutyKey: 'gdpr-art-33' } });
    expect(refusal(() => intents.regulatorNotified({ dutyKey: 'hipaa' }, context))).toEqual({ code: 'bad_input', message: 'The playbook has no compliance duty “hipaa”.' });
    const notified: IncidentState = incident({ kind: 'regulator_notified', payload: { dutyKey: 'gdpr-art-33', authority: 'CNIL' } }).state;
    expect(refusal(() => intents.regulatorNotified({ dutyKey: 'gdpr-art-33' }, { state: notified, playbook: samplePlaybook })).code).toBe('conflict');
  });
});
