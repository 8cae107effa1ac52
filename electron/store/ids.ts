import { randomFillSync } from 'node:crypto';

// Random bits for ids, drawn from the CSPRNG 4 KiB at a time: one randomBytes call per id cost
// about as much as the rest of an append's JavaScript put together.
const pool = Buffer.alloc(4096);
let offset = pool.length;

/**
 * UUIDv7 (RFC 9562): a millisecond timestamp then random bits. Ids written close together sort
 * together, so the events' id index grows at its right edge instead of touching a random page
 * on every append (fewer pages to encrypt and fsync per commit).
 */
export function uuidv7(now: number = Date.now()): string {
  if (offset + 16 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  pool.copy(bytes, 0, offset, offset + 16);
  offset += 16;
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
