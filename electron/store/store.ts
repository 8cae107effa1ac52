import { existsSync } from 'node:fs';
import { openEncryptedDatabase, type Db } from './database';
import { EventLog } from './event-log';
import { EvidenceRepo } from './evidence-repo';
import { migrate, schemaVersion } from './migrate';
import { latestSchemaVersion } from './migrations';
import type { Migration } from './migrations/migration';
import { StoreError } from './store-error';
import { checkStoreHealth, type StoreHealth } from './store-health';
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
}

/** An open, keyed, migrated store: what the vault holds while unlocked. */
export interface Store {
  readonly file: string;
  readonly db: Db;
  readonly log: EventLog;
  readonly evidence: EvidenceRepo;
  verify(incidentId?: string): ReturnType<typeof verifyChains>;
  /** The same verdicts; a whole large store is scanned by worker threads (verify-parallel.ts). */
  verifyInParallel(incidentId?: string): Promise<ReturnType<typeof verifyChains>>;
  /** SQLite's full integrity_check; 'ok' or the first problems it found. */
  integrity(): string;
  /** The whole store: every page (quick_check), the search index and every chain (store-health.ts). */
  health(): StoreHealth;
  close(): void;
}

export function openStore(file: string, key: Buffer, options: StoreOptions = {}): Store {
  const isNew = !existsSync(file);
  const db = openEncryptedDatabase(file, key, {
    create: options.create === true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.keyIsTheStores ? { keyIsTheStores: true } : {}),
  });
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
    const evidence = new EvidenceRepo(db, log);
    return {
      file,
      db,
      log,
      evidence,
      verify: (incidentId) => verifyChains(db, incidentId),
      verifyInParallel: async (incidentId) =>
        incidentId
          ? verifyChains(db, incidentId)
          : (await verifyChainsInParallel(db, { file, key, nativeBinding: options.nativeBinding })).verdicts,
      health: () => checkStoreHealth(db),
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
