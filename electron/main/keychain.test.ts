import { describe, expect, it, vi } from 'vitest';

const safeStorage = vi.hoisted(() => ({
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  encryptString: vi.fn((text: string) => Buffer.from(`wrapped:${text}`)),
  decryptString: vi.fn((data: Buffer) => data.toString().replace(/^wrapped:/, '')),
}));
vi.mock('electron', () => ({ safeStorage }));
const { createSafeStorageKeychain } = await import('./keychain');

describe('OS keychain adapter', () => {
  it('uses safeStorage where it really protects the key', () => {
    const keychain = createSafeStorageKeychain('linux');
    expect(keychain.isAvailable()).toBe(true);
    const wrapped = keychain.encrypt('00ff');
    expect(keychain.decrypt(wrapped)).toBe('00ff');
    expect(createSafeStorageKeychain('darwin').isAvailable()).toBe(true);
  });

  it("treats Linux's basic_text backend (a hard-coded password) as no keychain at all", () => {
    safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    expect(createSafeStorageKeychain('linux').isAvailable()).toBe(false);
    // The backend question only exists on Linux.
    expect(createSafeStorageKeychain('win32').isAvailable()).toBe(true);
  });

  it('is unavailable when the OS offers no encryption', () => {
    safeStorage.isEncryptionAvailable.mockReturnValue(false);
    expect(createSafeStorageKeychain('darwin').isAvailable()).toBe(false);
  });
});
