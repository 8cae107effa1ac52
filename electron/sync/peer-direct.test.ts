import { describe, expect, it } from 'vitest';
import type { MemberEntry } from '../../shared/sync/device-record';
import { signMember } from '../store/device-signing';
import { openExchange, sealExchange } from './offline-file';
import { SyncPeer } from './peer';
import { eventually, peersForEachTest, shareWith, type TestPeer } from './testing/peers';

// Laptops that joined link to each other directly, at the addresses the commander signed into
// the membership log, so they keep syncing when the commander's laptop is gone.
const { start, stop } = peersForEachTest('cordon-sync-direct-', { redialMs: 100 });

const addressOf = (p: TestPeer) => ({ host: '127.0.0.1', port: p.peer.port });

describe('direct links between laptops that joined', () => {
  it('the commander signs each member’s address; with the commander stopped, a note on Ben reaches Cleo directly', async () => {
    const [ana, ben, cleo] = [await start('Ana'), await start('Ben'), await start('Cleo')];
    const incidentId = await shareWith(ana, [ben, cleo]);
    for (const p of [ana, ben, cleo]) {
      await eventually(`${p.name} knows every member’s address`, () =>
        [ana, ben, cleo].every((m) => JSON.stringify(p.peer.memberAddress(incidentId, m.device.id)) === JSON.stringify(addressOf(m))),
      );
    }
    await eventually('Ben and Cleo are linked', () => ben.peer.linkedDevices().includes(cleo.device.id));
    // Each laptop says where it is on every link: the log signs each address once.
    const log = openExchange(await ana.peer.exportIncident(incidentId), ana.devices.shared(incidentId)!.blockKey).members.map((b) => b.entry);
    expect(log.filter((e) => e.type === 'address').map((e) => e.type === 'address' && e.device).sort()).toEqual([ana, ben, cleo].map((p) => p.device.id).sort());
    await stop(ana);
    await eventually('Ben and Cleo see Ana gone', () => !ben.peer.linkedDevices().includes(ana.device.id) && !cleo.peer.linkedDevices().includes(ana.device.id));
    const id = await ben.note(incidentId, 'DNS failover done');
    await eventually('Ben’s note reaches Cleo without Ana', () => cleo.ids(incidentId).includes(id));
    expect(cleo.ledger.timeline(incidentId).entries.find((e) => e.event.id === id)?.deviceName).toBe('Ben');
    expect(cleo.peer.linkedDevices()).toEqual([ben.device.id]);
  });

  it('a link dropped between two members is dialled again', async () => {
    const [ana, ben, cleo] = [await start('Ana'), await start('Ben'), await start('Cleo')];
    const incidentId = await shareWith(ana, [ben, cleo]);
    await eventually('Ben and Cleo are linked', () => ben.peer.linkedDevices().includes(cleo.device.id));
    // One link each way at most: duplicates from dialling each other at once are closed.
    await eventually('one link between Ben and Cleo', () => ben.peer.linkedDevices().filter((d) => d === cleo.device.id).length === 1);
    ben.peer.disconnectFrom(cleo.device.id);
    await stop(ana);
    await eventually('Ben and Cleo link again', () => cleo.peer.linkedDevices().includes(ben.device.id));
    const id = await cleo.note(incidentId, 'after the drop');
    await eventually('Cleo’s note reaches Ben', () => ben.ids(incidentId).includes(id));
  });

  it('two laptops that dial each other at once close the same one of the two links', async () => {
    const [ana, ben, cleo] = [await start('Ana'), await start('Ben'), await start('Cleo')];
    const incidentId = await shareWith(ana, [ben, cleo]);
    const linksBetween = () => ben.peer.linkedDevices().filter((d) => d === cleo.device.id).length;
    await eventually('Ben and Cleo are linked', () => linksBetween() === 1);
    for (let i = 0; i < 3; i++) {
      ben.peer.disconnectFrom(cleo.device.id);
      ben.peer.connectTo('127.0.0.1', cleo.peer.port ?? 0);
      cleo.peer.connectTo('127.0.0.1', ben.peer.port ?? 0);
      await eventually('one link left, the same on both ends', () => linksBetween() === 1 && cleo.peer.linkedDevices().filter((d) => d === ben.device.id).length === 1);
      const id = await ben.note(incidentId, `over the one link ${i}`);
      await eventually('the note crosses it', () => cleo.ids(incidentId).includes(id));
    }
  });

  it('a laptop that moves to another address is signed there and reached there, the commander’s too', async () => {
    const [ana, ben, cleo] = [await start('Ana'), await start('Ben'), await start('Cleo')];
    const incidentId = await shareWith(ana, [ben, cleo]);
    await eventually('Cleo knows Ben’s address', () => cleo.peer.memberAddress(incidentId, ben.device.id) !== null);
    // 127.0.0.2 is loopback too on Linux: a second address of this machine for the test.
    await ben.peer.setHost('127.0.0.2');
    await eventually('Ana signs Ben’s new address and Cleo has it', () => cleo.peer.memberAddress(incidentId, ben.device.id)?.host === '127.0.0.2');
    await ana.peer.setHost('127.0.0.2');
    await eventually('Ben and Cleo have Ana’s new address', () => [ben, cleo].every((p) => p.peer.memberAddress(incidentId, ana.device.id)?.host === '127.0.0.2'));
    await eventually('Ana is linked with both again', () => [ben, cleo].every((p) => ana.peer.linkedDevices().includes(p.device.id)));
    const id = await ana.note(incidentId, 'moved to the ops VLAN');
    await eventually('Ana’s note reaches both', () => ben.ids(incidentId).includes(id) && cleo.ids(incidentId).includes(id));
  });

  it('an address it cannot listen on changes nothing: the listener stays where it was', async () => {
    const ana = await start('Ana');
    const port = ana.peer.port;
    // 203.0.113.0/24 is for documentation: no machine has 203.0.113.99.
    await expect(ana.peer.setHost('203.0.113.99')).rejects.toThrow(/could not listen on 203\.0\.113\.99; it stays reachable at 127\.0\.0\.1/);
    expect([ana.peer.host, ana.peer.port]).toEqual(['127.0.0.1', port]);
    const ben = await start('Ben');
    const incidentId = await shareWith(ana, [ben]);
    expect(ben.ids(incidentId)).toHaveLength(1);
  });

  it('a removed laptop is not dialled, and its links are closed', async () => {
    const [ana, ben, cleo] = [await start('Ana'), await start('Ben'), await start('Cleo')];
    const incidentId = await shareWith(ana, [ben, cleo]);
    await eventually('Ben and Cleo are linked', () => ben.peer.linkedDevices().includes(cleo.device.id));
    await ana.peer.remove(incidentId, ben.device.id);
    await eventually('Cleo drops Ben', () => cleo.devices.member(incidentId, ben.device.id)?.status === 'removed' && !cleo.peer.linkedDevices().includes(ben.device.id));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(cleo.peer.linkedDevices()).not.toContain(ben.device.id);
    expect(ana.peer.linkedDevices()).not.toContain(ben.device.id);
  });
});

describe('addresses from peers are data to check', () => {
  const lies: [string, unknown][] = [
    ['another machine’s address', { host: '10.9.8.7', port: 4000 }],
    ['not an address', { host: '999.1.1.1', port: 4000 }],
    ['every interface', { host: '0.0.0.0', port: 4000 }],
    ['port 0', { host: '127.0.0.1', port: 0 }],
    ['an extra field', { host: '127.0.0.1', port: 4000, dial: 'me' }],
    ['a string', 'connect to 10.0.0.1'],
    ['too long', { host: '127.0.0.1', port: 4000, pad: 'x'.repeat(400) }],
  ];
  it.each(lies)('a member telling %s is not written into the membership log', async (_, lie) => {
    class Liar extends SyncPeer {
      protected override addressToTell(): unknown {
        return lie;
      }
    }
    const ana = await start('Ana');
    const [mallory, ben] = [await start('Mallory', { Peer: Liar }), await start('Ben')];
    const refused: string[] = [];
    ana.peer.on('addressRefused', (device) => refused.push(device));
    const incidentId = await shareWith(ana, [mallory, ben]);
    await eventually('Ana refuses what Mallory said', () => refused.includes(mallory.device.id));
    // The honest laptop's address is taken, so the check is not refusing everything.
    await eventually('Ben’s address is signed', () => ana.peer.memberAddress(incidentId, ben.device.id) !== null);
    expect(ana.peer.memberAddress(incidentId, mallory.device.id)).toBeNull();
    // Ben never learns an address for Mallory, so never dials it (Mallory, a member, may still dial Ben).
    expect(ben.peer.memberAddress(incidentId, mallory.device.id)).toBeNull();
  });

  it('an address entry not signed by the commander, or garbage signed by it, is refused with the file it came in, nothing applied', async () => {
    const [ana, ben, cleo] = [await start('Ana'), await start('Ben'), await start('Cleo')];
    const incidentId = await shareWith(ana, [ben, cleo]);
    await eventually('Cleo knows Ben’s address', () => cleo.peer.memberAddress(incidentId, ben.device.id) !== null);
    const shared = ben.devices.shared(incidentId)!;
    const body = openExchange(await ben.peer.exportIncident(incidentId), shared.blockKey);
    const forged: MemberEntry = { type: 'address', device: ben.device.id, host: '10.66.0.1', port: 2222 };
    // Ben signs an entry of Ana's log: the index and incident are right, the key is not the commander's.
    const byBen = { ...body, members: [...body.members, signMember(incidentId, body.members.length, forged, ben.device.secretKey)] };
    expect(() => cleo.peer.importIncident(sealExchange(byBen, shared.membersKey, shared.blockKey))).toThrow(/not signed by the commander; nothing was imported/);
    const garbage = { entry: { type: 'address', device: ben.device.id, host: '10.66.0.300', port: 70_000 }, sig: body.members[0]!.sig };
    const withGarbage = { ...body, members: [...body.members, garbage] } as unknown as typeof body;
    expect(() => cleo.peer.importIncident(sealExchange(withGarbage, shared.membersKey, shared.blockKey))).toThrow(/does not hold what Cordon writes; nothing was imported/);
    expect(cleo.peer.memberAddress(incidentId, ben.device.id)).toEqual(addressOf(ben));
  });
});
