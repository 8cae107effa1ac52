import { afterEach } from 'vitest';
import type { OpenStore } from '../store';
import { newStore } from './fixtures';

/** New stores for the tests of a file, each closed and deleted after its test (apart from fixtures.ts: benches import that). */
export function newStoresEachTest(): () => OpenStore {
  let cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups) cleanup();
    cleanups = [];
  });
  return () => {
    const s = newStore();
    cleanups.push(s.cleanup);
    return s.store;
  };
}
