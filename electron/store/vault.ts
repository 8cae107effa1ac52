import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, VaultStatus } from '../../shared/ipc/store-schemas';
import type { StoreHealthView } from '../../shared/ipc/file-schemas';
import { CordonError } from '../../shared/ipc/result';
import type { PushEvent } from '../../shared/ipc/push';
import { errorShape } from './error-shape';
import { backupNamePattern, listBackups, stageRestore, writeAutomaticBackup, writeBackup } from './backups';
import {
  defaultScryptParams,
  envelopePath,
  fsyncDir,
  readEnvelope,
  unwrapWithKeychain,
  unwrapWithPassphrase,
  wrapKey,
  writeEnvelope,
  type KeyEnvelope,
  type ScryptParams,
} from './key-envelope';
import type { Keychain } from './keychain';
import type { Migration } from './migrations/migration';
import { CommitSignal, type CommittedListener } from './commit-signal';
import { openStore, type OpenStore, type Store } from './store';
import type { HealthRun } from './store-health-off-thread';
import { lockedError, StoreError } from './store-error';

// What the vault needs from the app's logger and push bus, declared here so the store never
// imports services/: the services' Logger and PushBus fit these shapes and are passed in.
type LogFields = Record<string, string | number | boolean | null>;
export interface VaultLogger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
}
export interface VaultPublisher {
  publish(event: PushEvent): void;
}

export interface VaultOptions {
  dbFile: string;
  /** Rolling automatic backups live here. */
  backupsDir: string;
  keychain: Keychain;
  bus: VaultPublisher;
  logger: VaultLogger;
  /** Lock after this long without a store call; 0 = never. */
  autoLockMs: number;
  /** Keep this many automatic backups (made on lock and periodically, when something changed). */
  keepBackups?: number;
  autoBackupEveryMs?: number;
  scryptParams?: ScryptParams;
  migrations?: readonly Migration[];
  now?: () => number;
  nativeBinding?: string;
  /**
   * Runs in a store just created, unlocked (and so migrated) or restored, before anyone uses it:
   * where the library gets its default playbook, so reads never write. A failure is logged by
   * shape and does not stop the store from opening.
   */
  prepare?: (store: Store) => void;
  /** Where the whole-store check runs in a worker (tests); see store-health-off-thread.ts. */
  healthWorker?: Pick<HealthRun, 'workerFrom' | 'script'>;
}

type UnlockInput = { passphrase: string } | { keychain: true };

const uncheckedHealth: StoreHealthView = { state: 'unchecked', checkedAt: null, problems: [], incidents: 0, events: 0, newestGoodBackup: null };

/**
 * Owns the data key and the open store. Unlocked = key in memory + database open (and locked
 * against other processes); locked = both gone. Every store call goes through `use`, which
 * refuses while locked and counts as activity for the idle lock.
 */
export class Vault {
  private store: OpenStore | null = null;
  // Outlives each open store, so a listener subscribed once hears every unlock's writes.
  private readonly committed: CommitSignal;
  private key: Buffer | null = null;
  private lastUse = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private backupTimer: NodeJS.Timeout | null = null;
  private changesAtLastBackup = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;
  private health: StoreHealthView = uncheckedHealth;
  // The check under way, if any: a second caller shares it, and locking aborts it.
  private checking: { store: OpenStore; abort: AbortController; done: Promise<StoreHealthView> } | null = null;

  constructor(private readonly o: VaultOptions) {
    this.now = o.now ?? Date.now;
    this.committed = new CommitSignal(o.logger);
  }

  /** The post-commit signal of whichever store is open (see commit-signal.ts). */
  onCommitted(listener: CommittedListener): () => void {
    return this.committed.on(listener);
  }

  status(): VaultStatus {
    const state = this.store ? 'unlocked' : existsSync(this.o.dbFile) || existsSync(envelopePath(this.o.dbFile)) ? 'locked' : 'uninitialised';
    let enrolled = false;
    if (state !== 'uninitialised') {
      try {
        enrolled = readEnvelope(this.o.dbFile).keychain !== null;
      } catch {
        enrolled = false;
      }
    }
    return {
      state,
      keychainAvailable: this.o.keychain.isAvailable(),
      keychainEnrolled: enrolled,
      autoLockMinutes: this.o.autoLockMs / 60_000,
    };
  }

  /** First run: a random 32-byte key, wrapped by the passphrase (and the keychain), a new store. */
  create(passphrase: string): Promise<VaultStatus> {
    return this.serial(async () => {
      if (existsSync(this.o.dbFile)) throw new CordonError('conflict', 'A Cordon store already exists here; unlock it instead.');
      const key = randomBytes(32);
      const envelope = await wrapKey(key, passphrase, this.o.keychain, this.o.scryptParams ?? defaultScryptParams, this.now);
      // The envelope first: a store without its envelope could never be opened again.
      writeEnvelope(this.o.dbFile, envelope);
      this.open(key, true);
      this.o.logger.info('vault.created', { keychain: envelope.keychain !== null });
      this.o.bus.publish({ topic: 'vault.changed', state: 'unlocked', reason: 'created' });
      return this.status();
    });
  }

  unlock(input: UnlockInput): Promise<VaultStatus> {
    return this.serial(async () => {
      if (this.store) return this.status();
      const envelope = this.envelope();
      const key = 'passphrase' in input ? await unwrapWithPassphrase(envelope, input.passphrase) : unwrapWithKeychain(envelope, this.o.keychain);
      const spare = Buffer.from(key);
      try {
        this.open(key, false);
      } catch (error) {
        throw error instanceof StoreError && error.failure === 'damaged' ? this.damagedAtUnlock(error, spare) : error;
      } finally {
        spare.fill(0);
      }
      // A key file from before its checksum existed gets one now, so later damage is named as such.
      if (envelope.check === undefined) writeEnvelope(this.o.dbFile, envelope);
      this.o.logger.info('vault.unlocked', { via: 'passphrase' in input ? 'passphrase' : 'keychain' });
      this.o.bus.publish({ topic: 'vault.changed', state: 'unlocked', reason: 'unlocked' });
      this.checkInBackground();
      return this.status();
    });
  }

  lock(): Promise<VaultStatus> {
    return this.serial(async () => {
      this.close('locked');
      return this.status();
    });
  }

  /** Rewraps the same data key: the database is not touched, old backups keep their own envelope. */
  changePassphrase(current: string, next: string): Promise<VaultStatus> {
    return this.serial(async () => {
      const envelope = this.envelope();
      const key = await unwrapWithPassphrase(envelope, current);
      try {
        const keychain = envelope.keychain !== null || this.o.keychain.isAvailable() ? this.o.keychain : null;
        const rewrapped = await wrapKey(key, next, keychain, this.o.scryptParams ?? defaultScryptParams, this.now);
        writeEnvelope(this.o.dbFile, rewrapped);
      } finally {
        if (key !== this.key) key.fill(0);
      }
      this.o.logger.info('vault.passphrase_changed');
      this.o.bus.publish({ topic: 'vault.changed', state: this.store ? 'unlocked' : 'locked', reason: 'passphrase_changed' });
      return this.status();
    });
  }

  /** Runs `fn` against the open store; CordonError('locked') when there is none. */
  use<T>(fn: (store: Store) => T): T {
    if (!this.store) throw lockedError();
    this.lastUse = this.now();
    return fn(this.store);
  }

  /** Like `use`, but not counted as activity (health probes must not keep the vault open). */
  peek<T>(fn: (store: Store) => T): T | null {
    return this.store ? fn(this.store) : null;
  }

  /** A backup made by hand, in Cordon's own backups folder (never pruned like the rolling ones). */
  backup(): Promise<BackupInfo> {
    return this.serial(async () =>
      this.use(() => {
        mkdirSync(this.o.backupsDir, { recursive: true, mode: 0o700 });
        const name = `manual-${new Date(this.now()).toISOString().replace(/[-:.]/g, '')}.db`;
        if (!this.store) throw lockedError();
        return writeBackup(this.store, join(this.o.backupsDir, name), this.envelope());
      }),
    );
  }

  /** The last whole-store check (run in the background after each unlock, or by checkHealth). */
  lastHealth(): StoreHealthView {
    if (!this.store) throw lockedError();
    return this.health;
  }

  /**
   * Checks the whole store now (store-health.ts), in a worker thread when it is large, so the
   * windows keep their answers meanwhile. When it is damaged, also finds the newest backup that
   * passes the same check, so the message can say which one to restore. Not queued behind the
   * vault's other operations: a lock meanwhile aborts it instead of waiting for it.
   */
  checkHealth(): Promise<StoreHealthView> {
    const store = this.store;
    if (!store) return Promise.reject(lockedError());
    this.lastUse = this.now();
    if (this.checking?.store === store) return this.checking.done;
    const abort = new AbortController();
    const done = this.runHealthCheck(store, abort.signal).finally(() => {
      if (this.checking?.done === done) this.checking = null;
    });
    this.checking = { store, abort, done };
    return done;
  }

  private async runHealthCheck(store: OpenStore, signal: AbortSignal): Promise<StoreHealthView> {
    const found = await store.healthOffThread({
      ...this.o.healthWorker,
      signal,
      onFallback: (error) => this.o.logger.warn('vault.health_worker_failed', errorShape(error)),
    });
    if (this.store !== store) throw lockedError();
    let counts = { incidents: 0, events: 0 };
    try {
      counts = store.log.counts();
    } catch (error) {
      // Counting reads pages too; the damage itself is reported by the check, this only says the counts are missing.
      this.o.logger.warn('vault.count_failed', errorShape(error));
    }
    this.health = {
      state: found.ok ? 'intact' : 'damaged',
      checkedAt: new Date(this.now()).toISOString(),
      problems: found.problems,
      ...counts,
      newestGoodBackup: found.ok ? null : this.newestGoodBackup(),
    };
    if (!found.ok) this.o.logger.warn('vault.store_damaged', { problems: found.problems.length });
    this.o.bus.publish({ topic: 'store.health', state: this.health.state });
    return this.health;
  }

  /** The refusal names the newest backup that verifies (proven with the key just unwrapped). */
  private damagedAtUnlock(error: StoreError, key: Buffer): StoreError {
    this.o.logger.warn('vault.store_damaged', { at: 'unlock' });
    const good = this.newestGoodBackup(key);
    const advice = good
      ? ` The newest backup that verifies is from ${good.createdAt.replace('T', ' ').slice(0, 16)} UTC (${good.name} in the backups folder): with Cordon closed, copy it and its .keys.json over cordon.db and cordon.db.keys.json, keeping the damaged pair for investigation.`
      : ' No backup verifies.';
    return new StoreError('damaged', `This store is damaged: ${error.message}${advice}`);
  }

  private checkInBackground(): void {
    const timer = setTimeout(() => {
      if (!this.store) return;
      this.checkHealth().catch((error: unknown) => {
        // Locked before it finished: nothing to report, the next unlock checks again.
        if (!(error instanceof CordonError && error.code === 'locked')) this.o.logger.warn('vault.health_check_failed', errorShape(error));
      });
    }, 0);
    timer.unref();
  }

  /** Newest first: the first backup that opens with this key and passes the whole check. */
  private newestGoodBackup(key: Buffer | null = this.key): { name: string; createdAt: string } | null {
    if (!key) return null;
    const staging = `${this.o.dbFile}.checking`;
    for (const backup of listBackups(this.o.backupsDir)) {
      try {
        stageRestore(backup.path, staging, key, this.storeOptions());
        return { name: backup.name, createdAt: backup.createdAt };
      } catch (error) {
        // Damaged, foreign or unreadable: try the next older one.
        this.o.logger.warn('vault.backup_unusable', errorShape(error));
      } finally {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${staging}${suffix}`, { force: true });
      }
    }
    return null;
  }

  listBackups(): BackupInfo[] {
    if (!this.store) throw lockedError();
    return listBackups(this.o.backupsDir);
  }

  /**
   * Replaces the live store with a proven backup. The old file is kept (moved to the backups
   * folder as pre-restore-*.db) and put back if the restored one fails to open.
   */
  restore(from: { backup: string } | { file: string }): Promise<{ incidents: number; events: number }> {
    return this.serial(async () => {
      const key = this.key;
      if (!this.store || !key) throw lockedError();
      this.lastUse = this.now();
      let backupPath: string;
      if ('backup' in from) {
        if (!backupNamePattern.test(from.backup) || !listBackups(this.o.backupsDir).some((b) => b.name === from.backup)) {
          throw new CordonError('not_found', 'There is no backup of that name in Cordon’s backups folder.');
        }
        backupPath = join(this.o.backupsDir, from.backup);
      } else {
        backupPath = from.file;
      }
      const staging = `${this.o.dbFile}.restoring`;
      const counts = stageRestore(backupPath, staging, key, this.storeOptions());
      const keep = join(this.o.backupsDir, `pre-restore-${new Date(this.now()).toISOString().replace(/[-:.]/g, '')}.db`);
      const envelope = this.envelope();
      const liveKey = Buffer.from(key);
      this.store.db.pragma('wal_checkpoint(TRUNCATE)');
      this.close('restore');
      try {
        mkdirSync(this.o.backupsDir, { recursive: true, mode: 0o700 });
        renameSync(this.o.dbFile, keep);
        renameSync(staging, this.o.dbFile);
        fsyncDir(this.o.backupsDir);
        this.open(liveKey, false);
      } catch (error) {
        // Put the proven-good old store back exactly as it was.
        if (existsSync(keep)) {
          rmSync(this.o.dbFile, { force: true });
          renameSync(keep, this.o.dbFile);
        }
        this.open(Buffer.from(liveKey), false);
        throw error instanceof CordonError ? error : new CordonError('unavailable', 'The restored store did not open; the previous one is back in place.', { cause: error });
      }
      writeEnvelope(keep, envelope);
      this.health = uncheckedHealth;
      this.checkInBackground();
      this.o.logger.info('vault.restored', { incidents: counts.incidents, events: counts.events });
      this.o.bus.publish({ topic: 'vault.changed', state: 'unlocked', reason: 'restored' });
      return counts;
    });
  }

  /** The database is open now (for the health probe). */
  get isUnlocked(): boolean {
    return this.store !== null;
  }

  /** App shutdown: a last backup if anything changed, then lock without a push. */
  shutdown(): void {
    this.close('shutdown');
  }

  private open(key: Buffer, create: boolean): void {
    this.health = uncheckedHealth;
    try {
      this.store = openStore(this.o.dbFile, key, { ...this.storeOptions(), create, keyIsTheStores: true, committed: this.committed });
    } catch (error) {
      key.fill(0);
      throw error;
    }
    try {
      this.o.prepare?.(this.store);
    } catch (error) {
      this.o.logger.warn('vault.prepare_failed', errorShape(error));
    }
    this.key = key;
    this.lastUse = this.now();
    this.changesAtLastBackup = this.totalChanges();
    this.armTimers();
  }

  private storeOptions() {
    return {
      ...(this.o.migrations ? { migrations: this.o.migrations } : {}),
      ...(this.o.now ? { now: this.o.now } : {}),
      ...(this.o.nativeBinding ? { nativeBinding: this.o.nativeBinding } : {}),
    };
  }

  private close(reason: 'locked' | 'idle' | 'shutdown' | 'restore'): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.idleTimer = this.backupTimer = null;
    // A check under way stops now (its worker holds the key), rather than reporting on a closed store.
    this.checking?.abort.abort();
    this.checking = null;
    if (!this.store) return;
    if (reason !== 'restore') this.backupIfChanged();
    this.store.close();
    this.store = null;
    this.key?.fill(0);
    this.key = null;
    if (reason === 'locked' || reason === 'idle') {
      this.o.logger.info('vault.locked', { reason });
      this.o.bus.publish({ topic: 'vault.changed', state: 'locked', reason });
    }
  }

  private armTimers(): void {
    if (this.o.autoLockMs > 0) {
      const check = () => {
        const idle = this.now() - this.lastUse;
        if (idle >= this.o.autoLockMs) {
          void this.serial(async () => this.close('idle'));
        } else {
          this.idleTimer = setTimeout(check, this.o.autoLockMs - idle);
          this.idleTimer.unref();
        }
      };
      this.idleTimer = setTimeout(check, this.o.autoLockMs);
      this.idleTimer.unref();
    }
    const every = this.o.autoBackupEveryMs ?? 60 * 60_000;
    if (every > 0) {
      this.backupTimer = setInterval(() => void this.serial(async () => this.backupIfChanged()), every);
      this.backupTimer.unref();
    }
  }

  private totalChanges(): number {
    return this.store ? (this.store.db.prepare('SELECT total_changes()').pluck().get() as number) : 0;
  }

  private backupIfChanged(): void {
    if (!this.store || this.totalChanges() === this.changesAtLastBackup) return;
    try {
      writeAutomaticBackup(this.store, this.o.backupsDir, this.envelope(), this.o.keepBackups ?? 10, this.now());
      this.changesAtLastBackup = this.totalChanges();
    } catch (error) {
      // A failed rolling backup must not stop the lock; say so in the log (no content in it).
      this.o.logger.warn('vault.auto_backup_failed', errorShape(error));
    }
  }

  private envelope(): KeyEnvelope {
    if (!existsSync(envelopePath(this.o.dbFile)) && !existsSync(this.o.dbFile)) {
      throw new CordonError('not_found', 'There is no Cordon store yet; create one first.');
    }
    return readEnvelope(this.o.dbFile);
  }

  /** Vault operations run one at a time, so an unlock never races a lock or a restore. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
