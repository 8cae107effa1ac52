/**
 * The OS keychain as the vault sees it: Electron's safeStorage in the app
 * (electron/main/keychain.ts), a stand-in in tests (testing/fake-keychain.ts). It wraps the
 * store key so the user can unlock without typing the passphrase; the passphrase always works too.
 */
export interface Keychain {
  /** False where there is no real OS protection (e.g. Linux's basic_text backend). */
  isAvailable(): boolean;
  encrypt(secret: string): Buffer;
  /** Throws when the keychain cannot or will not decrypt (other user, reset keychain...). */
  decrypt(wrapped: Buffer): string;
}

/** Used when the runtime has no keychain at all (the harness, the CLI). */
export const noKeychain: Keychain = {
  isAvailable: () => false,
  encrypt: () => {
    throw new Error('no keychain');
  },
  decrypt: () => {
    throw new Error('no keychain');
  },
};
