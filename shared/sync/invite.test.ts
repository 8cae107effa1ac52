import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeInvite, encodeInvite, fingerprintOf, InviteError } from './invite';

const invite = { address: '192.168.1.20', port: 49_152, incidentKey: 'ab'.repeat(32), secret: '0f'.repeat(16) };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('invite codes', () => {
  it('round-trips, forgiving case, spaces and look-alike letters', () => {
    const code = encodeInvite(invite);
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{1,5})+$/);
    expect(decodeInvite(code)).toEqual(invite);
    expect(decodeInvite(code.toLowerCase().replace(/-/g, ' '))).toEqual(invite);
  });

  it.each([
    ['empty', ''],
    ['too short', 'ABCDE-FGHJK'],
    ['a foreign character', `${encodeInvite(invite).slice(0, -1)}U`],
    ['way too long', 'A'.repeat(500)],
    ['another version', encodeInvite(invite).replace(/^0/, '2')],
  ])('refuses %s with a clear error', (_label, code) => {
    expect(() => decodeInvite(code)).toThrow(InviteError);
  });

  it('gives both sides the same nine-digit fingerprint, different for another pair', () => {
    const a = '11'.repeat(32);
    const b = '22'.repeat(32);
    expect(fingerprintOf(a, b, sha256)).toMatch(/^\d{3} \d{3} \d{3}$/);
    expect(fingerprintOf(a, b, sha256)).toBe(fingerprintOf(b, a, sha256));
    expect(fingerprintOf(a, '33'.repeat(32), sha256)).not.toBe(fingerprintOf(a, b, sha256));
  });
});
