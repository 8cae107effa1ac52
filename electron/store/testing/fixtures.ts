import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openStore, type Store, type StoreOptions } from '../store';
import { tempDir } from './temp-dir';

/** A new encrypted store in a temp dir, with its key, for repository-level tests. */
export function newStore(options: StoreOptions = {}): { store: Store; file: string; dir: string; key: Buffer; cleanup(): void } {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'cordon.db');
  const key = randomBytes(32);
  const store = openStore(file, key, { create: true, ...options });
  return {
    store,
    file,
    dir,
    key,
    cleanup: () => {
      store.close();
      cleanup();
    },
  };
}

export function declareIncident(store: Store, title = 'Checkout errors', kind: 'real' | 'exercise' = 'real') {
  return store.log.declare('Ana', { title, kind, severity: 'SEV2' }).event.incidentId;
}
