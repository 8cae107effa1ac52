import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/ipc/contract';
import type { SyncStatus } from '../../shared/ipc/sync-contract';
import { decodeInvite } from '../../shared/sync/invite';
import type { NetworkAddress } from '../services/network-addresses';
import { eventually } from '../sync/testing/peers';
import { createTestApp } from './testing/test-app';

type Addresses = MethodOutput<'syncAddresses'>;

// Where sync listens, chosen in the sync card. The machine's interfaces are given to the app
// (as the OS would list them): 127.0.0.2 stands for a LAN address, being loopback too on Linux.
async function laptop(name: string, interfaces: NetworkAddress[]) {
  const app = createTestApp({ networkAddresses: () => interfaces });
  await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
  await app.value('settingsUpdate', { displayName: name });
  return app;
}
const kept = (app: Awaited<ReturnType<typeof laptop>>) => app.services.vault.use((store) => store.devices.listenHost());

describe('where sync listens', () => {
  it('offers this laptop only and each interface; the chosen address is kept, listened on and put in invites; a laptop joins there', async () => {
    const ana = await laptop('Ana', [{ name: 'lan0', address: '127.0.0.2' }]);
    const ben = await laptop('Ben', []);
    const offered = await ana.value<Addresses>('syncAddresses');
    expect(offered).toEqual({
      chosen: '127.0.0.1',
      problem: null,
      choices: [
        { address: '127.0.0.1', label: 'This laptop only (127.0.0.1)' },
        { address: '127.0.0.2', label: 'lan0 (127.0.0.2)' },
      ],
    });
    // Choosing listens on nothing: sync stays off until an invite or a join.
    expect((await ana.value<Addresses>('syncSetAddress', { address: '127.0.0.2' })).chosen).toBe('127.0.0.2');
    expect(ana.services.sync.status().on).toBe(false);
    expect(kept(ana)).toBe('127.0.0.2');

    const { id: incidentId } = await ana.value<{ id: string }>('incidentDeclare', { title: 'Checkout API returning 500s' });
    const { code } = await ana.value<{ code: string }>('syncInvite', { incidentId });
    expect(decodeInvite(code).address).toBe('127.0.0.2');
    expect(ana.services.sync.status().address).toMatch(/^127\.0\.0\.2:\d+$/);
    await ben.value('syncJoin', { code });
    await eventually('Ana sees the request', () => ana.services.sync.status().pending.length === 1);
    await ana.value('syncAdmit', { joinId: ana.services.sync.status().pending[0]?.joinId });
    await eventually('the incident reaches Ben', () => ben.services.sync.timeline({ incidentId }).entries.length >= 2);

    // Moved back while on: the listener moves, the next invite carries the new address.
    await ana.value('syncSetAddress', { address: '127.0.0.1' });
    expect(ana.services.sync.status().address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(decodeInvite((await ana.value<{ code: string }>('syncInvite', { incidentId })).code).address).toBe('127.0.0.1');
  });

  it('refuses an address this machine does not have, or not an address at all, keeping nothing', async () => {
    const ana = await laptop('Ana', [{ name: 'lan0', address: '127.0.0.2' }]);
    const refused = async (input: unknown) => {
      const result = await ana.call('syncSetAddress', input);
      if (result.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
      return result.error;
    };
    expect(await refused({ address: '192.168.1.77' })).toEqual({ code: 'bad_input', message: '192.168.1.77 is not an address of this laptop now; choose one from the list.' });
    for (const address of ['0.0.0.0', '255.255.255.255', '224.0.0.251', '127.0.0.2; rm -rf /', '::1', 'lan0', '', '1.2.3', '01.2.3.4']) {
      expect((await refused({ address })).code, address).toBe('bad_input');
    }
    expect((await refused({})).code).toBe('bad_input');
    expect((await refused({ address: '127.0.0.2', port: 80 })).code).toBe('bad_input');
    expect((await refused({ address: 2130706433 })).code).toBe('bad_input');
    expect(kept(ana)).toBeNull();
    expect(ana.services.sync.status().on).toBe(false);
    expect((await ana.value<Addresses>('syncAddresses')).chosen).toBe('127.0.0.1');
  });

  it('when the kept address is gone at start, listens on 127.0.0.1 and says so', async () => {
    const interfaces: NetworkAddress[] = [{ name: 'wlan0', address: '127.0.0.2' }];
    const ana = await laptop('Ana', interfaces);
    await ana.value('syncSetAddress', { address: '127.0.0.2' });
    interfaces.length = 0; // another network: DHCP took the address away
    const status = await ana.value<SyncStatus>('syncStart');
    expect(status.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const offered = await ana.value<Addresses>('syncAddresses');
    expect(offered.chosen).toBe('127.0.0.1');
    expect(offered.problem).toMatch(/no longer has the address 127\.0\.0\.2.*reachable from this laptop only/);
    expect(offered.choices.map((c) => c.address)).toEqual(['127.0.0.1']);
    // Kept as it was: back on that network, it is used again.
    expect(kept(ana)).toBe('127.0.0.2');
    expect(ana.logger.lines.some((line) => line.includes('sync.address_gone'))).toBe(true);
  });
});
