import { createHash } from 'node:crypto';
import crypto from 'hypercore-crypto';
import { memberSignable, recordHashInput, type DeviceRecord, type MemberBlock, type MemberEntry, type UnsignedRecord } from '../../shared/sync/device-record';

// ed25519 through libsodium (hypercore-crypto), the same keys that sign the device's hypercore.

export const recordHash = (record: UnsignedRecord): string => createHash('sha256').update(recordHashInput(record), 'utf8').digest('hex');

export function signRecord(record: UnsignedRecord, secretKey: Buffer): DeviceRecord {
  const hash = recordHash(record);
  return { ...record, hash, sig: crypto.sign(Buffer.from(hash, 'hex'), secretKey).toString('hex') };
}

/** Null when the record's hash and signature hold for its device's key; else what fails. */
export function recordCryptoProblem(record: DeviceRecord): string | null {
  if (recordHash(record) !== record.hash) return `event ${record.seq} does not match its hash`;
  if (!crypto.verify(Buffer.from(record.hash, 'hex'), Buffer.from(record.sig, 'hex'), Buffer.from(record.device, 'hex'))) {
    return `event ${record.seq} has a bad signature`;
  }
  return null;
}

export function newDeviceKeyPair(): { publicKey: Buffer; secretKey: Buffer } {
  return crypto.keyPair();
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function signMember(incidentId: string, index: number, entry: MemberEntry, secretKey: Buffer): MemberBlock {
  return { entry, sig: crypto.sign(digest(memberSignable(incidentId, index, entry)), secretKey).toString('hex') };
}

/** Whether a membership block at `index` was signed by the commander's key. */
export function memberSignedBy(incidentId: string, index: number, block: MemberBlock, commander: string): boolean {
  return crypto.verify(digest(memberSignable(incidentId, index, block.entry)), Buffer.from(block.sig, 'hex'), Buffer.from(commander, 'hex'));
}
