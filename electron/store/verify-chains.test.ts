import { afterEach, describe, expect, it } from 'vitest';
import { declareIncident, newStore } from './testing/fixtures';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

/** Two incidents with interleaved notes, and the append-only triggers dropped so a test can tamper. */
function tamperable() {
  const s = newStore();
  cleanups.push(s.cleanup);
  const { store } = s;
  const a = declareIncident(store, 'Alpha');
  const b = declareIncident(store, 'Bravo');
  for (let i = 0; i < 6; i++) {
    for (const incidentId of [a, b]) store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: `note ${i}` } } }));
  }
  store.db.exec('DROP TRIGGER events_are_append_only_u; DROP TRIGGER events_are_append_only_d;');
  const idOf = (incidentId: string, n: number) =>
    store.db.prepare('SELECT id FROM events WHERE incident_id = ? AND n = ?').pluck().get(incidentId, n) as string;
  return { store, a, b, idOf };
}

describe('verifyChains', () => {
  it('passes intact chains, whole store or one incident', () => {
    const { store, a } = tamperable();
    expect(store.verify().map((v) => [v.ok, v.events])).toEqual([
      [true, 7],
      [true, 7],
    ]);
    expect(store.verify(a)).toEqual([expect.objectContaining({ incidentId: a, ok: true, events: 7 })]);
  });

  it('names the first bad event for each kind of tampering, and leaves other chains alone', () => {
    const cases: [string, (t: ReturnType<typeof tamperable>) => void, number, RegExp][] = [
      ['an edited actor', (t) => t.store.db.prepare("UPDATE events SET actor = 'Mallory' WHERE id = ?").run(t.idOf(t.a, 4)), 4, /changed after/],
      ['a broken link', (t) => t.store.db.prepare("UPDATE events SET prev_hash = hash WHERE id = ?").run(t.idOf(t.a, 3)), 3, /does not link/],
      ['a rewritten hash', (t) => t.store.db.prepare("UPDATE events SET hash = ? WHERE id = ?").run('f'.repeat(64), t.idOf(t.a, 5)), 5, /changed after/],
      ['a hole', (t) => t.store.db.prepare('DELETE FROM events WHERE id = ?').run(t.idOf(t.a, 2)), 3, /event 2 is missing/],
      ['a reordered position', (t) => t.store.db.prepare('UPDATE events SET n = 99 WHERE id = ?').run(t.idOf(t.a, 6)), 99, /event 6 is missing/],
    ];
    for (const [name, tamper, firstBadN, problem] of cases) {
      const t = tamperable();
      tamper(t);
      const verdicts = t.store.verify();
      expect(verdicts.find((v) => v.incidentId === t.a), name).toMatchObject({ ok: false, firstBadN, problem: expect.stringMatching(problem) });
      expect(verdicts.find((v) => v.incidentId === t.b)?.ok, name).toBe(true);
      expect(t.store.verify(t.a)[0], `${name}, one incident`).toMatchObject({ ok: false, firstBadN });
    }
  });

  it('flags a chain whose end was cut off, and an incident without events', () => {
    const t = tamperable();
    t.store.db.prepare('DELETE FROM events WHERE incident_id = ? AND n = 7').run(t.b);
    expect(t.store.verify(t.b)[0]).toMatchObject({ ok: false, firstBadN: 6, problem: expect.stringMatching(/removed/) });
    t.store.db.prepare('DELETE FROM events WHERE incident_id = ?').run(t.b);
    expect(t.store.verify(t.b)[0]).toMatchObject({ ok: false, problem: 'the incident has no events at all' });
  });

  it('leaves no way to call its row check from SQL outside a verification', () => {
    const t = tamperable();
    t.store.verify();
    expect(t.store.db.prepare("SELECT cordon_check_event(1, 'x', 1, 'p', 'h', 'i')").pluck().get()).toBe(0);
  });
});

describe('what the chain hashes', () => {
  it('is what SQLite reads back, even for text with a lone surrogate half', () => {
    const s = newStore();
    cleanups.push(s.cleanup);
    const incidentId = declareIncident(s.store);
    const { event } = s.store.write((tx) => tx.append({ incidentId, actor: 'B\ud800o', body: { kind: 'note', payload: { text: 'x\udc00' } } })).value;
    expect(event.actor).toBe('B\ufffdo');
    expect(s.store.verify()[0]?.ok).toBe(true);
  });
});
