import { afterEach, beforeEach } from 'vitest';
import type { Migration } from '../migrations/migration';
import { openSyncStore, threeSharedLaptops, twoSharedLaptops, type SyncStore } from './sync-laptops';
import { tempDir } from './temp-dir';

export * from './sync-laptops';

/**
 * Laptops for sync tests on a fake clock: each test gets its own folder and the clock at `t0`;
 * the stores it opened are closed after it. `clock` may be moved by the test.
 */
export function laptopsForEachTest(prefix: string, t0: number) {
  let dir = '';
  let cleanup: () => void = () => undefined;
  let open: SyncStore[] = [];
  let clock = t0;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir(prefix));
    open = [];
    clock = t0;
  });
  afterEach(() => {
    for (const s of open) s.close();
    cleanup();
  });
  const now = () => clock;
  /** A laptop's store; `migrations` stops it at an older schema (a laptop not upgraded yet). */
  const opener = (name: string, migrations?: readonly Migration[]) => {
    const s = openSyncStore(dir, name, now, migrations ? { migrations } : {});
    open.push(s);
    return s;
  };
  return {
    get dir() {
      return dir;
    },
    get clock() {
      return clock;
    },
    set clock(at: number) {
      clock = at;
    },
    now,
    open: opener,
    /** Ana and Ben sharing an incident; Ben's store stopped at `benMigrations` when given. */
    two: (benMigrations?: readonly Migration[]) => twoSharedLaptops((name) => opener(name, name === 'Ben' ? benMigrations : undefined)),
    three: () => threeSharedLaptops(opener),
  };
}
