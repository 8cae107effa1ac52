import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CordonError } from '../../shared/ipc/result';
import { deviceIdSchema, memberBlockSchema } from '../../shared/sync/device-record';

// An incident as one laptop holds it, for a USB stick between two rooms: every device's records
// and the commander's signed membership log, sealed with a key derived from the incident's block
// key (so only laptops admitted to the incident can open it). The importer checks it exactly as
// live sync does (ingest.ts); the file is only a carrier, never trusted.
//
// Layout: "CORDONSYNC1\n" | header JSON line | AES-256-GCM ciphertext | 16-byte tag.
// The header (incident key, nonce) is the associated data.

const magic = Buffer.from('CORDONSYNC1\n');
const maxFileBytes = 512 * 1024 * 1024;

const headerSchema = z.object({ incidentKey: z.string().regex(/^[0-9a-f]{64}$/), nonce: z.string().regex(/^[0-9a-f]{24}$/) }).strict();

export const exchangeBodySchema = z
  .object({
    incidentId: z.string().uuid(),
    commander: deviceIdSchema,
    members: z.array(memberBlockSchema).max(10_000),
    // Records are checked one by one on ingest; here they are only carried.
    devices: z.record(deviceIdSchema, z.array(z.unknown()).max(1_000_000)),
  })
  .strict();
export type ExchangeBody = z.infer<typeof exchangeBodySchema>;

const fileKey = (blockKey: Buffer) => Buffer.from(hkdfSync('sha256', blockKey, Buffer.alloc(0), 'cordon/offline-exchange', 32));

export function sealExchange(body: ExchangeBody, incidentKey: string, blockKey: Buffer): Buffer {
  const nonce = randomBytes(12);
  const header = Buffer.from(`${JSON.stringify({ incidentKey, nonce: nonce.toString('hex') })}\n`);
  const cipher = createCipheriv('aes-256-gcm', fileKey(blockKey), nonce);
  cipher.setAAD(Buffer.concat([magic, header]));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
  return Buffer.concat([magic, header, sealed, cipher.getAuthTag()]);
}

/** The incident key a file is for, read without opening it. */
export function exchangeIncidentKey(file: Buffer): string {
  return readHeader(file).header.incidentKey;
}

export function openExchange(file: Buffer, blockKey: Buffer): ExchangeBody {
  const { header, headerEnd } = readHeader(file);
  if (file.length < headerEnd + 16) throw notAnExchange();
  const decipher = createDecipheriv('aes-256-gcm', fileKey(blockKey), Buffer.from(header.nonce, 'hex'));
  decipher.setAAD(file.subarray(0, headerEnd));
  decipher.setAuthTag(file.subarray(file.length - 16));
  let text: string;
  try {
    text = Buffer.concat([decipher.update(file.subarray(headerEnd, file.length - 16)), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new CordonError('bad_input', 'This exchange file was changed or damaged after it was written; nothing was imported.', { cause: error });
  }
  const parsed = exchangeBodySchema.safeParse(safeJson(text));
  if (!parsed.success) throw new CordonError('bad_input', 'This exchange file does not hold what Cordon writes; nothing was imported.');
  return parsed.data;
}

function readHeader(file: Buffer) {
  if (file.length > maxFileBytes) throw new CordonError('bad_input', 'This file is too large to be a Cordon exchange file.');
  if (file.length < magic.length || !file.subarray(0, magic.length).equals(magic)) throw notAnExchange();
  const newline = file.indexOf(0x0a, magic.length);
  if (newline < 0 || newline - magic.length > 400) throw notAnExchange();
  const header = headerSchema.safeParse(safeJson(file.subarray(magic.length, newline).toString('utf8')));
  if (!header.success) throw notAnExchange();
  return { header: header.data, headerEnd: newline + 1 };
}

const notAnExchange = () => new CordonError('bad_input', 'This is not a Cordon incident exchange file.');

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
