import { create } from 'zustand';
import type { VaultStatus } from '../../../shared/ipc/store-schemas';
import { cordon } from '../platform/cordon';

interface VaultState {
  status: VaultStatus | null;
  loadError: string | null;
  /** Loads the vault's state and follows lock/unlock pushes (auto-lock included). */
  start(): () => void;
  refresh(): Promise<void>;
  create(passphrase: string): Promise<string | null>;
  unlock(input: { passphrase: string } | { keychain: true }): Promise<string | null>;
  lock(): Promise<void>;
}

export const useVault = create<VaultState>((set, get) => ({
  status: null,
  loadError: null,
  start() {
    void get().refresh();
    return cordon().subscribe((event) => {
      if (event.topic === 'vault.changed' || event.topic === 'channel.opened') void get().refresh();
    });
  },
  async refresh() {
    const result = await cordon().vaultStatus();
    set(result.ok ? { status: result.value, loadError: null } : { loadError: result.error.message });
  },
  // These return the error message to show beside the form, or null on success.
  async create(passphrase) {
    const result = await cordon().vaultCreate({ passphrase });
    if (!result.ok) return result.error.message;
    set({ status: result.value });
    return null;
  },
  async unlock(input) {
    const result = await cordon().vaultUnlock(input);
    if (!result.ok) return result.error.message;
    set({ status: result.value });
    return null;
  },
  async lock() {
    const result = await cordon().vaultLock();
    if (result.ok) set({ status: result.value });
  },
}));
