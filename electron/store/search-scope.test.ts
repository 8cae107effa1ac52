import { describe, expect, it } from 'vitest';
import { ftsQuery } from './event-log';
import { uuidv7 } from './ids';
import { scopedQuery, scopedWords, tag } from './search-scope';
import type { Store } from './store';
import { appendEvent, declareIncident, rawDb } from './testing/fixtures';
import { newStoresEachTest } from './testing/stores-each-test';

const setup = newStoresEachTest();
const note = (store: Store, incidentId: string, text: string) => appendEvent(store, { incidentId, actor: 'Bo', body: { kind: 'note', payload: { text } } }).event.id;
/** The timeline's typed search as the war room asks for it: the newest rows and the count. */
const typed = (store: Store, incidentId: string, text: string) => {
  store.catchUpSearch();
  const w = store.timeline.window(incidentId, { text }, { from: 'end' }, 50);
  return { total: w.total, texts: w.rows.map((r) => (r.kind === 'note' ? r.payload.text : r.kind)) };
};
/** Index rows a raw FTS5 query matches, in the whole store. */
const matched = (store: Store, query: string) => rawDb(store).prepare('SELECT count(*) FROM search WHERE search MATCH ?').pluck().get(query) as number;

describe("the search index's words scoped to their incident", () => {
  it("a typed search reads its own incident's words only, never another's that share them", () => {
    const store = setup();
    const a = declareIncident(store, 'Checkout errors');
    const b = declareIncident(store, 'Payments down');
    for (let i = 0; i < 5; i++) note(store, a, `Observation ${i} on checkout`);
    for (let i = 0; i < 7; i++) note(store, b, `Observation ${i} on payments`);
    expect(typed(store, a, 'Obs')).toMatchObject({ total: 5 });
    expect(typed(store, b, 'Obs')).toMatchObject({ total: 7 });
    // The query itself names the incident: the other incident's words are not in what it reads.
    expect(matched(store, scopedQuery(a, 'payments') ?? '')).toBe(0);
    // b's seven notes and its title (the declared event).
    expect(matched(store, scopedQuery(b, 'payments') ?? '')).toBe(8);
    expect(matched(store, scopedQuery(a, 'obs') ?? '')).toBe(5);
  });

  it('folds case and diacritics, splits on punctuation and keeps other scripts, as the plain search does', () => {
    const store = setup();
    const id = declareIncident(store);
    note(store, id, 'Café CRÈME au naïve résumé');
    note(store, id, 'db-01.prod.example lost quorum');
    note(store, id, 'Ωmega alert from 東京 region');
    note(store, id, 'user_name=admin; rm -rf /');
    const both = (text: string) => {
      const timeline = typed(store, id, text).total;
      const list = store.log.list({ query: text, limit: 10, offset: 0 }).total;
      return [timeline, list];
    };
    expect(both('cafe creme')).toEqual([1, 1]);
    expect(both('NAIVE RESU')).toEqual([1, 1]);
    expect(both('db-01')).toEqual([1, 1]);
    expect(both('prod.exam')).toEqual([1, 1]);
    expect(both('ωmega')).toEqual([1, 1]);
    expect(both('東京')).toEqual([1, 1]);
    expect(both('admin')).toEqual([1, 1]);
    expect(typed(store, id, 'quorum').texts).toEqual(['db-01.prod.example lost quorum']);
  });

  it('a hostile search is words, never FTS5 syntax, and tags cannot be typed into another incident', () => {
    const store = setup();
    const a = declareIncident(store, 'Checkout errors');
    const b = declareIncident(store, 'Payments down');
    note(store, a, 'secret plan for a');
    note(store, b, 'other words');
    for (const text of ['"', 'a" OR "b', '* NEAR(x y)', 'body : secret', '^secret -other', `${scopedWords(a, 'secret')}`]) {
      expect(() => typed(store, b, text)).not.toThrow();
    }
    // Incident a's tagged word, typed in incident b, is b's tag followed by a's tag: no match.
    expect(typed(store, b, scopedWords(a, 'secret')).total).toBe(0);
    expect(typed(store, b, 'secret').total).toBe(0);
    expect(typed(store, a, 'secret').total).toBe(1);
    expect(scopedQuery(a, '  !!! ')).toBeNull();
  });

  it("an incident's tag has the length the index keeps one- and two-letter prefixes after", () => {
    const store = setup();
    const id = declareIncident(store);
    expect(tag(id)).toHaveLength(34);
    expect(tag(uuidv7())).toHaveLength(34);
    const ddl = rawDb(store).prepare("SELECT sql FROM sqlite_master WHERE name = 'search'").pluck().get() as string;
    expect(ddl).toContain("prefix = '35 36'");
  });

  it("the incidents list's search reads the plain words: no incident matches by its tags", () => {
    const store = setup();
    const id = declareIncident(store, 'Zebra crossing');
    note(store, id, 'xylophone');
    store.catchUpSearch();
    // Every tagged word starts with "c"; only "crossing" does among the plain ones.
    expect(store.log.list({ query: 'c', limit: 10, offset: 0 }).total).toBe(1);
    expect(store.log.list({ query: 'xylo', limit: 10, offset: 0 }).total).toBe(1);
    expect(store.log.list({ query: 'q', limit: 10, offset: 0 }).total).toBe(0);
    expect(ftsQuery('db "lag" OR x*')).toBe('body : ("db" "lag" "OR" "x"*)');
  });
});
