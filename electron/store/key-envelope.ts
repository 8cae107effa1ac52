import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Keychain } from './keychain';
import { StoreError } from './store-error';
import { hasCode } from './error-shape';
import { canonicalJson } from '../../shared/events/canonical';

/**
 * The key envelope, kept beside the database as `<db file>.keys.json`, so anything given only the
 * database path (the app, `cordon verify --db FILE`, a restore) can find it. It holds no plaintext
 * secret: the 32-byte data key appears only wrapped.
 *
 *   {
 *     "format": "cordon.keys", "version": 1,
 *     "cipher": "sqlcipher-4/raw-key",       // how the database uses the key
 *     "keyId": "<16 hex>",                    // SHA-256("cordon.key-id\0" || key), first 8 bytes:
 *                                             // tells two envelopes of the same key apart from others
 *     "passphrase": {
 *       "kdf": "scrypt", "N": 131072, "r": 8, "p": 1, "salt": "<base64, 16 bytes>",
 *       "aead": "aes-256-gcm", "nonce": "<base64, 12 bytes>", "tag": "<base64, 16 bytes>",
 *       "ciphertext": "<base64, 32 bytes>"    // AAD: "cordon.keys/1"
 *     },
 *     "keychain": { "ciphertext": "<base64 of safeStorage.encryptString(hex key)>" } | null,
 *     "updatedAt": "<UTC ISO>",
 *     "check": "<64 hex>"                     // SHA-256 over the canonical JSON of the fields above
 *   }
 *
 * Without `check`, a flipped bit in the salt or the ciphertext would read as a wrong passphrase;
 * with it, damage is named as damage. Files written before it existed get it on the next unlock.
 *
 * Changing the passphrase rewrites only this file (write, fsync, rename): the data key, and so
 * the database, stay as they are.
 */

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
/** Interactive-login strength: 128 MiB and ~0.3-0.5 s per attempt on a laptop (RFC 7914, OWASP). */
export const defaultScryptParams: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const aad = Buffer.from('cordon.keys/1');
const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const envelopeSchema = z.object({
  format: z.literal('cordon.keys'),
  version: z.literal(1),
  cipher: z.literal('sqlcipher-4/raw-key'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  passphrase: z.object({
    kdf: z.literal('scrypt'),
    N: z.number().int().min(2 ** 10).max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: b64,
    aead: z.literal('aes-256-gcm'),
    nonce: b64,
    tag: b64,
    ciphertext: b64,
  }),
  keychain: z.object({ ciphertext: b64 }).nullable(),
  updatedAt: z.string(),
  /** SHA-256 of the canonical JSON of every other field: a changed byte is damage, not a wrong passphrase. */
  check: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type KeyEnvelope = z.infer<typeof envelopeSchema>;

export const envelopePath = (dbFile: string): string => `${dbFile}.keys.json`;

export function keyId(key: Buffer): string {
  return createHash('sha256').update('cordon.key-id\0').update(key).digest('hex').slice(0, 16);
}

function scrypt(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(passphrase.normalize('NFC'), salt, 32, options, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
}

export async function wrapKey(
  key: Buffer,
  passphrase: string,
  keychain: Keychain | null,
  params: ScryptParams = defaultScryptParams,
  now: () => number = Date.now,
): Promise<KeyEnvelope> {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const kek = await scrypt(passphrase, salt, params);
  try {
    const cipher = createCipheriv('aes-256-gcm', kek, nonce);
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
    return {
      format: 'cordon.keys',
      version: 1,
      cipher: 'sqlcipher-4/raw-key',
      keyId: keyId(key),
      passphrase: {
        kdf: 'scrypt',
        ...params,
        salt: salt.toString('base64'),
        aead: 'aes-256-gcm',
        nonce: nonce.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64'),
      },
      keychain: keychain?.isAvailable() ? { ciphertext: keychain.encrypt(key.toString('hex')).toString('base64') } : null,
      updatedAt: new Date(now()).toISOString(),
    };
  } finally {
    kek.fill(0);
  }
}

/** The data key, or a StoreError('wrong_key') that has changed nothing. */
export async function unwrapWithPassphrase(envelope: KeyEnvelope, passphrase: string): Promise<Buffer> {
  const p = envelope.passphrase;
  const kek = await scrypt(passphrase, Buffer.from(p.salt, 'base64'), p);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(p.nonce, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(p.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(p.ciphertext, 'base64')), decipher.final()]);
    return checkedKey(key, envelope);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('wrong_key', 'That passphrase does not unlock this store.', { cause: error });
  } finally {
    kek.fill(0);
  }
}

export function unwrapWithKeychain(envelope: KeyEnvelope, keychain: Keychain): Buffer {
  if (!envelope.keychain || !keychain.isAvailable()) {
    throw new StoreError('wrong_key', 'This store cannot be unlocked with the system keychain here; use your passphrase.');
  }
  let hex: string;
  try {
    hex = keychain.decrypt(Buffer.from(envelope.keychain.ciphertext, 'base64'));
  } catch (error) {
    throw new StoreError('wrong_key', 'The system keychain could not unlock this store; use your passphrase.', { cause: error });
  }
  return checkedKey(Buffer.from(/^[0-9a-f]{64}$/.test(hex) ? hex : '', 'hex'), envelope);
}

function checkedKey(key: Buffer, envelope: KeyEnvelope): Buffer {
  if (key.length !== 32 || keyId(key) !== envelope.keyId) {
    key.fill(0);
    throw new StoreError('damaged', 'The key file is damaged: the key it unwraps is not this store’s key. Restore it from a backup (each backup keeps its own key file).');
  }
  return key;
}

export function readEnvelope(dbFile: string): KeyEnvelope {
  const file = envelopePath(dbFile);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new StoreError(
        'not_cordon',
        `There is no key file ${JSON.stringify(file)} beside the store, so it cannot be unlocked. Is this a Cordon store?`,
        { cause: error },
      );
    }
    throw new StoreError('missing', `Cordon cannot read the key file ${JSON.stringify(file)}.`, { cause: error });
  }
  let parsed: ReturnType<typeof envelopeSchema.safeParse>;
  try {
    parsed = envelopeSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = { success: false } as ReturnType<typeof envelopeSchema.safeParse>;
  }
  if (!parsed.success) {
    if (text.includes('cordon.keys')) throw damagedKeyFile(file);
    throw new StoreError('not_cordon', `${JSON.stringify(file)} is not a Cordon key file.`);
  }
  const { check, ...fields } = parsed.data;
  if (check !== undefined && check !== envelopeCheck(fields)) throw damagedKeyFile(file);
  return parsed.data;
}

const damagedKeyFile = (file: string) =>
  new StoreError(
    'damaged',
    `The key file ${JSON.stringify(file)} is damaged (it changed on disk), so the store cannot be unlocked with it. Restore the key file from a backup: each backup keeps its own beside it.`,
  );

export function envelopeCheck(fields: Omit<KeyEnvelope, 'check'>): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

/** Write, fsync, rename, fsync the directory: a crash leaves the old envelope or the new one. */
export function writeEnvelope(dbFile: string, envelope: KeyEnvelope): void {
  const file = envelopePath(dbFile);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    const { check: _old, ...fields } = envelope;
    writeSync(fd, `${JSON.stringify({ ...fields, check: envelopeCheck(fields) }, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  fsyncDir(dirname(file));
}

export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a directory, and some file systems refuse
    // a directory fsync; the rename is still atomic there. Anything else is a real failure.
    if (!hasCode(error, 'EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EBADF')) throw error;
  }
}
