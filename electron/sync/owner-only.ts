import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// RocksDB (under Corestore) creates its files with mode 0644 and has no option for it in
// rocksdb-native: it opens them with the process's umask, from its own background threads
// (flushes, compactions, new logs) for as long as the store is open. So while sync runs the
// process's umask is 077, and the folder is swept to owner-only when sync starts (files made by
// an older Cordon) and after it stops.

let holders = 0;
let previous: number | null = null;

/**
 * Files this process creates are owner-only until the returned release is called. Counted, so
 * that several laptops in one test process share it; where the umask cannot be set (a worker
 * thread) it does nothing and the sweeps alone apply.
 */
export function holdOwnerOnlyUmask(): () => void {
  if (holders === 0) {
    try {
      previous = process.umask(0o077);
    } catch {
      previous = null;
    }
  }
  holders += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0 && previous !== null) {
      process.umask(previous);
      previous = null;
    }
  };
}

/** Every file under `dir` made 0600 and every folder 0700; links are left alone (RocksDB makes none). */
export function makeOwnerOnly(dir: string): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return;
    throw error;
  }
  chmodSync(dir, 0o700);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeOwnerOnly(path);
    else if (entry.isFile()) {
      try {
        if ((lstatSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
      } catch (error) {
        // A store still open may delete an obsolete file under the sweep.
        if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
      }
    }
  }
}
