import { describe, expect, it, vi } from 'vitest';
import type { EventBody } from '../../shared/events/payloads';
import { CordonError } from '../../shared/ipc/result';
import { rawDb } from './testing/fixtures';
import { exchange, laptopsForEachTest, noteAt, type SyncStore } from './testing/sync-stores';
import type * as SharedFold from './shared-fold';
import { stateText } from './state-text';

// Counts how often new events were folded onto the state, and how often that was declined (a
// whole fold instead), so the comparison below is known to cover both.
const folds = vi.hoisted(() => ({ onto: 0, declined: 0 }));
vi.mock('./shared-fold', async (original) => {
  const actual = await original<typeof SharedFold>();
  return {
    ...actual,
    foldOnto: (...args: Parameters<typeof actual.foldOnto>) => {
      const state = actual.foldOnto(...args);
      if (state) folds.onto += 1;
      else folds.declined += 1;
      return state;
    },
  };
});

const t0 = Date.parse('2026-05-01T09:00:00.000Z');
const laptops = laptopsForEachTest('cordon-fold-', t0);

/** A small seeded generator (mulberry32): the same interleavings on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T };
}

/** The stored row of the incident, as written. */
const stored = (s: SyncStore, incidentId: string) =>
  rawDb(s.store).prepare('SELECT kind, title, status, severity, phase, updated_at, event_count, head_hash, state FROM incidents WHERE id = ?').get(incidentId) as Record<string, unknown> | undefined;

/** What a fresh whole fold of everything the laptop holds gives, in the same columns. */
function expected(s: SyncStore, incidentId: string) {
  const state = s.ledger.wholeFold(incidentId);
  if (!state) return undefined;
  const row = stored(s, incidentId);
  const columns = { kind: 'kind', title: 'title', status: 'status', severity: 'severity', phase: 'phase', updated_at: 'updatedAt' } as const;
  return {
    ...Object.fromEntries(Object.entries(columns).map(([column, key]) => [column, state[key]])),
    // This laptop's own chain: not the fold's to change.
    event_count: row?.event_count,
    head_hash: row?.head_hash,
    state: stateText(state, null).text,
  };
}

describe('a shared incident folded incrementally', () => {
  it('is byte for byte the whole fold after every batch and every write, whatever the interleaving', () => {
    folds.onto = 0;
    folds.declined = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const { a, b, c, incidentId } = laptops.three();
      const all = [a, b, c];
      const r = random(seed);
      // Clocks that disagree: each laptop writes at its own time, sometimes backdated.
      const skew = new Map(all.map((s) => [s, r.int(120_000) - 60_000]));
      // Laptops holding events taken in without a fold (a catch-up's batches but the last): their
      // state is behind until their next fold, which takes those events in too.
      const behind = new Set<SyncStore>();
      const write = (s: SyncStore) => {
        laptops.clock += 1_000 + r.int(5_000);
        const at = new Date(laptops.clock + (skew.get(s) ?? 0) - (r.next() < 0.3 ? r.int(600_000) : 0)).toISOString();
        // Events this laptop holds (its own and those taken in) that a correction may name.
        const held = s.ledger.timeline(incidentId).entries.filter((e) => e.event.kind !== 'amend' && e.event.kind !== 'redact').map((e) => e.event.id);
        const roll = r.next();
        const body: EventBody =
          roll < 0.4
            ? { kind: 'note', payload: { text: `note ${r.int(1_000)}`, ...(r.next() < 0.2 ? { key: true } : {}) } }
            : roll < 0.55
              ? { kind: 'severity_changed', payload: { severity: r.pick(['SEV1', 'SEV2', 'SEV3']) } }
              : roll < 0.7
                ? { kind: 'checklist_item_set', payload: { itemId: r.pick(['page-oncall', 'status-page', 'rollback']), done: r.next() < 0.6 } }
                : roll < 0.77
                  ? { kind: 'role_assigned', payload: { role: 'commander', person: r.pick(['Ana', 'Ben', 'Cleo']) } }
                  : roll < 0.92
                    ? { kind: 'amend', payload: { targetEventId: r.pick(held), reason: 'typo', ...(r.next() < 0.6 ? { occurredAt: new Date(laptops.clock - r.int(900_000)).toISOString() } : { key: r.next() < 0.5 }) } }
                    : { kind: 'redact', payload: { targetEventId: r.pick(held), reason: 'wrong incident' } };
        try {
          const { event } = s.store.write((tx) => tx.append({ incidentId, actor: s.device.name, body, occurredAt: at } as Parameters<typeof tx.append>[0])).value;
          expect(event.incidentId).toBe(incidentId);
          behind.delete(s);
        } catch (error) {
          // A second redaction of one event is refused, nothing written; nothing else may fail.
          if (!(error instanceof CordonError && error.code === 'conflict' && body.kind === 'redact')) throw error;
        }
      };
      /** Part of one laptop's log reaches another, straight or relayed by a third (a correction may arrive before its target). */
      const deliver = () => {
        const to = r.pick(all);
        const device = r.pick(all.filter((s) => s !== to)).device.id;
        const via = r.pick(all.filter((s) => s !== to));
        for (const s of all) s.ledger.publish(incidentId, s.device);
        const records = via.ledger.records(incidentId, device);
        const held = to.ledger.deviceLength(incidentId, device);
        if (records.length <= held) return;
        const upTo = held + 1 + r.int(records.length - held);
        // Now and then a batch of a long catch-up, folded only with the last one.
        const refold = r.next() < 0.85;
        const { added } = to.ledger.ingest(incidentId, device, records.slice(r.int(held + 1), upTo), { refold });
        if (added > 0 && refold) behind.delete(to);
        else if (added > 0) behind.add(to);
      };
      for (let step = 0; step < 120; step++) {
        const roll = r.next();
        if (roll < 0.45) write(r.pick([a, b, c].filter((s) => stored(s, incidentId) !== undefined)));
        else deliver();
        for (const s of all) if (!behind.has(s)) expect(stored(s, incidentId), `seed ${seed}, step ${step}, ${s.device.name}`).toEqual(expected(s, incidentId));
      }
      // Everything everywhere: the three laptops hold the same events and fold the same state.
      for (let round = 0; round < 2; round++) {
        for (const s of all) s.ledger.publish(incidentId, s.device);
        for (const to of all) for (const from of all) if (from !== to) to.ledger.ingest(incidentId, from.device.id, from.ledger.records(incidentId, from.device.id));
      }
      const states = all.map((s) => {
        expect(stored(s, incidentId)).toEqual(expected(s, incidentId));
        const { eventCount: _n, headHash: _h, headEventId: _i, ...merged } = s.store.log.state(incidentId);
        return merged;
      });
      expect(states[1]).toEqual(states[0]);
      expect(states[2]).toEqual(states[0]);
    }
    // Both ways were taken many times: the comparison covers the incremental path.
    expect(folds.onto).toBeGreaterThan(100);
    expect(folds.declined).toBeGreaterThan(50);
  });

  it('folds whole when an event arrives after a correction of it that comes earlier in merge order', () => {
    const { a, b, c, incidentId } = laptops.three();
    exchange(a, c, incidentId);
    // Ana's note happened at 09:10; Ben redacts it, his redaction dated 09:05 (his clock is behind).
    const note = noteAt(a, incidentId, 'wrong incident', t0 + 600_000);
    exchange(a, b, incidentId);
    laptops.clock = t0 + 700_000;
    b.store.write((tx) => tx.append({ incidentId, actor: 'Ben', body: { kind: 'redact', payload: { targetEventId: note, reason: 'wrong incident' } }, occurredAt: new Date(t0 + 300_000).toISOString() }));
    // Cleo hears Ben first: the redaction of a note she does not hold yet; then Ana's note, which
    // comes after everything Cleo folded, but is redacted.
    exchange(b, c, incidentId);
    exchange(a, c, incidentId);
    expect(stored(c, incidentId)).toEqual(expected(c, incidentId));
    expect(c.store.log.state(incidentId).notesCount).toBe(0);
  });
});
