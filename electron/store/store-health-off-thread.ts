import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CordonError } from '../../shared/ipc/result';
import { chainVerdictSchema } from '../../shared/ipc/store-schemas';
import type { Db } from './database';
import type { SnapshotRun } from './snapshot-worker';
import { checkStoreHealth, type StoreHealth } from './store-health';

// The whole-store check of a large store runs in a worker thread (store-health-worker.ts) on a
// snapshot of the file, as the post-mortem draft does (snapshot-worker.ts): at 100,000 events it
// takes seconds, and on the main thread the windows would wait that long for every answer
// (issue 16). A small store is checked here: starting a worker costs more than it saves.

/** From this many events on, the store is checked in a worker thread. */
export const healthInWorkerFrom = 5_000;

export interface HealthRun {
  /** Events from which a worker checks (default healthInWorkerFrom; tests pass 0 to always use it). */
  workerFrom?: number | undefined;
  script?: string | undefined;
  /** Aborted when the vault locks: the worker stops and the check rejects with `locked`. */
  signal?: AbortSignal | undefined;
  /** Told why the worker could not check, before the check runs here instead. */
  onFallback?: ((error: unknown) => void) | undefined;
}

/** The worker's script: beside the bundle this code runs in, or beside this file from the sources (tests, benches). */
export function healthWorkerScript(): string {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  return join(dirname(here), here.endsWith('.ts') ? 'store-health-worker.ts' : 'store-health-worker.cjs');
}

const storeHealthSchema = z.object({ ok: z.boolean(), problems: z.array(z.string()), chains: z.array(chainVerdictSchema) });

/**
 * The same findings as checkStoreHealth, found in a worker when the store is large and a snapshot
 * can be had; otherwise (a small store, a WAL that could not be checkpointed, a worker that cannot
 * start or open the file) on the store's connection, as before.
 */
export async function checkStoreHealthOffThread(db: Db, onSnapshot: (run: SnapshotRun<StoreHealth>) => Promise<StoreHealth | null>, run: HealthRun = {}): Promise<StoreHealth> {
  if (run.signal?.aborted || !db.open) throw new CordonError('locked', 'Cordon was locked before the store was checked.');
  if (largeEnough(db, run.workerFrom ?? healthInWorkerFrom)) {
    try {
      const found = await onSnapshot({ script: run.script ?? healthWorkerScript(), input: () => null, parse: (value) => storeHealthSchema.parse(value), signal: run.signal });
      if (found) return found;
    } catch (error) {
      if (error instanceof CordonError && error.code === 'locked') throw error;
      run.onFallback?.(error);
    }
    if (!db.open) throw new CordonError('locked', 'Cordon was locked while the store was checked.');
  }
  return checkStoreHealth(db);
}

function largeEnough(db: Db, from: number): boolean {
  if (!Number.isFinite(from)) return false;
  try {
    return (db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM events').pluck().get() ?? 0) >= from;
  } catch {
    // Even this read failing is damage: the check here names it.
    return false;
  }
}
