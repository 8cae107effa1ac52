import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { declareIncident, newStore } from '../store/testing/fixtures';
import type { Store } from '../store/store';
import { createMemoryLogger } from './logger';
import { startSearchIndexer } from './search-indexer';

let cleanups: (() => void)[] = [];
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  for (const c of cleanups) c();
  cleanups = [];
});

function setup(peekOverride?: <T>(fn: (store: Store) => T) => T | null) {
  const s = newStore();
  const logger = createMemoryLogger();
  const stop = startSearchIndexer({ onCommitted: (listener) => s.store.onCommitted(listener), logger, delayMs: 1_000, peek: peekOverride ?? ((fn) => fn(s.store)) });
  cleanups.push(() => {
    stop();
    s.cleanup();
  });
  const incidentId = declareIncident(s.store);
  const note = (text: string) => s.store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text } } }));
  const indexed = (word: string) => s.store.db.prepare('SELECT count(*) FROM search WHERE search MATCH ?').pluck().get(`"${word}"`) as number;
  return { ...s, incidentId, logger, stop, note, indexed };
}

describe('the search indexer', () => {
  it('catches up a moment after the last write, once for a burst', () => {
    const t = setup();
    const spy = vi.spyOn(t.store, 'catchUpSearch');
    t.note('first heron');
    vi.advanceTimersByTime(600);
    t.note('second heron');
    vi.advanceTimersByTime(600);
    expect(t.indexed('heron')).toBe(0);
    vi.advanceTimersByTime(500);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(t.indexed('heron')).toBe(2);
  });

  it('hears committed writes only (not a rolled-back one), and stops listening when stopped', () => {
    const t = setup();
    vi.advanceTimersByTime(5_000); // the declaration's own catch-up
    expect(t.indexed('Checkout')).toBe(1);
    const spy = vi.spyOn(t.store, 'catchUpSearch');
    expect(() =>
      t.store.write((tx) => {
        tx.append({ incidentId: t.incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'rolled back egret' } } });
        throw new Error('the second half of the action failed');
      }),
    ).toThrow(/second half/);
    vi.advanceTimersByTime(5_000);
    expect(spy).not.toHaveBeenCalled();
    t.stop();
    t.note('after stop ibis');
    vi.advanceTimersByTime(5_000);
    expect(t.indexed('ibis')).toBe(0);
  });

  it('catches up a moment after an unlock the writes of an earlier session left waiting', () => {
    const s = newStore();
    const incidentId = declareIncident(s.store);
    s.store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'written before closing plover' } } }));
    const unlocked: (() => void)[] = [];
    const stop = startSearchIndexer({ onCommitted: () => () => {}, onUnlocked: (listener) => (unlocked.push(listener), () => {}), logger: createMemoryLogger(), delayMs: 1_000, peek: (fn) => fn(s.store) });
    cleanups.push(() => {
      stop();
      s.cleanup();
    });
    const indexed = () => s.store.db.prepare('SELECT count(*) FROM search WHERE search MATCH ?').pluck().get('"plover"') as number;
    vi.advanceTimersByTime(5_000);
    expect(indexed()).toBe(0);
    for (const listener of unlocked) listener();
    vi.advanceTimersByTime(300);
    expect(indexed()).toBe(1);
  });

  it('catches up a big backlog in slices, one per turn, until nothing is left', () => {
    const s = newStore();
    const incidentId = declareIncident(s.store);
    for (let i = 0; i < 5; i++) s.store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: `backlog ${i} puffin` } } }));
    const unlocked: (() => void)[] = [];
    const stop = startSearchIndexer({ onCommitted: () => () => {}, onUnlocked: (listener) => (unlocked.push(listener), () => {}), logger: createMemoryLogger(), unlockDelayMs: 100, slice: 2, peek: (fn) => fn(s.store) });
    cleanups.push(() => {
      stop();
      s.cleanup();
    });
    const spy = vi.spyOn(s.store, 'catchUpSearch');
    const indexed = () => s.store.db.prepare('SELECT count(*) FROM search WHERE search MATCH ?').pluck().get('"puffin"') as number;
    for (const listener of unlocked) listener();
    vi.advanceTimersByTime(100);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(indexed()).toBe(1); // the declaration, then one note
    vi.advanceTimersByTime(1);
    expect(indexed()).toBe(3);
    vi.advanceTimersByTime(1);
    expect(indexed()).toBe(5);
    expect(spy.mock.calls.every(([, max]) => max === 2)).toBe(true);
    const calls = spy.mock.calls.length;
    vi.advanceTimersByTime(5_000);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(calls + 1);
  });

  it('while locked it does nothing; a failure is logged without its message, and nothing is thrown', () => {
    const locked = setup(() => null);
    locked.note('locked crane');
    expect(() => vi.advanceTimersByTime(2_000)).not.toThrow();
    expect(locked.indexed('crane')).toBe(0);

    const failing = setup(() => {
      throw Object.assign(new Error('secret incident text in a message'), { code: 'SQLITE_FULL' });
    });
    failing.note('failing stork');
    expect(() => vi.advanceTimersByTime(2_000)).not.toThrow();
    expect(failing.logger.lines.join('\n')).toMatch(/search\.index_failed.*SQLITE_FULL/);
    expect(failing.logger.lines.join('\n')).not.toMatch(/secret/);
  });
});
