import { describe, expect, it } from 'vitest';
import { foldIncident } from '../events/fold';
import type { LoggedEvent } from '../events/event';
import { arrivalMarks, findConflicts, mergeOrder, type MergedEvent } from './conflict-rules';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
let counter = 0;
function ev(device: string, seq: number, kind: string, occurredAt: string, payload: Record<string, unknown>, parents: Record<string, number> = {}): MergedEvent {
  counter += 1;
  const id = `00000000-0000-7000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    incidentId: '00000000-0000-7000-8000-999999999999',
    n: seq,
    kind,
    actor: device === A ? 'Ana' : 'Ben',
    occurredAt,
    recordedAt: occurredAt,
    payload,
    prevHash: '0'.repeat(64),
    hash: id.replace(/-/g, '').padEnd(64, '0'),
    device,
    seq,
    parents,
  } as MergedEvent;
}
const declared = ev(A, 1, 'declared', '2026-05-01T09:00:00.000Z', { title: 'Outage', kind: 'real', severity: 'SEV3' });
const fold = (events: MergedEvent[]) => foldIncident([...events].sort(mergeOrder) as LoggedEvent[]);
const orders = <T>(items: T[]): T[][] => (items.length <= 1 ? [items] : items.flatMap((x, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest])));

describe('conflict rules', () => {
  it('two severity calls: the latest by occurredAt wins whatever the arrival order; both stay', () => {
    const early = ev(A, 2, 'severity_changed', '2026-05-01T09:10:00.000Z', { severity: 'SEV1' });
    const late = ev(B, 1, 'severity_changed', '2026-05-01T09:12:00.000Z', { severity: 'SEV2' }, { [A]: 1 });
    for (const order of orders([declared, early, late])) expect(fold(order).severity).toBe('SEV2');
    expect(findConflicts([declared, early, late])).toEqual([{ fact: 'severity', rule: 'latest_severity_wins', winner: late.id, losers: [early.id] }]);
  });

  it('a change made after seeing the other is history, not a conflict', () => {
    const first = ev(A, 2, 'severity_changed', '2026-05-01T09:10:00.000Z', { severity: 'SEV1' });
    const second = ev(B, 1, 'severity_changed', '2026-05-01T09:12:00.000Z', { severity: 'SEV2' }, { [A]: 2 });
    expect(findConflicts([declared, first, second])).toEqual([]);
  });

  it('checklist tick on one laptop and untick on another: the later wins', () => {
    const tick = ev(A, 2, 'checklist_item_set', '2026-05-01T09:20:00.000Z', { itemId: 'isolate', done: true });
    const untick = ev(B, 1, 'checklist_item_set', '2026-05-01T09:21:00.000Z', { itemId: 'isolate', done: false });
    for (const order of orders([declared, untick, tick])) expect(fold(order).checklist.isolate?.done).toBe(false);
    expect(findConflicts([tick, untick])[0]?.rule).toBe('later_tick_wins');
  });

  it('two commanders: the later assignment holds command (the handoff rule)', () => {
    const ana = ev(A, 2, 'role_assigned', '2026-05-01T09:30:00.000Z', { role: 'commander', person: 'Ana' });
    const ben = ev(B, 1, 'role_assigned', '2026-05-01T09:31:00.000Z', { role: 'commander', person: 'Ben' });
    for (const order of orders([declared, ben, ana])) expect(fold(order).roles.commander?.person).toBe('Ben');
    expect(findConflicts([ana, ben])).toEqual([{ fact: 'role:commander', rule: 'commander_handoff', winner: ben.id, losers: [ana.id] }]);
  });

  it('ties on occurredAt break by device then sequence; the declaration always comes first', () => {
    const x = ev(B, 1, 'note', '2026-05-01T08:00:00.000Z', { text: 'before the declaration, by a skewed clock' });
    const y = ev(A, 2, 'note', '2026-05-01T08:00:00.000Z', { text: 'same instant' });
    expect([x, y, declared].sort(mergeOrder).map((e) => e.id)).toEqual([declared.id, y.id, x.id]);
  });

  it('marks late arrivals and clocks that run ahead', () => {
    expect(arrivalMarks('2026-05-01T09:00:00.000Z', '2026-05-01T09:00:30.000Z')).toEqual({ late: false, skewed: false });
    expect(arrivalMarks('2026-05-01T09:00:00.000Z', '2026-05-01T09:05:00.000Z')).toEqual({ late: true, skewed: false });
    expect(arrivalMarks('2026-05-01T09:10:00.000Z', '2026-05-01T09:00:00.000Z')).toEqual({ late: false, skewed: true });
  });
});
