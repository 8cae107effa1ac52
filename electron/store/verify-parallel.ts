import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChainVerdict } from '../../shared/ipc/store-schemas';
import { CordonError } from '../../shared/ipc/result';
import { createSegmentScan, segmentScanSource, type Segment, type SegmentScan } from './chain-segments';
import { cipherPragmas, type Db } from './database';
import { finish, proveChains, rangeScanSql, readHeads, verifyChains, withRowCheck } from './verify-chains';

export interface ParallelVerifyOptions {
  /** The store's file and key: each worker opens its own read-only connection. */
  file: string;
  key: Buffer;
  nativeBinding?: string | undefined;
  /** Threads scanning, this one included; defaults to the machine's cores, at most four. */
  threads?: number;
  /** Below this many events one thread is quicker than starting workers. */
  minEvents?: number;
  /** Where the worker loads better-sqlite3 from (tests point it elsewhere to see the fallback). */
  sqliteModulePath?: string;
}

export interface ParallelVerifyResult {
  verdicts: ChainVerdict[];
  /** How many threads did the scanning, this one included; 1 when this one did it alone. */
  threads: number;
}

/**
 * Verifies every chain with the fast pass of verify-chains.ts split over threads, each scanning a
 * range of the events table: this one on the store's connection, worker threads on their own.
 *
 * The store's connection holds an exclusive lock, so the workers open the database file as an
 * immutable snapshot (SQLite's `immutable=1`: no locks, no WAL). That is sound because the file
 * is frozen while they read: a checkpoint first moves everything committed into it, and the
 * automatic checkpoint is off until they finish; appends meanwhile go to the WAL only. Workers
 * can still only fail to prove a chain (a page read halfway through a change hashes wrong), and
 * any chain they do not prove is verified again, exactly, on the store's own connection.
 */
export async function verifyChainsInParallel(db: Db, options: ParallelVerifyOptions): Promise<ParallelVerifyResult> {
  const threads = Math.max(0, Math.floor(options.threads ?? Math.min(4, availableParallelism())));
  // seq counts the events written (a removed one is for the verification to find).
  const maxSeq = db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM events').pluck().get() ?? 0;
  if (threads < 2 || maxSeq < (options.minEvents ?? 20_000)) return { verdicts: verifyChains(db), threads: 1 };

  const release = holdCheckpoints(db);
  try {
    const [checkpoint] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (!checkpoint || checkpoint.busy !== 0 || checkpoint.log !== checkpoint.checkpointed) {
      return { verdicts: verifyChains(db), threads: 1 };
    }
    // Read in the same synchronous step as the checkpoint: exactly what the file now holds.
    const heads = readHeads(db);
    const [mine, ...theirs] = seqRanges(maxSeq, threads);
    const working = theirs.map(([from, to]) => scanInWorker(options, from, to));
    // Started before this thread scans its own range, so they all run at once.
    const own = createSegmentScan();
    if (mine) withRowCheck(db, own.check, () => db.prepare(rangeScanSql).pluck().get(mine[0], mine[1]));
    let scans: Pick<SegmentScan, 'segments' | 'orderBroken'>[];
    try {
      scans = [own, ...(await Promise.all(working))];
    } catch {
      // Workers could not run here (no URI support, a module they cannot load): one thread then.
      stillOpen(db);
      return { verdicts: verifyChains(db), threads: 1 };
    }
    stillOpen(db);
    const { proven, suspect } = proveChains(heads, scans);
    // Chains the workers did not prove are judged now, on the live store, with fresh heads.
    const rechecked = new Map(suspect.flatMap((head) => verifyChains(db, head.id)).map((v) => [v.incidentId, v]));
    const verdicts = new Map(finish(heads, proven).map((v) => [v.incidentId, v]));
    return {
      verdicts: heads.flatMap((head) => {
        const v = rechecked.get(head.id) ?? verdicts.get(head.id);
        return v ? [v] : [];
      }),
      threads,
    };
  } finally {
    release();
  }
}

// Verifications (and snapshot reads, snapshot-worker.ts) can overlap; automatic checkpoints stay off until the last ends.
const holds = new WeakMap<Db, { count: number; pages: number }>();
export function holdCheckpoints(db: Db): () => void {
  let hold = holds.get(db);
  if (!hold) {
    hold = { count: 0, pages: db.pragma('wal_autocheckpoint', { simple: true }) as number };
    holds.set(db, hold);
    db.pragma('wal_autocheckpoint = 0');
  }
  hold.count++;
  const held = hold;
  return () => {
    held.count--;
    if (held.count > 0) return;
    holds.delete(db);
    if (db.open) db.pragma(`wal_autocheckpoint = ${held.pages}`);
  };
}

function stillOpen(db: Db): void {
  if (!db.open) throw new CordonError('locked', 'Cordon was locked during the verification. Unlock it and verify again.');
}

/** [from, to] ranges of seq, inclusive, covering 1..maxSeq in `parts` nearly equal pieces. */
export function seqRanges(maxSeq: number, parts: number): [number, number][] {
  const size = Math.ceil(maxSeq / parts);
  const ranges: [number, number][] = [];
  for (let from = 1; from <= maxSeq; from += size) ranges.push([from, Math.min(maxSeq, from + size - 1)]);
  return ranges;
}

// Plain JavaScript evaluated in the worker: it loads better-sqlite3 by path and runs the shared
// segment scan (chain-segments.ts) over one range.
const workerSource = String.raw`
const { parentPort, workerData: w } = require('node:worker_threads');
const { hash } = require('node:crypto');
const Database = require(w.sqliteModulePath);
const scan = new Function('sha256Hex', w.segmentScanSource)((text) => hash('sha256', text, 'hex'));
const db = new Database(w.uri, { readonly: true, fileMustExist: true, ...(w.nativeBinding ? { nativeBinding: w.nativeBinding } : {}) });
try {
  for (const pragma of w.pragmas) db.pragma(pragma);
  db.function('cordon_check_event', { directOnly: true }, (seq, incidentId, n, prevHash, h, input) => scan.check(seq, incidentId, n, prevHash, h, input));
  db.prepare(w.sql).pluck().get(w.from, w.to);
  parentPort.postMessage({ segments: [...scan.segments], orderBroken: scan.orderBroken });
} finally {
  db.close();
}
`;

function scanInWorker(options: ParallelVerifyOptions, from: number, to: number): Promise<Pick<SegmentScan, 'segments' | 'orderBroken'>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        sqliteModulePath: options.sqliteModulePath ?? sqliteModulePath(),
        segmentScanSource,
        uri: `${pathToFileURL(options.file).href}?immutable=1`,
        nativeBinding: options.nativeBinding ?? null,
        pragmas: cipherPragmas(options.key),
        sql: rangeScanSql,
        from,
        to,
      },
    });
    worker.once('message', (message: { segments: [string, Segment][]; orderBroken: boolean }) => {
      resolve({ segments: new Map(message.segments), orderBroken: message.orderBroken });
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`verification worker exited (${code})`)));
  });
}

/** The bundles (CommonJS, or ESM with a require shim) have require; tsx scripts run from the repo. */
function sqliteModulePath(): string {
  const resolver = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'package.json'));
  return resolver.resolve('better-sqlite3-multiple-ciphers');
}
