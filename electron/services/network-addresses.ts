import { networkInterfaces } from 'node:os';
import { isListenableIpv4, loopback } from '../../shared/sync/lan-address';

export interface NetworkAddress {
  /** The interface's name as the system gives it (eth0, en0, Wi-Fi). */
  name: string;
  address: string;
}

type Interfaces = ReturnType<typeof networkInterfaces>;

/**
 * This machine's IPv4 addresses another laptop could reach, one per interface address: not the
 * loopback (offered apart, as "this laptop only"), never 0.0.0.0. Read each time: DHCP and
 * network changes move them while the app runs.
 */
export function machineAddresses(interfaces: Interfaces = networkInterfaces()): NetworkAddress[] {
  const found: NetworkAddress[] = [];
  for (const [name, entries] of Object.entries(interfaces)) {
    for (const entry of entries ?? []) {
      // Node 18.0-18.3 gave the family as a number.
      const ipv4 = entry.family === 'IPv4' || (entry.family as unknown) === 4;
      if (!ipv4 || entry.internal || entry.address === loopback || !isListenableIpv4(entry.address)) continue;
      found.push({ name, address: entry.address });
    }
  }
  return found;
}
