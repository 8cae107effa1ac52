import { describe, expect, it } from 'vitest';
import type { IncidentState } from '../../shared/events/fold';
import { connectAll, eventually, peersForEachTest, shareWith } from './testing/peers';

const { start } = peersForEachTest('cordon-sync-part-');

/** mulberry32: a small seeded generator, so a failing schedule can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What must be equal everywhere: the state without the fields that describe this laptop's own chain. */
const shared = ({ eventCount: _c, headHash: _h, headEventId: _e, ...rest }: IncidentState) => rest;

describe('random partition schedules (seeded) always converge', () => {
  it.each([1, 7, 42])('seed %i', async (seed) => {
    const next = random(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const all = [await start('Ana'), await start('Ben'), await start('Cleo')];
    const incidentId = await shareWith(all[0]!, all.slice(1));
    let written = 1;
    for (let round = 0; round < 12; round++) {
      // Each pair is linked or cut at random; writes land wherever they happen to be made.
      for (const [i, a] of all.entries()) {
        for (const b of all.slice(i + 1)) {
          if (next() < 0.5) a.peer.disconnectFrom(b.device.id);
          else a.peer.connectTo('127.0.0.1', b.peer.port ?? 0);
        }
      }
      for (let w = Math.floor(next() * 4); w > 0; w--) {
        const writer = pick(all);
        const minute = String(Math.floor(next() * 60)).padStart(2, '0');
        const occurredAt = `2026-05-01T10:${minute}:00.000Z`;
        if (next() < 0.4) await writer.severity(incidentId, pick(['SEV1', 'SEV2', 'SEV3']), occurredAt);
        else await writer.note(incidentId, `${writer.name} round ${round}`);
        written += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 30)));
    }
    for (const p of all) p.peer.disconnectAll();
    connectAll(all);
    await eventually(`seed ${seed}: every laptop holds all ${written} events`, () => all.every((p) => p.ids(incidentId).length === written));
    const [first, ...rest] = all.map((p) => ({ ids: p.ids(incidentId), state: shared(p.store.log.state(incidentId)) }));
    for (const other of rest) expect(other).toEqual(first);
    for (const p of all) {
      expect(p.ledger.verify(incidentId).every((v) => v.ok)).toBe(true);
      expect(p.store.verify(incidentId)[0]?.ok).toBe(true);
    }
  });
});
