import { z } from 'zod';

// Addresses sync listens on and dials: IPv4 only (what an invite carries). Peers hand them to
// each other, so they are data to check, never trusted as given.

export const loopback = '127.0.0.1';

const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const dotted = new RegExp(`^${octet}(\\.${octet}){3}$`);

/** True for a unicast IPv4 address a laptop can listen on: not 0.x, multicast, broadcast or reserved. */
export function isListenableIpv4(text: string): boolean {
  if (!dotted.test(text)) return false;
  const first = Number(text.split('.')[0]);
  return first >= 1 && first <= 223;
}

export const ipv4Schema = z.string().max(15).refine(isListenableIpv4, 'must be an IPv4 address of a laptop (like 192.168.1.20)');
export const portSchema = z.number().int().min(1).max(65_535);
