import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../shared/ipc/store-schemas';
import { bridgeCommitsToWindows } from '../services/commit-bridge';
import { createPushBus } from '../services/push-bus';
import { SyncRefusal } from './ingest';
import { appendEvent } from './testing/fixtures';
import { exchange, laptopsForEachTest, noteAt, type SyncStore } from './testing/sync-stores';
import { migrations } from './migrations';
import { openStore } from './store';

// The war room's one timeline (migration 009): other laptops' events in the same windows,
// counts, positions and buckets as this laptop's, ordered by when they happened.

const t0 = Date.parse('2026-05-01T09:00:00.000Z');
const L = laptopsForEachTest('cordon-devtl-', t0);
const twoLaptops = L.two;
const note = (s: SyncStore, incidentId: string, text: string, minute: number) => noteAt(s, incidentId, text, t0 + minute * 60_000);
const window = (s: SyncStore, incidentId: string) => s.store.timeline.window(incidentId, {}, { from: 'start' }, 50);
const texts = (rows: readonly TimelineRow[]) => rows.map((r) => (r.kind === 'note' ? r.effectivePayload?.text : r.kind));

describe('one timeline across laptops', () => {
  it('lists both laptops’ notes in one window, by when they happened, marked with the laptop', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    L.clock += 60_000;
    note(b, incidentId, 'Ben at 3', 3);
    note(a, incidentId, 'Ana at 2', 2);
    note(b, incidentId, 'Ben at 1', 1);
    note(a, incidentId, 'Ana at 4', 4);
    exchange(b, a, incidentId);
    exchange(a, b, incidentId);

    const order = ['declared', 'Ben at 1', 'Ana at 2', 'Ben at 3', 'Ana at 4'];
    for (const s of [a, b]) {
      const w = window(s, incidentId);
      expect(texts(w.rows)).toEqual(order);
      expect(w.total).toBe(5);
      const other = s === a ? 'Ben' : 'Ana';
      for (const row of w.rows) {
        if (row.actor === s.device.name) expect(row.origin).toBeUndefined();
        else expect(row.origin).toMatchObject({ deviceName: other, late: false, skewed: false });
      }
      // Windows from either end and around another laptop's event agree with the whole list.
      const ben3 = w.rows[3] as TimelineRow;
      expect(texts(s.store.timeline.window(incidentId, {}, { from: 'end' }, 2).rows)).toEqual(order.slice(3));
      expect(texts(s.store.timeline.window(incidentId, {}, { from: 'before', eventId: ben3.id }, 2).rows)).toEqual(order.slice(1, 3));
      expect(s.store.timeline.locate(incidentId, {}, { eventId: ben3.id }).index).toBe(3);
      expect(s.store.timeline.locate(incidentId, {}, { at: t0 + 60_000 }).index).toBe(1);
      const bens = s.store.timeline.window(incidentId, { actor: 'Ben' }, { from: 'start' }, 50);
      expect(bens.total).toBe(2);
      // "2 of 5 events": the whole counts every laptop's events, not this laptop's log alone.
      expect(bens.allEvents).toBe(5);
      expect(s.store.timeline.window(incidentId, { kinds: ['note'] }, { from: 'start' }, 50).total).toBe(4);
      expect(s.store.timeline.buckets(incidentId, t0 + 5 * 60_000, 10).total).toBe(5);
      expect(s.store.timeline.overview(incidentId).actors.sort()).toEqual(['Ana', 'Ben']);
    }
  });

  it('a laptop that joined shows the commander’s declaration and a severity call as markers', () => {
    const { a, b, incidentId } = twoLaptops();
    L.clock += 60_000;
    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'severity_changed', payload: { severity: 'SEV1' } } });
    exchange(a, b, incidentId);
    expect(texts(window(b, incidentId).rows)).toEqual(['declared', 'severity_changed']);
    expect(b.store.timeline.overview(incidentId).digest.map((e) => e.kind)).toContain('declared');
    expect(b.store.timeline.buckets(incidentId, L.clock, 10).markers.map((m) => m.severity)).toEqual(['SEV2', 'SEV1']);
  });

  it('signals another laptop’s events after commit, so the windows hear incident.changed for each', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    const first = note(b, incidentId, 'from Ben', 1);
    const second = note(b, incidentId, 'again from Ben', 2);
    const bus = createPushBus();
    const heard: string[] = [];
    bus.subscribe((e) => {
      if (e.topic === 'incident.changed') heard.push(e.eventId);
    });
    const stop = bridgeCommitsToWindows((l) => a.store.onCommitted(l), bus);
    const window0 = window(a, incidentId);
    exchange(b, a, incidentId);
    stop();
    expect(heard).toEqual([first, second]);
    // A window read before the push is not reused: the new rows are in the next one.
    expect(window0.total).toBe(1);
    expect(texts(window(a, incidentId).rows)).toEqual(['declared', 'from Ben', 'again from Ben']);
    expect(a.store.timeline.locate(incidentId, {}, { eventId: first }).row?.origin?.deviceName).toBe('Ben');
  });

  it('marks an event that arrived late, and one written with a clock ahead', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    note(b, incidentId, 'written offline', 1);
    L.clock += 10 * 60_000;
    exchange(b, a, incidentId);
    expect(window(a, incidentId).rows.at(-1)?.origin).toMatchObject({ late: true, skewed: false });
    L.clock = t0 + 60 * 60_000;
    note(b, incidentId, 'clock ahead', 61);
    L.clock = t0 + 30 * 60_000;
    exchange(b, a, incidentId);
    expect(window(a, incidentId).rows.at(-1)?.origin).toMatchObject({ late: false, skewed: true });
  });

  it('an amend on the writer’s laptop moves its event on the other laptop too', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    note(a, incidentId, 'Ana at 2', 2);
    const moved = note(b, incidentId, 'Ben, really at 3', 1);
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'amend', payload: { targetEventId: moved, reason: 'time', occurredAt: new Date(t0 + 3 * 60_000).toISOString() } } });
    exchange(b, a, incidentId);
    const rows = window(a, incidentId).rows.filter((r) => r.kind !== 'amend');
    expect(texts(rows)).toEqual(['declared', 'Ana at 2', 'Ben, really at 3']);
    expect(rows.at(-1)?.amendedBy).toHaveLength(1);
  });

  it('a refused batch adds no row; a refused device’s earlier rows leave the timeline', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    note(b, incidentId, 'accepted earlier', 1);
    exchange(b, a, incidentId);
    expect(window(a, incidentId).total).toBe(2);
    expect(() => a.ledger.ingest(incidentId, b.device.id, [{ hello: 'world' }])).toThrow(SyncRefusal);
    const after = window(a, incidentId);
    expect(texts(after.rows)).toEqual(['declared']);
    expect(after.total).toBe(1);
  });

  it('migration 009 brings the device events a store already held onto its timeline', () => {
    const { a, b, incidentId } = L.two(migrations.slice(0, 8));
    note(a, incidentId, 'Ana at 2', 2);
    b.ledger.ingest(incidentId, a.device.id, a.ledger.publish(incidentId, a.device));
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'note', payload: { text: 'Ben at 1' } }, occurredAt: new Date(t0 + 60_000).toISOString() });
    b.close();
    const migrated = openStore(b.file, b.key, { now: L.now });
    try {
      expect(texts(migrated.timeline.window(incidentId, {}, { from: 'start' }, 50).rows)).toEqual(['declared', 'Ben at 1', 'Ana at 2']);
    } finally {
      migrated.close();
    }
  });
});
