import { eventKinds } from '../events/kinds';
import { describe, expect, it } from 'vitest';
import type { EventKind } from '../events/kinds';
import type { PayloadOf } from '../events/payloads';
import type { EventView } from '../events/read-models';
import { makeEvent, samplePlaybook } from './fixtures';
import { buildCorrectionIndex, historyOf, redactionReason } from './history';
import { warRoles } from './roles';
import {
  actorsOf,
  describeEvent,
  filterEvents,
  kindLabels,
  NO_PHASE,
  phaseAt,
  phaseChanges,
  searchTextOf,
  sortChronologically,
} from './timeline-filter';

const at = (hhmm: string) => `2024-05-01T${hhmm}:00.000Z`;

function incident() {
  const declared = makeEvent('declared', { title: 'DB down', kind: 'real', severity: 'sev2', commander: 'alice' }, { occurredAt: at('09:00') });
  const early = makeEvent('note', { text: 'Pager fired for db-1' }, { occurredAt: at('09:05'), actor: 'bob' });
  const contain = makeEvent('phase_changed', { phase: 'containment' }, { occurredAt: at('09:30') });
  const tick = makeEvent('checklist_item_set', { itemId: 'isolate', phase: 'containment', done: true }, { occurredAt: at('09:40'), actor: 'bob' });
  const key = makeEvent('note', { text: 'Customer DATA exposed', key: true }, { occurredAt: at('09:45') });
  const recover = makeEvent('phase_changed', { phase: 'recovery' }, { occurredAt: at('10:00') });
  const late = makeEvent('note', { text: 'Restored from backup' }, { occurredAt: at('10:10'), actor: 'carol' });
  return { declared, early, contain, tick, key, recover, late, all: [declared, early, contain, tick, key, recover, late] };
}

describe('filterEvents', () => {
  const i = incident();
  const changes = phaseChanges(i.all);

  it('returns the same array when nothing filters', () => {
    expect(filterEvents(i.all, {}, changes)).toBe(i.all);
  });

  it('filters by kind, actor, key and text (case-insensitive)', () => {
    expect(filterEvents(i.all, { kinds: ['note'] }, changes)).toEqual([i.early, i.key, i.late]);
    expect(filterEvents(i.all, { actor: 'bob' }, changes)).toEqual([i.early, i.tick]);
    expect(filterEvents(i.all, { keyOnly: true }, changes).map((e) => e.kind)).toEqual(['declared', 'phase_changed', 'note', 'phase_changed']);
    expect(filterEvents(i.all, { text: 'data' }, changes)).toEqual([i.key]);
    expect(filterEvents(i.all, { text: 'CAROL' }, changes)).toEqual([i.late]);
  });

  it('filters by the phase in force when the event occurred', () => {
    expect(filterEvents(i.all, { phase: 'containment' }, changes)).toEqual([i.contain, i.tick, i.key]);
    expect(filterEvents(i.all, { phase: NO_PHASE }, changes)).toEqual([i.declared, i.early]);
    expect(phaseAt(changes, Date.parse(at('10:00')))).toBe('recovery');
    expect(phaseAt([], 0)).toBeNull();
  });

  it('ignores redacted phase changes and unsearchable redacted text', () => {
    const redacted = makeEvent('phase_changed', { phase: 'recovery' }, { occurredAt: at('09:10'), redactedBy: 'x', effectivePayload: null });
    expect(phaseChanges([...i.all, redacted]).map((c) => c.phase)).toEqual(['containment', 'recovery']);
    const secret = makeEvent('note', { text: 'secret words' }, { redactedBy: 'x', effectivePayload: null });
    expect(searchTextOf(secret)).not.toContain('secret');
  });

  it('sorts by effective time, then log order, and counts actors', () => {
    const backdated = makeEvent('note', { text: 'impact began' }, { occurredAt: at('10:20'), effectiveOccurredAt: at('08:55') });
    expect(sortChronologically([...i.all, backdated])[0]).toBe(backdated);
    expect(actorsOf(i.all)).toEqual(['alice', 'bob', 'carol']);
  });

  // Its speed on 100k events is measured by `npm run bench -- warroom`, not asserted here.
  it('finds the one matching event among 100k', () => {
    const many = Array.from({ length: 100_000 }, (_, n) => makeEvent('note', { text: `note ${n}` }, { occurredAt: new Date(Date.parse(at('09:00')) + n * 1000).toISOString() }));
    const ch = phaseChanges(many);
    expect(filterEvents(many, { text: 'note 99999' }, ch)).toHaveLength(1);
    expect(filterEvents(many, { text: 'note 5' }, ch)).toHaveLength(11_111);
  });
});

describe('describeEvent', () => {
  const p = samplePlaybook;
  const d = <K extends EventKind>(kind: K, payload: PayloadOf<K>) => describeEvent(makeEvent(kind, payload) as EventView, { playbook: p });

  it('has human sentences for every kind', () => {
    expect(d('severity_changed', { severity: 'sev1', reason: 'customer data exposed' }).title).toBe('Severity set to SEV1 (Critical) — customer data exposed');
    expect(d('checklist_item_set', { itemId: 'isolate', done: true }).title).toBe('Ticked “Isolate host” (Containment)');
    expect(d('checklist_item_set', { itemId: 'x', label: 'Call legal', done: false })).toMatchObject({ icon: '☐', title: 'Unticked “Call legal”' });
    expect(d('declared', { title: 'DB down', kind: 'real', severity: 'sev2', commander: 'alice' })).toMatchObject({
      title: 'Incident declared: DB down',
      detail: 'Severity SEV2 (High) · Commander alice',
    });
    expect(d('note', { text: 'hello' }).title).toBe('hello');
    expect(d('status_changed', { status: 'mitigated' }).title).toBe('Status set to Mitigated');
    expect(d('phase_changed', { phase: 'containment', reason: 'confirmed' }).title).toBe('Moved to Containment — confirmed');
    expect(d('role_assigned', { role: 'commander', person: 'dana' }).title).toBe('dana is now Incident Commander');
    expect(d('role_assigned', { role: 'scribe', person: null }).title).toBe('Scribe released');
    expect(d('script_started', { runId: 'r', actionId: 'block-ip', argv: ['iptables', '-I'], simulated: true })).toMatchObject({ title: 'Started block-ip (simulated)', detail: 'iptables -I' });
    expect(d('script_finished', { runId: 'r', outcome: 'failed', exitCode: 2, durationMs: 1200, outputSha256: 'a'.repeat(64), outputBytes: 2048 })).toMatchObject({
      icon: '✗',
      title: 'Script failed (exit 2, 1.2 s)',
      detail: 'Output 2.0 KB, SHA-256 aaaaaaaaaaaa…',
    });
    expect(d('evidence_added', { evidenceId: 'e', name: 'dump.pcap', mediaType: 'application/vnd.tcpdump.pcap', size: 10, sha256: 'b'.repeat(64) }).title).toBe('Evidence added: dump.pcap');
    expect(d('evidence_exported', { evidenceId: 'e', sha256: 'b'.repeat(64), size: 10, destination: '/tmp/x' }).title).toBe('Evidence exported to /tmp/x');
    expect(d('postmortem_saved', { revision: 3, markdown: '' }).title).toBe('Post-mortem saved (revision 3)');
    expect(d('postmortem_status', { status: 'in_review' }).title).toBe('Post-mortem in review');
    expect(d('action_item_created', { actionItemId: 'a', title: 'Rotate keys', owner: 'bob' })).toMatchObject({ title: 'Action item: Rotate keys', detail: 'Owner bob' });
    expect(d('action_item_updated', { actionItemId: 'a', status: 'done', owner: null }).title).toBe('Action item updated: status done, owner cleared');
    expect(d('amend', { targetEventId: 't', reason: 'typo', occurredAt: at('09:00') }).title).toBe('Corrected an earlier event (time) — typo');
    expect(d('redact', { targetEventId: 't', reason: 'PII' }).title).toBe('Redacted an earlier event — PII');
    expect(d('inject', { title: 'Press call', text: 'A journalist calls' })).toMatchObject({ title: 'Inject: Press call', detail: 'A journalist calls' });
    expect(d('checklist_item_assigned', { itemId: 'isolate', assignee: 'Bo' }).title).toBe('Assigned “Isolate host” to Bo');
    // An item added during the incident is named by the label its assignment carries.
    expect(d('checklist_item_assigned', { itemId: 'containment.added-call-legal-7', label: 'Call legal', assignee: 'Bo' }).title).toBe('Assigned “Call legal” to Bo');
    expect(d('personal_data_flagged', { involved: true }).title).toBe('Personal data is involved: regulatory clocks started');
    expect(d('regulator_notified', { dutyKey: 'nowhere', authority: 'CNIL' })).toMatchObject({ title: 'Regulator notified for nowhere', detail: 'CNIL' });
    expect(Object.keys(kindLabels).sort()).toEqual([...eventKinds].sort());
  });

  it('shows nothing of a redacted event but its reason', () => {
    const e = makeEvent('note', { text: 'password is hunter2' }, { redactedBy: 'r', effectivePayload: null });
    const out = describeEvent(e, { redactionReason: 'secret pasted' });
    expect(out).toEqual({ icon: '⊘', title: 'Redacted: secret pasted', detail: 'Note hidden' });
    expect(JSON.stringify(out)).not.toContain('hunter2');
  });
});

describe('history', () => {
  it('lists the original and its corrections, and finds redaction reasons', () => {
    const note = makeEvent('note', { text: 'orig' }, { occurredAt: at('09:00') });
    const amend = makeEvent('amend', { targetEventId: note.id, reason: 'time', occurredAt: at('08:50'), payload: { text: 'new' } }, { actor: 'bob' });
    const redact = makeEvent('redact', { targetEventId: note.id, reason: 'PII' });
    const viewed = { ...note, redactedBy: redact.id, amendedBy: [amend.id], effectivePayload: null };
    const index = buildCorrectionIndex([note, amend, redact]);
    expect(historyOf(viewed, index).map((h) => h.kind)).toEqual(['original', 'amend', 'redact']);
    expect(historyOf(viewed, index)[1]).toMatchObject({ actor: 'bob', reason: 'time', occurredAt: at('08:50'), payload: { text: 'new' } });
    expect(redactionReason(viewed, index)).toBe('PII');
    expect(redactionReason(note, index)).toBeNull();
  });
});

describe('warRoles', () => {
  it('merges playbook roles into the three core roles', () => {
    const roles = warRoles(samplePlaybook.roles);
    expect(roles.map((r) => r.key)).toEqual(['commander', 'scribe', 'communications', 'technical-lead']);
    expect(roles[0]).toMatchObject({ name: 'Incident Commander', duties: ['Owns the incident'], core: true });
    expect(warRoles().map((r) => r.name)).toEqual(['Incident Commander', 'Scribe', 'Communications Lead']);
  });
});

describe('ChronologicalSorter', () => {
  it('merges appended events into the sorted list', async () => {
    const { ChronologicalSorter } = await import('./timeline-filter');
    const s = new ChronologicalSorter();
    const a = makeEvent('note', { text: 'a' }, { occurredAt: at('09:00') });
    const b = makeEvent('note', { text: 'b' }, { occurredAt: at('09:10') });
    const first = s.sort([b, a]);
    expect(first).toEqual([a, b]);
    const same = [b, a];
    const r1 = s.sort(same);
    expect(s.sort(same)).toBe(r1);
    const c = makeEvent('note', { text: 'c' }, { occurredAt: at('09:05') });
    expect(s.sort([b, a, c])).toEqual([a, c, b]);
    expect(s.sort([c])).toEqual([c]);
  });
});
