import { existsSync } from 'node:fs';
import { ActionRepo, ScriptRunRepo } from './containment-repo';
import { CommitSignal, type CommittedListener } from './commit-signal';
import { asWritable, openEncryptedDatabase, type WritableDB } from './database';
import { DeviceRepo } from './device-repo';
import { hasDeviceTables } from './device-rows';
import { EventLog } from './event-log';
import { EvidenceRepo } from './evidence-repo';
import { IncidentRecordReader } from './incident-record';
import { onSnapshot, type SnapshotRun } from './snapshot-worker';
import { SyncLedger } from './ingest';
import { FoldMarks } from './shared-fold';
import { ExerciseRepo } from './exercise-repo';
import { PlaybookRepo } from './playbook-repo';
import { createStoreWriter, type StoreWrite } from './store-writer';
import { migrate, schemaVersion } from './migrate';
import { latestSchemaVersion } from './migrations';
import type { Migration } from './migrations/migration';
import { StoreError } from './store-error';
import { TimelineQuery } from './timeline-query';
import { checkStoreHealth, type StoreHealth } from './store-health';
import { checkStoreHealthOffThread, type HealthRun } from './store-health-off-thread';
import { verifyChains } from './verify-chains';
import { verifyChainsInParallel } from './verify-parallel';

export interface StoreOptions {
  create?: boolean;
  migrations?: readonly Migration[];
  now?: () => number;
  /**
   * Run SQLite's quick_check on open. Off by default: it reads every page (~0.8 s for 100k
   * events), and a truncated file is already refused on the first read because SQLite compares
   * the page count in the header with the file size. Restore and the CLI run integrity_check.
   */
  quickCheck?: boolean;
  /** Open as found, without migrating (the CLI must not change the file it inspects). */
  noMigrate?: boolean;
  nativeBinding?: string;
  /** The key was checked against the key file's key id (see database.ts). */
  keyIsTheStores?: boolean;
  /** Where committed writes are signalled; the vault passes its own, which outlives each open store. */
  committed?: CommitSignal;
}

/** An incident log's reads; its events are appended only through `Store.write`. */
export type IncidentLog = Pick<EventLog, 'state' | 'summary' | 'event' | 'page' | 'list' | 'counts'>;

/**
 * An open, keyed, migrated store as services see it: named repositories to read from, and one
 * way to change anything, `write`, a transaction whose events are signalled once after COMMIT.
 * Never the database itself.
 */
export interface Store {
  readonly file: string;
  readonly log: IncidentLog;
  readonly evidence: EvidenceRepo;
  readonly playbooks: PlaybookRepo;
  readonly actions: ActionRepo;
  readonly scriptRuns: ScriptRunRepo;
  readonly exercises: ExerciseRepo;
  readonly write: StoreWrite;
  /** This laptop's device key and who may write to which shared incident (sync). */
  readonly devices: DeviceRepo;
  /** Other laptops' events: ingest (through `write`), this laptop's device log, the merged fold. */
  readonly sync: SyncLedger;
  /** Whether the incident is shared between laptops; false on a store older than sync (the CLI opens those as found). */
  isShared(incidentId: string): boolean;
  /** Listens for committed writes (the internal signal; the windows hear them through the push bus). */
  onCommitted(listener: CommittedListener): () => void;
  /** Brings the full-text index up to the newest event, or `max` events nearer (search-indexer.ts); returns how many it read. */
  catchUpSearch(batch?: number, max?: number): number;
  /** The war room's timeline, read in windows. */
  readonly timeline: TimelineQuery;
  /** An incident's whole record from every admitted laptop, read once in timeline order (the post-mortem). */
  readonly record: IncidentRecordReader;
  /** Runs a worker thread that reads a frozen snapshot of the store (snapshot-worker.ts); null when none could be made. */
  onSnapshot<T>(run: SnapshotRun<T>): Promise<T | null>;
  verify(incidentId?: string): ReturnType<typeof verifyChains>;
  /** The same verdicts; a whole large store is scanned by worker threads (verify-parallel.ts). */
  verifyInParallel(incidentId?: string): Promise<ReturnType<typeof verifyChains>>;
  /** SQLite's full integrity_check; 'ok' or the first problems it found. */
  integrity(): string;
  /** The whole store: every page (quick_check), the search index and every chain (store-health.ts). */
  health(): StoreHealth;
  /** The same check, in a worker thread when the store is large (store-health-off-thread.ts). */
  healthOffThread(run?: HealthRun): Promise<StoreHealth>;
  close(): void;
}

/** The store as the store layer itself holds it (vault, backups, verification): with its connection. */
export interface OpenStore extends Store {
  readonly db: WritableDB;
}

export function openStore(file: string, key: Buffer, options: StoreOptions = {}): OpenStore {
  const isNew = !existsSync(file);
  const db = asWritable(openEncryptedDatabase(file, key, {
    create: options.create === true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.keyIsTheStores ? { keyIsTheStores: true } : {}),
  }));
  try {
    if (!isNew && options.quickCheck) {
      const verdict = db.pragma('quick_check(1)', { simple: true });
      if (verdict !== 'ok') throw new StoreError('damaged', 'The store is damaged. Restore it from a backup.');
    }
    if (options.noMigrate) {
      const version = schemaVersion(db);
      const latest = options.migrations?.at(-1)?.version ?? latestSchemaVersion;
      if (version < 1 || version > latest) {
        throw new StoreError(version < 1 ? 'not_cordon' : 'too_new', version < 1 ? 'This is not a Cordon store.' : `This store was written by a newer Cordon (schema ${version}).`);
      }
    } else {
      migrate(db, options.migrations);
    }
    const log = new EventLog(db, options.now);
    const committed = options.committed ?? new CommitSignal();
    const write = createStoreWriter(db, log, committed);
    const now = options.now ?? Date.now;
    // Made on first use, like the timeline's statements: a store migrated only part of the way
    // (tests, the CLI on an older file) has no device tables.
    let devices: DeviceRepo | null = null;
    let sync: SyncLedger | null = null;
    const devicesRepo = () => (devices ??= new DeviceRepo(db, now));
    // Made now, outside any transaction: its TEMP table must not go with a write that rolls back.
    const marks = hasDeviceTables(db) ? new FoldMarks(db) : null;
    const syncLedger = () => {
      if (!marks) throw new Error('this store has no sync tables');
      return (sync ??= new SyncLedger(db, log, devicesRepo(), write, marks, now));
    };
    if (marks) log.foldFrom((event) => syncLedger().afterLocal(event));
    return {
      file,
      db,
      log,
      evidence: new EvidenceRepo(db),
      playbooks: new PlaybookRepo(db),
      actions: new ActionRepo(db),
      scriptRuns: new ScriptRunRepo(db),
      exercises: new ExerciseRepo(db),
      write,
      get devices() {
        return devicesRepo();
      },
      get sync() {
        return syncLedger();
      },
      isShared: (incidentId) => hasDeviceTables(db) && devicesRepo().shared(incidentId) !== null,
      onCommitted: (listener) => committed.on(listener),
      catchUpSearch: (batch, max) => log.indexPending(batch, max),
      timeline: new TimelineQuery(db, () => log.indexPending()),
      record: new IncidentRecordReader(db),
      onSnapshot: (run) => onSnapshot(db, file, key, options.nativeBinding, run),
      verify: (incidentId) => verifyChains(db, incidentId),
      verifyInParallel: async (incidentId) =>
        incidentId
          ? verifyChains(db, incidentId)
          : (await verifyChainsInParallel(db, { file, key, nativeBinding: options.nativeBinding })).verdicts,
      health: () => checkStoreHealth(db),
      healthOffThread: (run) => checkStoreHealthOffThread(db, (snapshot) => onSnapshot(db, file, key, options.nativeBinding, snapshot), run),
      integrity: () => (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; '),
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || (options.keyIsTheStores === true && code === 'SQLITE_NOTADB'))) {
      throw new StoreError('damaged', 'The store is damaged. Restore it from a backup.', { cause: error });
    }
    throw error;
  }
}
