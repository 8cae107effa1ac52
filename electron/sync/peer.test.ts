import { describe, expect, it } from 'vitest';
import { connectAll, eventually, peersForEachTest, shareWith, type TestPeer } from './testing/peers';

const { start } = peersForEachTest('cordon-sync-peer-');
const same = (list: TestPeer[], incidentId: string) => {
  const first = JSON.stringify(list[0]?.ids(incidentId));
  return list.every((p) => JSON.stringify(p.ids(incidentId)) === first);
};

describe('three laptops over 127.0.0.1', () => {
  it('invite, fingerprint, admit; a note on one appears on the others', async () => {
    const [ana, ben, cleo] = [await start('Ana'), await start('Ben'), await start('Cleo')];
    const incidentId = await shareWith(ana, [ben, cleo]);
    await eventually('the declaration reaches Ben and Cleo', () => same([ana, ben, cleo], incidentId) && ben.ids(incidentId).length === 1);
    expect(ben.store.log.summary(incidentId).title).toBe('Checkout errors');
    connectAll([ben, cleo]);
    const id = await ben.note(incidentId, 'Payments 500s from eu-west');
    await eventually('Ben’s note reaches Ana and Cleo', () => ana.ids(incidentId).includes(id) && cleo.ids(incidentId).includes(id));
    expect(ana.ledger.timeline(incidentId).entries.find((e) => e.event.id === id)?.deviceName).toBe('Ben');
  });

  it('partitioned, all three write; healed, they hold the same events and state, every chain verified', async () => {
    const [ana, ben, cleo] = [await start('Ana'), await start('Ben'), await start('Cleo')];
    const all = [ana, ben, cleo];
    const incidentId = await shareWith(ana, [ben, cleo]);
    await eventually('everyone has the declaration', () => all.every((p) => p.ids(incidentId).length === 1));
    for (const p of all) p.peer.disconnectAll();
    await ana.severity(incidentId, 'SEV1', '2026-05-01T09:10:00.000Z');
    await ben.severity(incidentId, 'SEV3', '2026-05-01T09:12:00.000Z');
    for (const p of all) for (let i = 0; i < 5; i++) await p.note(incidentId, `${p.name} offline ${i}`);
    expect(ana.ids(incidentId)).toHaveLength(7);
    connectAll(all);
    await eventually('all three converge', () => ana.ids(incidentId).length === 18 && same(all, incidentId));
    for (const p of all) {
      const state = p.store.log.state(incidentId);
      expect(state.severity).toBe('SEV3');
      expect(state.notesCount).toBe(15);
      expect(p.ledger.verify(incidentId).map((v) => [v.deviceName, v.ok, v.length])).toEqual(
        expect.arrayContaining([['Ana', true, ana === p ? 7 : 7], ['Ben', true, 6], ['Cleo', true, 5]]),
      );
      expect(p.store.verify(incidentId)[0]?.ok).toBe(true);
    }
    expect(ana.ledger.timeline(incidentId).conflicts).toEqual([expect.objectContaining({ fact: 'severity', rule: 'latest_severity_wins' })]);
  });

  it('refuses a removed laptop’s later writes on every laptop', async () => {
    const [ana, ben, cleo] = [await start('Ana'), await start('Ben'), await start('Cleo')];
    const incidentId = await shareWith(ana, [ben, cleo]);
    connectAll([ben, cleo]);
    const before = await ben.note(incidentId, 'before removal');
    await eventually('Ben’s note reaches everyone', () => ana.ids(incidentId).includes(before) && cleo.ids(incidentId).includes(before));
    await ana.peer.remove(incidentId, ben.device.id);
    await eventually('Cleo applies the removal', () => cleo.devices.member(incidentId, ben.device.id)?.status === 'removed');
    const after = await ben.note(incidentId, 'after removal');
    const marker = await ana.note(incidentId, 'marker');
    await eventually('Ana’s later note reaches Cleo', () => cleo.ids(incidentId).includes(marker));
    expect(ana.ids(incidentId)).not.toContain(after);
    expect(cleo.ids(incidentId)).not.toContain(after);
    expect(ben.ids(incidentId)).toContain(after);
  });

  it('refuses a laptop whose log holds a tampered event, names it, and keeps nothing it sent', async () => {
    const ana = await start('Ana');
    const mallory = await start('Mallory', {
      ledger: (ledger) =>
        new Proxy(ledger, {
          get(target, key, receiver) {
            if (key !== 'publish') return Reflect.get(target, key, receiver) as unknown;
            return (...args: Parameters<typeof ledger.publish>) =>
              target.publish(...args).map((r) => (r.kind === 'note' && r.payload.text === 'honest' ? { ...r, payload: { text: 'rewritten' } } : r));
          },
        }),
    });
    const incidentId = await shareWith(ana, [mallory]);
    const refusals: string[] = [];
    ana.peer.on('refused', (refusal) => refusals.push(refusal.message));
    await eventually('Mallory has the declaration', () => mallory.ids(incidentId).length === 1);
    await mallory.note(incidentId, 'first, fine');
    await mallory.note(incidentId, 'honest');
    await eventually('Ana refuses Mallory', () => refusals.length > 0);
    expect(refusals[0]).toMatch(/"Mallory".*refused: event \d does not match its hash/);
    expect(ana.ids(incidentId)).toHaveLength(1);
    expect(ana.devices.member(incidentId, mallory.device.id)?.status).toBe('refused');
  });
});
