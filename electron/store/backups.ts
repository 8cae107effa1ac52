import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupInfo } from '../../shared/ipc/store-schemas';
import { CordonError } from '../../shared/ipc/result';
import { envelopePath, fsyncDir, keyId, readEnvelope, writeEnvelope, type KeyEnvelope } from './key-envelope';
import { openStore, type OpenStore, type StoreOptions } from './store';
import { StoreError } from './store-error';

const automaticName = /^cordon-(\d{8}T\d{6}\d{3}Z)\.db$/;

/**
 * Writes an encrypted, consistent copy of the open store to `destination`, plus a copy of the
 * key envelope beside it (so the backup opens with the passphrase current at backup time).
 *
 * Why VACUUM INTO and not db.backup(): SQLite3 Multiple Ciphers refuses the backup API between
 * an encrypted source and the unkeyed destination better-sqlite3 opens for it ("incompatible
 * source and target"), whereas VACUUM INTO writes the copy with the source's cipher and key.
 * It is equally online (one read transaction) and also compacts the copy. The copy is written
 * to a temporary name in the destination's folder and renamed, so a half-written backup never
 * carries the final name; it is encrypted from the first byte.
 */
export function writeBackup(store: OpenStore, destination: string, envelope: KeyEnvelope): BackupInfo {
  const dir = dirname(destination);
  if (!existsSync(dir)) throw new CordonError('not_found', `The folder ${JSON.stringify(dir)} does not exist.`);
  if (destination === store.file || destination.startsWith(`${store.file}-`)) {
    throw new CordonError('bad_input', 'Choose a different file than the live store for the backup.');
  }
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  try {
    // VACUUM INTO accepts an empty file: made owner-only first, the copy never has another mode.
    closeSync(openSync(partial, 'wx', 0o600));
    chmodSync(partial, 0o600);
    store.db.prepare('VACUUM INTO ?').run(partial);
    const fd = openSync(partial, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, destination);
    writeEnvelope(destination, envelope);
    fsyncDir(dir);
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof CordonError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new CordonError('forbidden', `Cordon may not write to ${JSON.stringify(destination)}.`, { cause: error });
    }
    throw error;
  }
  return info(destination, false);
}

export function automaticBackupName(now: number): string {
  return `cordon-${new Date(now).toISOString().replace(/[-:.]/g, '')}.db`;
}

/** A rolling backup in `dir`, keeping the newest `keep` automatic ones. */
export function writeAutomaticBackup(store: OpenStore, dir: string, envelope: KeyEnvelope, keep: number, now: number): BackupInfo {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const written = writeBackup(store, join(dir, automaticBackupName(now)), envelope);
  const automatic = listBackups(dir).filter((b) => b.automatic);
  for (const old of automatic.slice(keep)) {
    rmSync(old.path, { force: true });
    rmSync(envelopePath(old.path), { force: true });
  }
  return written;
}

/** Backups in Cordon's own folder, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.db'))
    .map((name) => info(join(dir, name), automaticName.test(name)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.path.localeCompare(a.path));
}

function info(path: string, automatic: boolean): BackupInfo {
  const stat = statSync(path);
  return { name: basename(path), path, sizeBytes: stat.size, createdAt: stat.mtime.toISOString(), automatic };
}

/** A backup's file name as listed; anything else (a path, `..`) is not one. */
export const backupNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.db$/;

/**
 * Proves a backup before it replaces anything: copied to `staging` (beside the live store),
 * opened with the live key, integrity_check, migrated to the current schema, every chain
 * verified. Returns its counts; on any failure the staging copy is removed and nothing else
 * has been touched.
 */
export function stageRestore(
  backup: string,
  staging: string,
  key: Buffer,
  options: StoreOptions,
): { incidents: number; events: number } {
  if (!existsSync(backup)) throw new CordonError('not_found', `There is no file at ${JSON.stringify(backup)}.`);
  if (existsSync(envelopePath(backup))) {
    const theirs = readEnvelope(backup);
    if (theirs.keyId !== keyId(key)) {
      throw new StoreError('wrong_key', 'That backup belongs to a different Cordon store (another key); it cannot be restored here.');
    }
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${staging}${suffix}`, { force: true });
  copyFileSync(backup, staging);
  chmodSync(staging, 0o600);
  let candidate: OpenStore | null = null;
  try {
    candidate = openStore(staging, key, { ...options, create: false });
    const integrity = candidate.integrity();
    if (integrity !== 'ok') throw new StoreError('damaged', 'That backup is damaged (integrity check failed); nothing was restored.');
    const health = candidate.health();
    if (!health.ok) {
      throw new StoreError('damaged', `That backup is damaged (${health.problems[0] ?? 'broken chain'}); nothing was restored.`);
    }
    const counts = candidate.log.counts();
    candidate.db.pragma('wal_checkpoint(TRUNCATE)');
    candidate.close();
    candidate = null;
    return counts;
  } catch (error) {
    candidate?.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${staging}${suffix}`, { force: true });
    if (error instanceof StoreError && error.failure === 'not_cordon') {
      throw new StoreError('not_cordon', `${JSON.stringify(basename(backup))} is not a backup of this Cordon store.`, { cause: error });
    }
    throw error;
  }
}
