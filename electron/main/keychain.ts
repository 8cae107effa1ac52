import { safeStorage } from 'electron';
import type { Keychain } from '../store/keychain';

/**
 * The vault's keychain in the app: Electron's safeStorage (Keychain on macOS, DPAPI on
 * Windows, libsecret/kwallet on Linux). Linux's basic_text backend encrypts with a hard-coded
 * password, which protects nothing, so it counts as unavailable and only the passphrase wraps
 * the key there. Call after app 'ready': safeStorage is not usable before.
 */
export function createSafeStorageKeychain(platform: NodeJS.Platform = process.platform): Keychain {
  const available = (): boolean => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false;
    return true;
  };
  return {
    isAvailable: available,
    encrypt: (secret) => safeStorage.encryptString(secret),
    decrypt: (wrapped) => safeStorage.decryptString(wrapped),
  };
}
