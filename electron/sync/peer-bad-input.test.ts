import { connect } from 'node:net';
import SecretStream from '@hyperswarm/secret-stream';
import crypto from 'hypercore-crypto';
import { describe, expect, it } from 'vitest';
import { signRecord } from '../store/device-signing';
import { eventually, peersForEachTest, shareWith, type TestPeer } from './testing/peers';

let clock = Date.parse('2026-05-01T09:00:00.000Z');
const now = () => clock;
const { start } = peersForEachTest('cordon-sync-bad-', { now });
const declare = async (p: TestPeer) => {
  const incidentId = p.store.write((tx) => tx.declare(p.name, { title: 'Outage', kind: 'real' })).value.event.incidentId;
  await p.peer.share(incidentId);
  return incidentId;
};
const nothingShared = (p: TestPeer) => {
  expect(p.devices.sharedIncidentIds()).toEqual([]);
  expect(p.store.log.counts().incidents).toBe(0);
};

describe('sync entry points refuse bad input, writing nothing', () => {
  it.each([
    ['an empty code', ''],
    ['random words', 'please let me in'],
    ['a truncated code', 'ABCDE-FGHJK-MNPQR'],
    ['a code with a character outside the alphabet', `${'0'.repeat(88)}U`],
  ])('a malformed invite code: %s', async (_label, code) => {
    const ben = await start('Ben');
    await expect(ben.peer.join(code)).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/invite/) });
    nothingShared(ben);
  });

  it('an expired invite, then a used one', async () => {
    const [ana, ben, cleo] = [await start('Ana'), await start('Ben'), await start('Cleo')];
    const incidentId = await declare(ana);
    const { code: expired } = ana.peer.createInvite(incidentId, 60_000);
    clock += 61_000;
    await expect(ben.peer.join(expired)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/expired/) });
    nothingShared(ben);
    const { code } = ana.peer.createInvite(incidentId, 60_000);
    const ticket = await ben.peer.join(code);
    await expect(cleo.peer.join(code)).rejects.toMatchObject({ message: expect.stringMatching(/already used/) });
    nothingShared(cleo);
    await eventually('Ben waits for admission', () => ana.peer.pendingJoins().length === 1);
    ana.peer.refuseJoin(ana.peer.pendingJoins()[0]!.joinId);
    await expect(ticket.admitted).rejects.toMatchObject({ code: 'forbidden' });
    nothingShared(ben);
    expect(ana.devices.members(incidentId).map((m) => m.name)).toEqual(['Ana']);
  });

  it('garbage on the wire: raw bytes, then a Noise peer sending nonsense; the listener keeps working', async () => {
    const [ana, ben] = [await start('Ana'), await start('Ben')];
    const incidentId = await declare(ana);
    const raw = connect(ana.peer.port ?? 0, '127.0.0.1');
    raw.on('error', () => raw.destroy());
    raw.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n\u0000\u00ff'.repeat(50)));
    await new Promise((resolve) => raw.on('close', resolve));
    const socket = connect(ana.peer.port ?? 0, '127.0.0.1');
    socket.on('error', () => socket.destroy());
    const noise = new SecretStream(true, socket, { keyPair: crypto.keyPair() });
    noise.on('error', () => socket.destroy());
    await noise.opened;
    noise.write(Buffer.from('{"t":"join","secret":"nope"}'));
    noise.write(Buffer.alloc(40_000, 7));
    await new Promise((resolve) => socket.on('close', resolve));
    expect(ana.peer.pendingJoins()).toEqual([]);
    expect(ana.devices.members(incidentId)).toHaveLength(1);
    // Still serving a real invite afterwards.
    const ticket = await ben.peer.join(ana.peer.createInvite(incidentId).code);
    await eventually('the join request arrives', () => ana.peer.pendingJoins().length === 1);
    await ana.peer.admit(ana.peer.pendingJoins()[0]!.joinId);
    await expect(ticket.admitted).resolves.toBe(incidentId);
  });

  it('a peer sending an event with a forged id is refused and named', async () => {
    const ana = await start('Ana');
    let forgedId = '';
    const mallory = await start('Mallory', {
      ledger: (ledger) =>
        new Proxy(ledger, {
          get(target, key, receiver) {
            if (key !== 'publish') return Reflect.get(target, key, receiver) as unknown;
            return (...args: Parameters<typeof ledger.publish>) =>
              target.publish(...args).map(({ hash: _h, sig: _s, ...r }) => signRecord({ ...r, id: forgedId }, args[1].secretKey));
          },
        }),
    });
    const incidentId = await shareWith(ana, [mallory]);
    await eventually('Mallory has the declaration', () => mallory.ids(incidentId).length === 1);
    forgedId = mallory.ids(incidentId)[0]!;
    const refusals: string[] = [];
    ana.peer.on('refused', (r) => refusals.push(r.message));
    await mallory.note(incidentId, 'I declared this');
    await eventually('Ana refuses Mallory', () => refusals.length > 0);
    expect(refusals[0]).toMatch(/"Mallory".*reuses the id of another event/);
    expect(ana.ids(incidentId)).toEqual([forgedId]);
  });
});
