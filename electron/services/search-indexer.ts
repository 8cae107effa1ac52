import type { CommittedListener } from '../store/commit-signal';
import type { Store } from '../store/store';
import type { Logger } from './logger';

export interface SearchIndexerDeps {
  /** The store's post-commit signal (the vault's onCommitted), not a window's push topic. */
  onCommitted(listener: CommittedListener): () => void;
  /** Runs against the open store without counting as activity for the idle lock; null when locked. */
  peek: <T>(fn: (store: Store) => T) => T | null;
  /** The vault was unlocked (or created, or restored): writes of an earlier session may wait. */
  onUnlocked?(listener: () => void): () => void;
  logger: Logger;
  /** How long after the last write the index catches up. */
  delayMs?: number;
  /** How long after an unlock. */
  unlockDelayMs?: number;
  /**
   * Events indexed per turn of the event loop, each turn its own transaction; a window's call
   * waits for at most one turn. With each word indexed twice (migration 012), a turn of 500 takes
   * 7 ms at the median and 39 ms at p95 here. 200 (3 and 18 ms, 3% more work in all: each
   * transaction flushes its own index segment) did not bring a page reloaded meanwhile any sooner
   * (318-378 against 286-312 ms, the catch-up lasting longer), so it stays at 500.
   */
  slice?: number;
}

/**
 * Appends leave the full-text index to catch up later (see migration 006), so a commit writes
 * only the event and the incident's state. This brings the index up to date a moment after the
 * writes stop, in one transaction, so the next search has nothing to wait for. A search never
 * depends on it: the incident service catches the index up before it searches. The same after
 * an unlock: writes the last session made just before it closed, or another laptop's events it
 * received, were left for later, and the first search paid for them (340 ms for 20,000 events).
 */
export function startSearchIndexer(deps: SearchIndexerDeps): () => void {
  const delayMs = deps.delayMs ?? 1_500;
  const unlockDelayMs = deps.unlockDelayMs ?? 250;
  const slice = deps.slice ?? 500;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    try {
      // In slices, each its own transaction, so the window's calls are answered in between.
      const read = deps.peek((store) => store.catchUpSearch(undefined, slice));
      if (read !== null && read >= slice) later(0);
    } catch (error) {
      // Nothing is lost: the next search or the next write's run tries again.
      const code = (error as { code?: unknown }).code;
      deps.logger.warn('search.index_failed', { code: typeof code === 'string' ? code : 'unknown' });
    }
  };
  const later = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref?.();
  };
  const unsubscribe = deps.onCommitted(() => later(delayMs));
  const unsubscribeUnlock = deps.onUnlocked?.(() => later(unlockDelayMs));
  return () => {
    unsubscribe();
    unsubscribeUnlock?.();
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
