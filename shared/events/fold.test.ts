import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from './event';
import { applyEvent, foldIncident, type IncidentState } from './fold';
import type { EventBody } from './payloads';

let counter = 0;
const at = (minute: number) => `2024-05-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
function ev(body: EventBody, minute = counter): LoggedEvent {
  counter++;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return { ...body, id, incidentId: 'inc', n: counter, actor: 'Ana', occurredAt: at(minute), recordedAt: at(minute), prevHash: 'p', hash: `h${counter}` } as LoggedEvent;
}

describe('foldIncident', () => {
  it('materialises title, status, severity, phase, roles, checklist and key events', () => {
    counter = 0;
    const events = [
      ev({ kind: 'declared', payload: { title: 'Checkout errors', kind: 'real', severity: 'SEV3', commander: 'Ana' } }),
      ev({ kind: 'severity_changed', payload: { severity: 'SEV1' } }),
      ev({ kind: 'phase_changed', payload: { phase: 'containment' } }),
      ev({ kind: 'role_assigned', payload: { role: 'scribe', person: 'Bo' } }),
      ev({ kind: 'checklist_item_set', payload: { itemId: 'isolate', done: true } }),
      ev({ kind: 'note', payload: { text: 'found it', key: true } }),
      ev({ kind: 'note', payload: { text: 'chatter' } }),
      ev({ kind: 'role_assigned', payload: { role: 'scribe', person: null } }),
      ev({ kind: 'status_changed', payload: { status: 'resolved' } }),
    ];
    const state = foldIncident(events);
    expect(state).toMatchObject({
      title: 'Checkout errors',
      kind: 'real',
      severity: 'SEV1',
      phase: 'containment',
      status: 'resolved',
      resolvedAt: events[8]?.occurredAt,
      roles: { commander: { person: 'Ana' } },
      checklist: { isolate: { done: true, by: 'Ana' } },
      notesCount: 2,
      eventCount: 9,
      headHash: 'h9',
    });
    expect(state.keyEventIds).toEqual([events[0]?.id, events[1]?.id, events[2]?.id, events[5]?.id, events[8]?.id]);
  });

  it('equals applying events one by one when there are no corrections', () => {
    counter = 0;
    const events = [
      ev({ kind: 'declared', payload: { title: 'Drill', kind: 'exercise' } }),
      ev({ kind: 'inject', payload: { title: 'Press call', text: 'A journalist calls' } }),
      ev({ kind: 'action_item_created', payload: { actionItemId: 'a1', title: 'Alert on lag' } }),
      ev({ kind: 'action_item_updated', payload: { actionItemId: 'a1', status: 'done', owner: 'Bo' } }),
      ev({ kind: 'postmortem_saved', payload: { revision: 1, markdown: '# PM' } }),
    ];
    let state: IncidentState | null = null;
    for (const e of events) state = applyEvent(state, e);
    expect(state).toEqual(foldIncident(events));
    expect(state?.postmortem).toEqual({ status: 'draft' });
  });

  it('keeps no second copy of what is folded elsewhere: action items, revisions, script runs', () => {
    counter = 0;
    const state = foldIncident([
      ev({ kind: 'declared', payload: { title: 'Replica lag', kind: 'real' } }),
      ev({ kind: 'action_item_created', payload: { actionItemId: 'a1', title: 'Alert on lag' } }),
      ev({ kind: 'postmortem_saved', payload: { revision: 1, markdown: '# PM' } }),
      ev({ kind: 'script_started', payload: { runId: 'r1', actionId: 'block-ip', argv: ['true'], simulated: true } }),
      ev({ kind: 'script_finished', payload: { runId: 'r1', outcome: 'simulated', exitCode: 0, durationMs: 0, outputSha256: 'a'.repeat(64), outputBytes: 0 } }),
    ]);
    // Each has one reader (actionItemsFrom, revisionsOf, the script_runs table), so there is
    // nothing here for them to disagree with; the type says so too.
    expect(Object.keys(state)).not.toContain('actionItems');
    expect(Object.keys(state)).not.toContain('scriptRuns');
    expect(Object.keys(state.postmortem)).toEqual(['status']);
    // @ts-expect-error the fold has no action items
    void state.actionItems;
    // @ts-expect-error nor a post-mortem revision
    void state.postmortem.revision;
  });

  it('applies amends and withdraws redacted events', () => {
    counter = 0;
    const declared = ev({ kind: 'declared', payload: { title: 'Typo titel', kind: 'real' } });
    const sev = ev({ kind: 'severity_changed', payload: { severity: 'SEV2' } });
    const note = ev({ kind: 'note', payload: { text: 'customer email a@b.c', key: true } });
    const events = [
      declared,
      sev,
      note,
      ev({ kind: 'amend', payload: { targetEventId: declared.id, reason: 'typo', payload: { title: 'Typo title', kind: 'real' } } }),
      ev({ kind: 'amend', payload: { targetEventId: sev.id, reason: 'wrong call', payload: { severity: 'SEV3' }, key: false } }),
      ev({ kind: 'redact', payload: { targetEventId: note.id, reason: 'PII' } }),
    ];
    const state = foldIncident(events);
    expect(state.title).toBe('Typo title');
    expect(state.severity).toBe('SEV3');
    expect(state.notesCount).toBe(0);
    expect(state.keyEventIds).toEqual([declared.id]);
    expect(state.amendedEventIds).toEqual([declared.id, sev.id]);
    expect(state.redactedEventIds).toEqual([note.id]);
    expect(state.eventCount).toBe(6);
  });

  it('refuses a log that does not begin with a declaration', () => {
    counter = 0;
    expect(() => foldIncident([ev({ kind: 'note', payload: { text: 'x' } })])).toThrow();
  });
});

describe('war-room facts', () => {
  it('records the matrix cell, acknowledgement, item owners, personal data and notifications', () => {
    counter = 0;
    const events = [
      ev({ kind: 'declared', payload: { title: 'Leaked bucket', kind: 'real' } }, 0),
      ev({ kind: 'severity_changed', payload: { severity: 'sev2', reason: 'one tenant', cell: { row: 'Significant', column: 'High' } } }, 1),
      ev({ kind: 'role_assigned', payload: { role: 'commander', person: 'Ana' } }, 3),
      ev({ kind: 'role_assigned', payload: { role: 'commander', person: 'Bo' } }, 9),
      ev({ kind: 'checklist_item_assigned', payload: { itemId: 'contain.revoke', assignee: 'Technical Lead' } }, 4),
      ev({ kind: 'checklist_item_assigned', payload: { itemId: 'contain.notify', assignee: 'Bo' } }, 4),
      ev({ kind: 'checklist_item_assigned', payload: { itemId: 'contain.notify', assignee: null } }, 5),
      ev({ kind: 'personal_data_flagged', payload: { involved: true } }, 6),
      ev({ kind: 'personal_data_flagged', payload: { involved: true, reason: 'again' } }, 8),
      ev({ kind: 'regulator_notified', payload: { dutyKey: 'gdpr-art-33', authority: 'CNIL' } }, 30),
    ];
    const state = foldIncident(events);
    expect(state.severityCell).toEqual({ row: 'Significant', column: 'High' });
    // The first commander acknowledges; a handoff later does not move it.
    expect(state.acknowledgedAt).toBe(at(3));
    expect(state.assignments).toEqual({ 'contain.revoke': 'Technical Lead' });
    // Flagging twice keeps the first time: the regulator's clock does not restart.
    expect(state.personalDataAt).toBe(at(6));
    expect(state.notified).toEqual({ 'gdpr-art-33': at(30) });
  });

  it('withdraws the personal-data flag and acknowledges at declaration when a commander is named', () => {
    counter = 0;
    const state = foldIncident([
      ev({ kind: 'declared', payload: { title: 'x', kind: 'real', commander: 'Ana' } }, 2),
      ev({ kind: 'personal_data_flagged', payload: { involved: true } }, 4),
      ev({ kind: 'personal_data_flagged', payload: { involved: false, reason: 'test data only' } }, 7),
    ]);
    expect(state.acknowledgedAt).toBe(at(2));
    expect(state.personalDataAt).toBeNull();
  });
});
