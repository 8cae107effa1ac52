// An invite to one shared incident: what a laptop needs to reach the commander's laptop on the
// LAN and prove it was invited. It carries no incident content and no key that reads the log:
// the block key is handed over only after the commander compares fingerprints and admits.
//
// Binary layout (55 bytes), then Crockford base32 in groups of five:
//   version (1) | IPv4 address (4) | port (2, big-endian) | incident key (32) | one-time secret (16)

export interface Invite {
  address: string;
  port: number;
  /** Hex of the commander's membership log key: the incident's key. */
  incidentKey: string;
  /** Hex of 16 random bytes, good for one join before it expires. */
  secret: string;
}

const inviteVersion = 1;
const byteLength = 55;
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export class InviteError extends Error {}

export function encodeInvite(invite: Invite): string {
  const octets = invite.address.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) throw new InviteError('An invite needs an IPv4 address.');
  if (!Number.isInteger(invite.port) || invite.port < 1 || invite.port > 65_535) throw new InviteError('An invite needs a port.');
  const bytes = new Uint8Array(byteLength);
  bytes[0] = inviteVersion;
  bytes.set(octets, 1);
  bytes[5] = invite.port >> 8;
  bytes[6] = invite.port & 0xff;
  bytes.set(fromHex(invite.incidentKey, 32), 7);
  bytes.set(fromHex(invite.secret, 16), 39);
  return (base32(bytes).match(/.{1,5}/g) ?? []).join('-');
}

/** Parses what a person typed or scanned; spaces, dashes and case do not matter, O/I/L read as 0/1/1. */
export function decodeInvite(code: string): Invite {
  if (typeof code !== 'string' || code.length > 200) throw new InviteError('That is not a Cordon invite code.');
  const cleaned = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== Math.ceil((byteLength * 8) / 5) || /[^0-9A-HJKMNP-TV-Z]/.test(cleaned)) {
    throw new InviteError('That is not a Cordon invite code: check that every character was copied.');
  }
  const bytes = unbase32(cleaned);
  if (bytes[0] !== inviteVersion) throw new InviteError('This invite was made by another version of Cordon.');
  const port = ((bytes[5] ?? 0) << 8) | (bytes[6] ?? 0);
  if (port === 0) throw new InviteError('That is not a Cordon invite code.');
  return {
    address: Array.from(bytes.subarray(1, 5)).join('.'),
    port,
    incidentKey: toHex(bytes.subarray(7, 39)),
    secret: toHex(bytes.subarray(39, 55)),
  };
}

/**
 * The short code both screens show before the commander admits a laptop: nine digits from a
 * hash of both devices' public keys (sorted, so both sides compute the same). The hash is passed
 * in: shared/ is pure, the caller has SHA-256.
 */
export function fingerprintOf(publicKeyA: string, publicKeyB: string, sha256: (hex: string) => string): string {
  const [first, second] = [publicKeyA, publicKeyB].sort();
  const digest = sha256(`${first}${second}`);
  const number = Number.parseInt(digest.slice(0, 12), 16) % 1_000_000_000;
  return String(number).padStart(9, '0').replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3');
}

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Uint8Array {
  const out = new Uint8Array(byteLength);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of text) {
    value = ((value << 5) | alphabet.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      if (index < byteLength) out[index] = (value >>> (bits - 8)) & 0xff;
      index += 1;
      bits -= 8;
    }
  }
  return out;
}

function fromHex(hex: string, length: number): Uint8Array {
  if (!new RegExp(`^[0-9a-f]{${length * 2}}$`).test(hex)) throw new InviteError('An invite needs a key and secret in hex.');
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
