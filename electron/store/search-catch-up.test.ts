import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './store';
import { declareIncident, newStore } from './testing/fixtures';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
const setup = () => {
  const s = newStore();
  cleanups.push(s.cleanup);
  return s;
};
/** A search as the incident service makes it: the index caught up, then the read. */
const found = (store: ReturnType<typeof setup>['store'], query: string) => {
  store.catchUpSearch();
  return store.log.list({ query, limit: 10, offset: 0 }).total;
};
const indexedRows = (store: ReturnType<typeof setup>['store'], word: string) =>
  store.db.prepare('SELECT count(*) FROM search WHERE search MATCH ?').pluck().get(`"${word}"`) as number;

describe('the search index catching up', () => {
  it('an append does not touch the index, nor does a read; a search catches up first and finds it', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'walrus in the datacenter' } } }));
    expect(indexedRows(store, 'walrus')).toBe(0);
    expect(store.log.list({ query: 'walrus', limit: 10, offset: 0 }).total).toBe(0);
    expect(indexedRows(store, 'walrus')).toBe(0);
    expect(found(store, 'walrus')).toBe(1);
    expect(indexedRows(store, 'walrus')).toBe(1);
    expect(store.catchUpSearch()).toBe(0);
  });

  it('applies amends and redactions in write order when they arrive in one batch', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    const append = (text: string) => store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text } } })).value.event.id;
    const typo = append('replcia lag');
    const secret = append('password hunter2 pasted here');
    store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'amend', payload: { targetEventId: typo, reason: 'typo', payload: { text: 'replica lag' } } } }));
    store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'redact', payload: { targetEventId: secret, reason: 'credential' } } }));
    // Five events indexed two at a time: corrections land in later pages than their targets.
    expect(store.catchUpSearch(2)).toBe(5);
    expect(found(store, 'replica')).toBe(1);
    expect(found(store, 'replcia')).toBe(0);
    expect(found(store, 'hunter2')).toBe(0);
    expect(found(store, 'Checkout')).toBe(1);
  });

  it('in slices of at most `max` events, marking how far it got; the slices add up to one whole catch-up', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    const append = (text: string) => store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text } } })).value.event.id;
    const typo = append('replcia lag');
    const secret = append('password hunter2 pasted here');
    append('third heron');
    store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'amend', payload: { targetEventId: typo, reason: 'typo', payload: { text: 'replica lag' } } } }));
    store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'redact', payload: { targetEventId: secret, reason: 'credential' } } }));
    // Two at a time: the amend and the redaction land in later slices than their targets.
    const slices: number[] = [];
    for (let read = store.catchUpSearch(undefined, 2); read > 0; read = store.catchUpSearch(undefined, 2)) {
      slices.push(read);
      if (slices.length === 1) expect(indexedRows(store, 'heron')).toBe(0);
    }
    expect(slices.slice(0, -1).every((n) => n === 2)).toBe(true);
    expect(slices.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
    expect(indexedRows(store, 'replica')).toBe(1);
    expect(indexedRows(store, 'replcia')).toBe(0);
    expect(indexedRows(store, 'hunter2')).toBe(0);
    expect(found(store, 'Checkout')).toBe(1);
  });

  it('loses nothing when the app stops before the index caught up', () => {
    const { store, file, key } = setup();
    const incidentId = declareIncident(store);
    store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'unindexed aardvark' } } }));
    store.close();
    const reopened = openStore(file, key);
    cleanups.push(() => reopened.close());
    expect(found(reopened, 'aardvark')).toBe(1);
  });

  it('a failed catch-up leaves the mark where it was, and the next one redoes the batch', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'first okapi' } } }));
    store.catchUpSearch();
    store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'second okapi' } } }));
    store.db.exec(`CREATE TEMP TRIGGER no_progress BEFORE UPDATE ON search_progress BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => store.catchUpSearch()).toThrow(/disk full/);
    expect(indexedRows(store, 'second')).toBe(0);
    store.db.exec('DROP TRIGGER temp.no_progress');
    expect(store.catchUpSearch()).toBe(1);
    expect(found(store, 'okapi')).toBe(1);
    expect(indexedRows(store, 'okapi')).toBe(2);
  });
});
