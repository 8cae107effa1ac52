import { describe, expect, it } from 'vitest';
import { isListenableIpv4 } from './lan-address';

describe('addresses a laptop can listen on', () => {
  it.each(['127.0.0.1', '192.168.1.20', '10.0.0.7', '172.16.5.4', '223.255.255.254'])('takes %s', (address) => {
    expect(isListenableIpv4(address)).toBe(true);
  });
  it.each(['0.0.0.0', '255.255.255.255', '224.0.0.251', '240.0.0.1', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', ' 1.2.3.4', '::1', '', 'localhost'])('refuses %j', (address) => {
    expect(isListenableIpv4(address)).toBe(false);
  });
});
