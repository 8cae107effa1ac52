import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { CordonError } from '../../shared/ipc/result';
import { cipherPragmas, type Db, type ReadableDB } from './database';
import { IncidentRecordReader } from './incident-record';
import { holdCheckpoints } from './verify-parallel';

// Long reads off the main thread: a worker thread opens the store's file read-only and reads
// what it needs while the main process goes on answering the windows. The store's own
// connection holds an exclusive lock, so the worker opens the file as an immutable snapshot,
// as the parallel verification does (verify-parallel.ts): everything committed is first
// checkpointed into the file, and automatic checkpoints stay off until the worker is done, so
// the file does not change under it (appends meanwhile go to the WAL only). The key reaches the
// worker in memory (workerData), never a file, a command line or a log.

/** What a worker needs to open the snapshot: only ever passed in memory. */
export interface SnapshotAccess {
  uri: string;
  pragmas: string[];
  nativeBinding: string | null;
}

/** A worker's messages: progress on the way, then its answer. */
export type SnapshotMessage = { type: 'progress'; read: number; total: number } | { type: 'done'; value: unknown };

export interface SnapshotRun<T> {
  /** The worker's script: a bundled .cjs beside the app's bundle, or a .ts file run through tsx (tests, benches). */
  script: string;
  /** Read on the store's connection in the same step as the checkpoint, so it matches the snapshot; handed to the worker. */
  input: () => unknown;
  onProgress?: ((read: number, total: number) => void) | undefined;
  /** The worker's answer, checked (it crossed a thread). */
  parse: (value: unknown) => T;
  /** Stops the worker (and so drops the key it holds) and rejects with `locked`: the vault locking. */
  signal?: AbortSignal | undefined;
}

/**
 * Runs a worker on a frozen snapshot of the store. Null when no snapshot could be made (the WAL
 * could not be checkpointed whole, as while a reader holds it): the caller then reads on the
 * store's connection instead. Throws `locked` when the store closed before the worker finished.
 */
export async function onSnapshot<T>(db: Db, file: string, key: Buffer, nativeBinding: string | undefined, run: SnapshotRun<T>): Promise<T | null> {
  const release = holdCheckpoints(db);
  try {
    const [checkpoint] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (!checkpoint || checkpoint.busy !== 0 || checkpoint.log !== checkpoint.checkpointed) return null;
    const input = run.input();
    const access: SnapshotAccess = {
      uri: `${pathToFileURL(file).href}?immutable=1`,
      pragmas: cipherPragmas(key),
      nativeBinding: nativeBinding ?? null,
    };
    const value = await inWorker(run.script, { access, input }, run.onProgress, run.signal);
    if (!db.open) throw new CordonError('locked', 'Cordon was locked while it read the incident. Unlock it and try again.');
    return run.parse(value);
  } finally {
    release();
  }
}

function inWorker(
  script: string,
  workerData: { access: SnapshotAccess; input: unknown },
  onProgress: ((read: number, total: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CordonError('locked', 'Cordon was locked before the store was read.'));
      return;
    }
    // From the sources (tests, benches), the script is TypeScript: tsx compiles it in the worker.
    const worker =
      extname(script) === '.ts'
        ? new Worker(`require(require.resolve('tsx/cjs/api', { paths: [process.cwd()] })).require(${JSON.stringify(script)}, ${JSON.stringify(script)});`, { eval: true, workerData })
        : new Worker(script, { workerData });
    let settled = false;
    const abort = () => {
      if (settled) return;
      settled = true;
      reject(new CordonError('locked', 'Cordon was locked while the store was read.'));
      void worker.terminate();
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.once('exit', () => signal?.removeEventListener('abort', abort));
    worker.on('message', (message: SnapshotMessage) => {
      if (settled) return;
      if (message.type === 'progress') onProgress?.(message.read, message.total);
      else {
        settled = true;
        resolve(message.value);
        void worker.terminate();
      }
    });
    worker.once('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the store's worker exited (${code}) without an answer`));
    });
  });
}

/** In the worker: the snapshot opened read-only, as an incident record reader. */
export function openSnapshot(access: SnapshotAccess): { record: IncidentRecordReader; close(): void } {
  const db = openSnapshotDb(access);
  return { record: new IncidentRecordReader(db), close: () => db.close() };
}

/** In the worker: the snapshot's read-only connection. */
export function openSnapshotDb(access: SnapshotAccess): ReadableDB {
  const db = new Database(access.uri, { readonly: true, fileMustExist: true, ...(access.nativeBinding ? { nativeBinding: access.nativeBinding } : {}) });
  try {
    for (const pragma of access.pragmas) db.pragma(pragma);
    // Nothing decrypted reaches a temporary file.
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -32768');
  } catch (error) {
    db.close();
    throw error;
  }
  return db as ReadableDB;
}
