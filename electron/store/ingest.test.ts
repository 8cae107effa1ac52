import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../../shared/sync/device-record';
import { signRecord } from './device-signing';
import { appendEvent, rawDb } from './testing/fixtures';
import { SyncRefusal } from './ingest';
import { tempDir } from './testing/temp-dir';
import { openSyncStore, twoSharedLaptops, type SyncStore } from './testing/sync-stores';

let t: { dir: string; cleanup(): void };
let open: SyncStore[] = [];
let clock = Date.parse('2026-05-01T09:00:00.000Z');
const now = () => clock;
beforeEach(() => {
  t = tempDir('cordon-sync-');
  open = [];
});
afterEach(() => {
  for (const s of open) s.close();
  t.cleanup();
});
const peer = (name: string) => {
  const s = openSyncStore(t.dir, name, now);
  open.push(s);
  return s;
};

/** A commander with a shared incident, and a second laptop admitted to it. */
const twoLaptops = () => twoSharedLaptops(peer);

const exchange = (from: SyncStore, to: SyncStore, incidentId: string) => to.ledger.ingest(incidentId, from.device.id, from.ledger.publish(incidentId, from.device));
const ids = (s: SyncStore, incidentId: string) => s.ledger.timeline(incidentId).entries.map((e) => e.event.id);

describe('ingest from another device', () => {
  it('brings the declaration and notes across both ways; both laptops fold the same state', () => {
    const { a, b, incidentId } = twoLaptops();
    expect(exchange(a, b, incidentId).added).toBe(1);
    expect(b.store.log.summary(incidentId).title).toBe('Checkout errors');
    clock += 60_000;
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'note', payload: { text: 'Payments 500s from eu-west' } } });
    clock += 60_000;
    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'severity_changed', payload: { severity: 'SEV1' } } });
    exchange(b, a, incidentId);
    exchange(a, b, incidentId);
    expect(ids(a, incidentId)).toEqual(ids(b, incidentId));
    expect(ids(a, incidentId)).toHaveLength(3);
    const stateA = a.store.log.state(incidentId);
    const stateB = b.store.log.state(incidentId);
    expect(stateA.severity).toBe('SEV1');
    expect(stateB.severity).toBe('SEV1');
    expect(stateB.notesCount).toBe(1);
    expect(stateA.notesCount).toBe(1);
    // Idempotent: the same records again add nothing.
    expect(exchange(a, b, incidentId).added).toBe(0);
    // Each laptop's own chain still verifies, and every device chain too.
    expect(a.store.verify(incidentId)[0]?.ok).toBe(true);
    expect(b.store.verify(incidentId)[0]?.ok).toBe(true);
    expect(a.ledger.verify(incidentId).every((v) => v.ok)).toBe(true);
    expect(b.ledger.verify(incidentId).every((v) => v.ok)).toBe(true);
  });

  it('refuses and names a device whose event was tampered with, keeping nothing of the batch', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'note', payload: { text: 'first' } } });
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'note', payload: { text: 'second' } } });
    const records = b.ledger.publish(incidentId, b.device);
    const tampered = records.map((r, i) => (i === 1 ? { ...r, payload: { text: 'rewritten' } } : r));
    expect(() => a.ledger.ingest(incidentId, b.device.id, tampered)).toThrow(SyncRefusal);
    expect(() => a.ledger.ingest(incidentId, b.device.id, tampered)).toThrow(/"Ben".*refused/);
    expect(a.ledger.timeline(incidentId).entries).toHaveLength(1);
    expect(a.devices.member(incidentId, b.device.id)?.status).toBe('refused');
    // Once refused, even its genuine records are not taken in.
    expect(() => a.ledger.ingest(incidentId, b.device.id, records)).toThrow(/refused earlier/);
    expect(a.ledger.verify(incidentId).find((v) => v.deviceId === b.device.id)?.ok).toBe(false);
  });

  it('refuses a record re-signed by another key, a broken link, a forged id and garbage', () => {
    type Laptops = ReturnType<typeof twoLaptops>;
    const mine = ({ b, incidentId }: Laptops) => {
      appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'note', payload: { text: 'mine' } } });
      const { hash: _h, sig: _s, ...unsigned } = b.ledger.publish(incidentId, b.device)[0] as DeviceRecord;
      return unsigned;
    };
    const cases: [string, (l: Laptops) => unknown[]][] = [
      ['signed by Ana for Ben', (l) => [signRecord(mine(l), l.a.device.secretKey)]],
      ['a broken link', (l) => [signRecord({ ...mine(l), prevHash: 'f'.repeat(64) }, l.b.device.secretKey)]],
      ['a forged id', (l) => [signRecord({ ...mine(l), id: ids(l.a, l.incidentId)[0]! }, l.b.device.secretKey)]],
      ['a second declaration', (l) => [signRecord({ ...mine(l), kind: 'declared', payload: { title: 'Mine now', kind: 'real' } }, l.b.device.secretKey)]],
      ['a payload not in normal form', (l) => [signRecord({ ...mine(l), payload: { text: '  padded  ' } }, l.b.device.secretKey)]],
      ['a gap', (l) => [signRecord({ ...mine(l), seq: 2 }, l.b.device.secretKey)]],
      ['garbage', () => [{ hello: 'world' }]],
      ['not an object', () => ['\u0000\u0001']],
    ];
    for (const [label, batch] of cases) {
      const l = twoLaptops();
      exchange(l.a, l.b, l.incidentId);
      expect(() => l.a.ledger.ingest(l.incidentId, l.b.device.id, batch(l)), label).toThrow(SyncRefusal);
      expect(ids(l.a, l.incidentId), label).toHaveLength(1);
      expect(rawDb(l.a.store).prepare('SELECT count(*) FROM device_events').pluck().get(), label).toBe(0);
    }
  });

  it('takes a removed device’s records up to its cutoff and refuses the later ones', () => {
    const { a, b, incidentId, members } = twoLaptops();
    exchange(a, b, incidentId);
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'note', payload: { text: 'before removal' } } });
    exchange(b, a, incidentId);
    const removed = [...members, { type: 'remove', device: b.device.id, cutoff: a.ledger.deviceLength(incidentId, b.device.id) } as const];
    a.devices.applyMembers(incidentId, removed);
    // A shorter copy of the log (an older offline file) does not undo the removal.
    a.devices.applyMembers(incidentId, members);
    expect(a.devices.member(incidentId, b.device.id)?.status).toBe('removed');
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'note', payload: { text: 'after removal' } } });
    const result = exchange(b, a, incidentId);
    expect(result).toEqual({ added: 0, refusedAfterRemoval: 1 });
    expect(a.store.log.state(incidentId).notesCount).toBe(1);
  });

  it('marks an event that arrived late', () => {
    const { a, b, incidentId } = twoLaptops();
    exchange(a, b, incidentId);
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'note', payload: { text: 'written offline' } } });
    clock += 10 * 60_000;
    exchange(b, a, incidentId);
    const entry = a.ledger.timeline(incidentId).entries.find((e) => e.event.device === b.device.id);
    expect(entry?.marks).toEqual({ late: true, skewed: false });
    expect(a.ledger.timeline(incidentId).entries[0]?.marks.late).toBe(false);
  });
});
