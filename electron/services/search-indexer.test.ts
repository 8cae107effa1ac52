import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { declareIncident, newStore } from '../store/testing/fixtures';
import type { Store } from '../store/store';
import { createMemoryLogger } from './logger';
import { createPushBus } from './push-bus';
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
  const bus = createPushBus();
  const logger = createMemoryLogger();
  const stop = startSearchIndexer({ bus, logger, delayMs: 1_000, peek: peekOverride ?? ((fn) => fn(s.store)) });
  cleanups.push(() => {
    stop();
    s.cleanup();
  });
  const incidentId = declareIncident(s.store);
  const note = (text: string) => {
    const { event } = s.store.log.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text } } });
    bus.publish({ topic: 'incident.changed', incidentId, eventId: event.id });
  };
  const indexed = (word: string) => s.store.db.prepare('SELECT count(*) FROM search WHERE search MATCH ?').pluck().get(`"${word}"`) as number;
  return { ...s, bus, logger, stop, note, indexed };
}

describe('the search indexer', () => {
  it('catches up a moment after the last write, once for a burst', () => {
    const t = setup();
    const spy = vi.spyOn(t.store.log, 'indexPending');
    t.note('first heron');
    vi.advanceTimersByTime(600);
    t.note('second heron');
    vi.advanceTimersByTime(600);
    expect(t.indexed('heron')).toBe(0);
    vi.advanceTimersByTime(500);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(t.indexed('heron')).toBe(2);
  });

  it('ignores other topics, and stops listening when stopped', () => {
    const t = setup();
    t.bus.publish({ topic: 'vault.changed' } as never);
    vi.advanceTimersByTime(5_000);
    expect(t.indexed('Checkout')).toBe(0);
    t.stop();
    t.note('after stop ibis');
    vi.advanceTimersByTime(5_000);
    expect(t.indexed('ibis')).toBe(0);
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
