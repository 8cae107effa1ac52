import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, existsSync, fdatasyncSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { StoreError } from './store-error';

export type Db = Database.Database;

// The read/write split Signal Desktop draws in ts/sql/Interface.std.ts: two branded types over
// the same connection, so a function that only reads is typed to take a ReadableDB and cannot
// be handed to (or call) anything that writes. Repositories prepare their reading statements
// with `prepareRead`, which also refuses, when prepared, any SQL that would change the file.
declare const readableBrand: unique symbol;
declare const writableBrand: unique symbol;
export type ReadableDB = Db & { readonly [readableBrand]: true };
export type WritableDB = ReadableDB & { readonly [writableBrand]: true };

/** The store's own connection, as the writer (repositories and migrations) holds it. */
export const asWritable = (db: Db): WritableDB => db as WritableDB;

/** A statement that only reads; a statement SQLite says would write is refused here. */
export function prepareRead<P extends unknown[] = unknown[], R = unknown>(db: ReadableDB, sql: string): Database.Statement<P, R> {
  const statement = db.prepare<P, R>(sql);
  if (!statement.readonly) throw new Error('a reading statement would write to the store');
  return statement;
}

// better-sqlite3 reads this once, when its addon first loads (our first `new Database`): it
// lets SQLite take `file:` URIs, which verification uses to open read-only snapshots of the store
// (verify-parallel.ts). Store paths are plain paths, never `file:` URIs, so nothing else changes.
process.env.SQLITE_USE_URI ??= '1';

/** 'Cord' in ASCII: set by the first migration, so a keyed file that is not ours is told apart. */
export const cordonApplicationId = 0x436f7264;

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

/** Pages the WAL collects before SQLite checkpoints it into the database file. */
const walCheckpointPages = 1000;
/**
 * A WAL of that many 4 KiB frames (each with its 24-byte header), after the 32-byte file header,
 * and room for the commit that crosses the checkpoint mark: SQLite checkpoints after it, so its
 * frames all land past the mark first (an append touches about ten pages).
 */
const walHeadroomPages = 64;
export const walReserveBytes = 32 + (walCheckpointPages + walHeadroomPages) * (4096 + 24);

export interface OpenOptions {
  /** Create the file when missing (only the vault's first run does this). */
  create?: boolean;
  /** Where the native addon lives; Electron passes its own build (see the design brief). */
  nativeBinding?: string;
  /**
   * The key was proven to belong to this store (its id matches the key file's). A first page
   * that then does not decrypt is damage to the file, not a wrong key or a foreign file.
   */
  keyIsTheStores?: boolean;
}

/**
 * Opens a SQLCipher-4 database with a raw 32-byte key and the pragmas every Cordon
 * connection runs with. Touches nothing on disk until the key is proven: a wrong key,
 * a plain SQLite file or a random file fails on the first read, before any write.
 */
export function openEncryptedDatabase(file: string, key: Buffer, options: OpenOptions = {}): Db {
  if (key.length !== 32) throw new Error('a store key is 32 bytes');
  const existing = probeFile(file, options.create === true);
  if (!existing) createOwnerOnly(file);
  // The first connection proves the key (and makes a new file a WAL-mode database); closing it
  // checkpoints and removes its WAL, so the WAL can be reserved before the connection we keep.
  openWith(file, key, options, existing).close();
  reserveWal(file);
  return openWith(file, key, options, true);
}

function openWith(file: string, key: Buffer, options: OpenOptions, existing: boolean): Db {
  let db: Db;
  try {
    db = new Database(file, {
      fileMustExist: !options.create,
      // A second process waits this long for our exclusive lock before it is refused.
      timeout: 250,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw classify(error, file, options);
  }
  try {
    for (const pragma of cipherPragmas(key)) db.pragma(pragma);
    // One process at a time: the lock is held from the first read until close, and the OS
    // drops it if the process dies. It also keeps the WAL index in heap memory, not a -shm file.
    db.pragma('locking_mode = EXCLUSIVE');
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    if (existing) {
      const appId = db.pragma('application_id', { simple: true }) as number;
      const version = db.pragma('user_version', { simple: true }) as number;
      if (appId !== cordonApplicationId && version !== 0) {
        throw new StoreError('not_cordon', `${describe(file)} is an encrypted database, but not a Cordon store.`);
      }
    }
    db.pragma('journal_mode = WAL');
    // Every commit is fsynced: an acknowledged event survives a crash or power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Sorts and temporary indexes stay in memory, so no plaintext temp file is ever written.
    db.pragma('temp_store = MEMORY');
    db.pragma(`wal_autocheckpoint = ${walCheckpointPages}`);
    // 32 MiB of decrypted pages (the default is 2 MiB): a 100k-event incident's timeline indexes
    // and search index stay in memory, instead of being decrypted again on every window.
    db.pragma('cache_size = -32768');
    return db;
  } catch (error) {
    // An open handle closes without error (a wrong key or a damaged page does not stop it);
    // the first failure is the one reported, with its cause.
    if (db.open) db.close();
    throw classify(error, file, options);
  }
}

/**
 * SQLite deletes the WAL when the store closes, and a new one grows with every commit until the
 * first checkpoint, when SQLite starts rewriting it from the top. Extending a file makes each
 * fsync also commit the file system's metadata: an append cost about twice as much in a new
 * WAL as in a reused one, which is every commit of a session's first few hundred events. So the
 * WAL is created full-size before SQLite opens the store. Its zeros are not a valid WAL header,
 * so SQLite reads it as empty and writes its frames over them from the start. A WAL that already
 * exists is never touched: it may hold committed events a crash left there.
 */
function reserveWal(file: string): void {
  const wal = `${file}-wal`;
  if (existsSync(wal)) return;
  let fd: number;
  try {
    fd = openSync(wal, 'wx', 0o600);
  } catch {
    return; // created meanwhile, or not creatable: SQLite makes its own as before
  }
  try {
    const zeros = Buffer.alloc(1 << 16);
    for (let offset = 0; offset < walReserveBytes; offset += zeros.length) {
      writeSync(fd, zeros, 0, Math.min(zeros.length, walReserveBytes - offset), offset);
    }
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** SQLCipher 4 with the store's key: what every connection to a store runs first. */
export function cipherPragmas(key: Buffer): string[] {
  // x'..' hands SQLite3MC the key itself, skipping its PBKDF2: our key is random, and the
  // passphrase work factor lives in the envelope's scrypt instead.
  return [`cipher = 'sqlcipher'`, 'legacy = 4', `key = "x'${key.toString('hex')}'"`];
}

/** Reads the first bytes, so a plain SQLite file or a stub gets its own message. */
function probeFile(file: string, create: boolean): boolean {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new StoreError('not_cordon', `${describe(file)} is not a file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    if (create && (error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new StoreError('missing', `There is no Cordon store at ${describe(file)}.`, { cause: error });
  }
  if (size === 0 && create) return false;
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.equals(sqliteMagic)) {
    throw new StoreError('not_cordon', `${describe(file)} is an unencrypted SQLite database, not a Cordon store.`);
  }
  if (size < 4096 || size % 512 !== 0) {
    throw new StoreError('not_cordon', `${describe(file)} is not a Cordon store, or it is truncated.`);
  }
  return true;
}

/**
 * The store (and so its WAL, which SQLite creates with the database's mode) is owner-only from
 * the first byte: an empty file made 0600 before SQLite opens it, whatever the umask.
 */
function createOwnerOnly(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw classify(error, file, {});
  }
  chmodSync(file, 0o600);
}

function classify(error: unknown, file: string, options: OpenOptions): Error {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError('damaged', `${describe(file)} is damaged (its pages do not read back). Restore it from a backup.`, { cause: error });
  }
  switch (code) {
    case 'SQLITE_NOTADB':
      if (options.keyIsTheStores) {
        return new StoreError('damaged', `${describe(file)} is damaged: its first page does not decrypt with the store's own key. Restore it from a backup.`, { cause: error });
      }
      return new StoreError('not_cordon', `${describe(file)} is not a Cordon store, or it was encrypted with a different key.`, { cause: error });
    case 'SQLITE_BUSY':
    case 'SQLITE_BUSY_SNAPSHOT':
    case 'SQLITE_LOCKED':
      return new StoreError(
        'busy',
        'This Cordon store is already open in another process (another Cordon window or a running cordon command). Close it and try again.',
        { cause: error },
      );
    case 'SQLITE_CORRUPT':
    case 'SQLITE_IOERR_SHORT_READ':
      return new StoreError('damaged', `${describe(file)} is damaged (its pages do not read back). Restore it from a backup.`, { cause: error });
    case 'SQLITE_CANTOPEN':
      return new StoreError('missing', `Cordon cannot open ${describe(file)}: check that it exists and is readable.`, { cause: error });
    default:
      return error instanceof Error ? error : new Error(`Unexpected ${typeof error} thrown while opening the store`, { cause: error });
  }
}

/** File names are the user's own, so they may appear in messages; never content. */
function describe(file: string): string {
  return JSON.stringify(file);
}
