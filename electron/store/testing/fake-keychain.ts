import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keychain } from '../keychain';

/**
 * A stand-in for Electron's safeStorage in tests: AES-GCM under a key that lives only in this
 * process. It protects nothing on disk and must never be wired into the app.
 */
export function createFakeKeychain(available = true): Keychain & { calls: number } {
  const key = randomBytes(32);
  const keychain = {
    calls: 0,
    isAvailable: () => available,
    encrypt(secret: string): Buffer {
      keychain.calls++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(wrapped: Buffer): string {
      keychain.calls++;
      const decipher = createDecipheriv('aes-256-gcm', key, wrapped.subarray(0, 12));
      decipher.setAuthTag(wrapped.subarray(12, 28));
      return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  return keychain;
}
