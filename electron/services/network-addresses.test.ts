import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { machineAddresses } from './network-addresses';

const entry = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;

describe('this machine’s addresses offered for sync', () => {
  it('lists each non-internal IPv4 address with its interface, never the loopback, IPv6 or an unlistenable one', () => {
    expect(
      machineAddresses({
        lo: [entry('127.0.0.1', 'IPv4', true), entry('::1', 'IPv6', true)],
        eth0: [entry('192.168.1.20', 'IPv4'), entry('fe80::1', 'IPv6')],
        wlan0: [entry('10.0.0.7', 'IPv4'), entry('0.0.0.0', 'IPv4')],
        docker0: undefined,
      }),
    ).toEqual([
      { name: 'eth0', address: '192.168.1.20' },
      { name: 'wlan0', address: '10.0.0.7' },
    ]);
  });
});
