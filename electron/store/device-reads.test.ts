import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../shared/ipc/store-schemas';
import { bridgeCommitsToWindows } from '../services/commit-bridge';
import { createPushBus } from '../services/push-bus';
import { signRecord } from './device-signing';
import { SyncRefusal } from './ingest';
import { migrations } from './migrations';
import { openStore } from './store';
import { appendEvent } from './testing/fixtures';
import { exchange, laptopsForEachTest, noteAt, type SyncStore } from './testing/sync-stores';

// What other laptops' events reach besides the timeline's windows: text search, the incidents
// list, and corrections (amend, redact, key flag) written on one laptop about another's event.

const t0 = Date.parse('2026-05-01T09:00:00.000Z');
const L = laptopsForEachTest('cordon-devreads-', t0);
const twoLaptops = L.two;
const note = (s: SyncStore, incidentId: string, text: string, minute: number) => noteAt(s, incidentId, text, t0 + minute * 60_000);
const window = (s: SyncStore, incidentId: string) => s.store.timeline.window(incidentId, {}, { from: 'start' }, 50);
const texts = (rows: readonly TimelineRow[]) =>
  rows.filter((r) => r.kind !== 'amend' && r.kind !== 'redact').map((r) => (r.redactedBy !== null ? 'redacted' : r.kind === 'note' ? r.effectivePayload?.text : r.kind));
const found = (s: SyncStore, incidentId: string, text: string) => texts(s.store.timeline.window(incidentId, { text }, { from: 'start' }, 50).rows);
const listed = (s: SyncStore, query: string) => {
  s.store.catchUpSearch();
  return s.store.log.list({ query, limit: 10, offset: 0 }).items.map((i) => i.id);
};

describe('text search over every laptop', () => {
  it('finds another laptop’s notes in the timeline’s search and the incidents list, as amended and redacted', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    const ben = note(b, incidentId, 'Rollback of payments-gateway started', 1);
    note(a, incidentId, 'Customer comms drafted', 2);
    exchange(b, a, incidentId);
    exchange(a, b, incidentId);
    for (const s of [a, b]) {
      expect(found(s, incidentId, 'gateway')).toEqual(['Rollback of payments-gateway started']);
      expect(found(s, incidentId, 'comms')).toEqual(['Customer comms drafted']);
      // The declaration is another laptop's event on Ben's laptop: its title is found there too.
      expect(listed(s, 'checkout')).toEqual([incidentId]);
      expect(listed(s, 'rollback')).toEqual([incidentId]);
    }

    // Ben corrects his words on his laptop; Ana's index follows when the amend arrives.
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'amend', payload: { targetEventId: ben, reason: 'wrong service', payload: { text: 'Rollback of ledger-service started' } } } });
    exchange(b, a, incidentId);
    for (const s of [a, b]) {
      expect(found(s, incidentId, 'gateway')).toEqual([]);
      expect(found(s, incidentId, 'ledger')).toEqual(['Rollback of ledger-service started']);
    }

    // Ana redacts Ben's note on her laptop: its words leave both indexes.
    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'redact', payload: { targetEventId: ben, reason: 'pasted a customer name' } } });
    exchange(a, b, incidentId);
    for (const s of [a, b]) {
      expect(found(s, incidentId, 'ledger')).toEqual([]);
      expect(listed(s, 'rollback')).toEqual([]);
    }
  });

  it('a refused laptop’s words leave the index with its rows', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    note(b, incidentId, 'Quarantined host zebra-17', 1);
    exchange(b, a, incidentId);
    expect(found(a, incidentId, 'zebra')).toHaveLength(1);
    expect(listed(a, 'zebra')).toEqual([incidentId]);
    expect(() => a.ledger.ingest(incidentId, b.device.id, [{ forged: true }])).toThrow(SyncRefusal);
    expect(found(a, incidentId, 'zebra')).toEqual([]);
    expect(listed(a, 'zebra')).toEqual([]);
  });

  it('migration 010 indexes the device events a store already held, with the corrections it held', () => {
    const { a, b, incidentId } = L.two(migrations.slice(0, 9));
    const first = note(a, incidentId, 'Firewall rule pushed', 1);
    note(a, incidentId, 'Warehouse scanners offline', 2);
    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'amend', payload: { targetEventId: first, reason: 'typo', payload: { text: 'Firewall rule reverted' } } } });
    b.ledger.ingest(incidentId, a.device.id, a.ledger.publish(incidentId, a.device));
    b.store.catchUpSearch();
    b.close();
    const migrated = openStore(b.file, b.key, { now: L.now });
    try {
      const search = (text: string) => texts(migrated.timeline.window(incidentId, { text }, { from: 'start' }, 50).rows);
      expect(search('scanners')).toEqual(['Warehouse scanners offline']);
      expect(search('reverted')).toEqual(['Firewall rule reverted']);
      expect(search('pushed')).toEqual([]);
    } finally {
      migrated.close();
    }
  });
});

describe('the incidents list counts every laptop', () => {
  it('counts accepted events from other laptops, takes their latest activity, and drops a refused laptop’s', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    L.clock += 5 * 60_000;
    note(b, incidentId, 'one', 1);
    note(b, incidentId, 'two (backdated, written last)', 0);
    exchange(b, a, incidentId);
    const row = () => a.store.log.list({ limit: 10, offset: 0 }).items.find((i) => i.id === incidentId);
    expect(row()?.eventCount).toBe(3);
    expect(row()?.updatedAt).toBe(new Date(L.clock).toISOString());
    expect(b.store.log.list({ limit: 10, offset: 0 }).items.find((i) => i.id === incidentId)?.eventCount).toBe(3);
    expect(() => a.ledger.ingest(incidentId, b.device.id, [{ forged: true }])).toThrow(SyncRefusal);
    expect(row()?.eventCount).toBe(1);
  });
});

describe('corrections of another laptop’s event', () => {
  it('amend, redact and key flag written on Ana’s laptop about Ben’s events show on both timelines and in both folds', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    const late = note(b, incidentId, 'DNS change rolled out', 1);
    const call = appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'severity_changed', payload: { severity: 'SEV1' } }, occurredAt: new Date(t0 + 2 * 60_000).toISOString() }).event.id;
    note(a, incidentId, 'Ana at 3', 3);
    exchange(b, a, incidentId);
    expect(a.store.log.state(incidentId).severity).toBe('SEV1');

    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'amend', payload: { targetEventId: late, reason: 'it was later', occurredAt: new Date(t0 + 4 * 60_000).toISOString(), key: true } } });
    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'redact', payload: { targetEventId: call, reason: 'called by mistake' } } });
    // A text amend after the star keeps the star, on the laptop that wrote the note too.
    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'amend', payload: { targetEventId: late, reason: 'which DNS', payload: { text: 'DNS change rolled out (eu)' } } } });
    exchange(a, b, incidentId);

    for (const s of [a, b]) {
      const rows = window(s, incidentId).rows;
      expect(texts(rows)).toEqual(['declared', 'redacted', 'Ana at 3', 'DNS change rolled out (eu)']);
      const moved = rows.find((r) => r.id === late);
      expect(moved?.effectiveOccurredAt).toBe(new Date(t0 + 4 * 60_000).toISOString());
      expect(moved?.key).toBe(true);
      expect(moved?.amendedBy).toHaveLength(2);
      expect(rows.find((r) => r.id === call)?.redactedBy).not.toBeNull();
      expect(s.store.timeline.window(incidentId, { keyOnly: true }, { from: 'start' }, 50).rows.map((r) => r.id)).toContain(late);
      const state = s.store.log.state(incidentId);
      expect(state.severity).toBe('SEV2');
      expect(state.keyEventIds).toContain(late);
      expect(state.redactedEventIds).toEqual([call]);
    }
  });

  it('a third laptop that gets the correction before the event applies it when the event arrives', () => {
    const { a, b, c, incidentId } = L.three();
    exchange(a, b, incidentId);
    exchange(a, c, incidentId);
    const bens = note(b, incidentId, 'Ben at 1', 1);
    exchange(b, a, incidentId);
    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'amend', payload: { targetEventId: bens, reason: 'time', occurredAt: new Date(t0 + 9 * 60_000).toISOString() } } });
    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'redact', payload: { targetEventId: bens, reason: 'wrong incident' } } });
    note(c, incidentId, 'Cleo at 5', 5);
    exchange(a, c, incidentId); // Ana's corrections reach Cleo first
    c.ledger.ingest(incidentId, b.device.id, b.ledger.records(incidentId, b.device.id));
    const rows = window(c, incidentId).rows;
    expect(texts(rows)).toEqual(['declared', 'Cleo at 5', 'redacted']);
    expect(c.store.timeline.window(incidentId, { keyOnly: true }, { from: 'start' }, 50).rows.map((r) => r.id)).not.toContain(bens);
  });

  it('a laptop that joined, holding events and corrections before the declaration, applies them when the incident is made', () => {
    const { a, b, c, incidentId } = L.three();
    exchange(a, b, incidentId);
    const bens = note(b, incidentId, 'Ben at 1', 1);
    exchange(b, a, incidentId);
    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'amend', payload: { targetEventId: bens, reason: 'time', occurredAt: new Date(t0 + 9 * 60_000).toISOString(), key: true } } });
    note(a, incidentId, 'Ana at 5', 5);
    // Cleo has neither the incident nor its declaration: Ben's log first, then Ana's.
    c.ledger.ingest(incidentId, b.device.id, b.ledger.records(incidentId, b.device.id));
    exchange(a, c, incidentId);
    const rows = window(c, incidentId).rows;
    expect(texts(rows)).toEqual(['declared', 'Ana at 5', 'Ben at 1']);
    expect(c.store.timeline.window(incidentId, { keyOnly: true }, { from: 'start' }, 50).rows.map((r) => r.id)).toContain(bens);
  });

  it('refuses a correction of an unknown event, of another incident’s event, or of a refused laptop’s, writing nothing', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    const other = a.store.write((tx) => tx.declare('Ana', { title: 'Another incident', kind: 'real' })).value.event.id;
    const bens = note(b, incidentId, 'from Ben', 1);
    exchange(b, a, incidentId);
    const count = () => a.store.log.summary(incidentId).eventCount;
    const before = count();
    const amend = (targetEventId: string) => () => appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'amend', payload: { targetEventId, reason: 'x', key: true } } });
    expect(amend('0190f0a0-0000-7000-8000-000000000000')).toThrow('The event to correct is not in this incident.');
    expect(amend(other)).toThrow('The event to correct is not in this incident.');
    expect(() => a.ledger.ingest(incidentId, b.device.id, [{ forged: true }])).toThrow(SyncRefusal);
    expect(amend(bens)).toThrow('That event came from a laptop refused for this incident');
    expect(count()).toBe(before);
  });

  it('refuses a laptop whose correction points at another incident’s event', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    const { event: declared } = a.store.write((tx) => tx.declare('Ana', { title: 'Another incident', kind: 'real' })).value;
    const elsewhere = declared.id;
    // Ben's own laptop would not write it: the record is forged, signed with his key.
    const base = b.ledger.publish(incidentId, b.device);
    const forged = signRecord(
      {
        v: 1,
        id: '0190f0a0-0000-7000-8000-0000000000ff',
        incidentId,
        device: b.device.id,
        seq: base.length + 1,
        actor: 'Ben',
        kind: 'redact',
        occurredAt: new Date(L.clock).toISOString(),
        recordedAt: new Date(L.clock).toISOString(),
        payload: { targetEventId: elsewhere, reason: 'hide it' },
        parents: {},
        prevHash: base.at(-1)?.hash ?? '0'.repeat(64),
      },
      b.device.secretKey,
    );
    expect(() => a.ledger.ingest(incidentId, b.device.id, [...base, forged])).toThrow(/corrects an event of another incident/);
    expect(a.store.timeline.window(declared.incidentId, {}, { from: 'start' }, 10).rows[0]?.redactedBy).toBeNull();
    expect(a.devices.member(incidentId, b.device.id)?.status).toBe('refused');
  });
});

describe('refusing a laptop', () => {
  it('goes out through the commit signal, so the windows hear incident.changed and read their rows again', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    note(b, incidentId, 'one', 1);
    const last = note(b, incidentId, 'two', 2);
    exchange(b, a, incidentId);
    const bus = createPushBus();
    const heard: { incidentId: string; eventId: string }[] = [];
    bus.subscribe((e) => {
      if (e.topic === 'incident.changed') heard.push({ incidentId: e.incidentId, eventId: e.eventId });
    });
    const stop = bridgeCommitsToWindows((l) => a.store.onCommitted(l), bus);
    expect(() => a.ledger.ingest(incidentId, b.device.id, [{ forged: true }])).toThrow(SyncRefusal);
    stop();
    expect(heard).toEqual([{ incidentId, eventId: last }]);
    // What a window does with it: the event is gone from the timeline, the rows read again hold none of Ben's.
    expect(() => a.store.timeline.locate(incidentId, {}, { eventId: last })).toThrow('That event is not in this incident.');
    expect(texts(window(a, incidentId).rows)).toEqual(['declared']);
  });
});
