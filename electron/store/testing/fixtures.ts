import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { WritableDB } from '../database';
import type { AppendRequest } from '../event-log';
import { openStore, type OpenStore, type Store, type StoreOptions } from '../store';
import { tempDir } from './temp-dir';

/** A new encrypted store in a temp dir, with its key, for repository-level tests. */
export function newStore(options: StoreOptions = {}): { store: OpenStore; file: string; dir: string; key: Buffer; cleanup(): void } {
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
  return store.write((tx) => tx.declare('Ana', { title, kind, severity: 'SEV2' })).value.event.incidentId;
}

/** One event appended through the store's one write path (a test's shorthand for a one-event write). */
export function appendEvent(store: Store, request: AppendRequest) {
  return store.write((tx) => tx.append(request)).value;
}

/**
 * The connection under a store a service test was handed: for tests that damage or seed a store
 * behind the repositories' back (a trigger, a row an older version wrote). Never for app code.
 */
export function rawDb(store: Store): WritableDB {
  const db = (store as Partial<OpenStore>).db;
  if (!db) throw new Error('this store does not expose its connection');
  return db;
}
