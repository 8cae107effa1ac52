import { afterEach, describe, expect, it } from 'vitest';
import { CordonError } from '../../shared/ipc/result';
import { declareIncident, newStore } from './testing/fixtures';
import { ftsQuery } from './event-log';

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

describe('EventLog', () => {
  it('chains events and materialises state in the same transaction', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    const note = store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'replica lag 30s' } } })).value;
    const sev = store.write((tx) => tx.append({ incidentId, actor: 'Ana', body: { kind: 'severity_changed', payload: { severity: 'SEV1' } } })).value;
    expect(note.event.n).toBe(2);
    expect(sev.event.prevHash).toBe(note.event.hash);
    const summary = store.log.summary(incidentId);
    expect(summary).toMatchObject({ severity: 'SEV1', eventCount: 3, headHash: sev.event.hash, status: 'active' });
    expect(store.verify()).toEqual([expect.objectContaining({ ok: true, events: 3, headHash: sev.event.hash })]);
  });

  it('keeps occurredAt as given and recordedAt as written', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    const { event } = store.write((tx) => tx.append({
      incidentId,
      actor: 'Bo',
      occurredAt: '2024-05-01T09:12:00.000Z',
      body: { kind: 'note', payload: { text: 'impact began' } },
    })).value;
    expect(event.occurredAt).toBe('2024-05-01T09:12:00.000Z');
    expect(Date.parse(event.recordedAt)).toBeGreaterThan(Date.parse(event.occurredAt));
  });

  it('amends and redacts with new events, leaving the originals and the chain intact', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    const note = store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'secret customer ref 1234' } } })).value.event;
    const amend = store.write((tx) => tx.append({
      incidentId,
      actor: 'Ana',
      body: { kind: 'amend', payload: { targetEventId: note.id, reason: 'time', occurredAt: '2024-05-01T09:00:00.000Z', key: true } },
    })).value.event;
    store.write((tx) => tx.append({ incidentId, actor: 'Ana', body: { kind: 'redact', payload: { targetEventId: note.id, reason: 'PII' } } }));
    const page = store.log.page(incidentId, 0, 10);
    const view = page.events.find((e) => e.id === note.id);
    expect(view).toMatchObject({
      payload: { text: 'secret customer ref 1234' },
      effectivePayload: null,
      effectiveOccurredAt: '2024-05-01T09:00:00.000Z',
      amendedBy: [amend.id],
    });
    expect(view?.redactedBy).toBeTruthy();
    store.catchUpSearch();
    expect(store.log.list({ query: 'customer', limit: 10, offset: 0 }).total).toBe(0);
    expect(store.verify()[0]?.ok).toBe(true);
    expect(() =>
      store.write((tx) => tx.append({ incidentId, actor: 'Ana', body: { kind: 'redact', payload: { targetEventId: note.id, reason: 'again' } } })).value,
    ).toThrow(/already redacted/);
    expect(() =>
      store.write((tx) => tx.append({ incidentId, actor: 'Ana', body: { kind: 'redact', payload: { targetEventId: amend.id, reason: 'x' } } })).value,
    ).toThrow(/cannot themselves/);
  });

  it('validates an amend’s replacement payload against the target’s kind', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    const sev = store.write((tx) => tx.append({ incidentId, actor: 'Ana', body: { kind: 'severity_changed', payload: { severity: 'SEV1' } } })).value.event;
    const bad = () =>
      store.write((tx) => tx.append({
        incidentId,
        actor: 'Ana',
        body: { kind: 'amend', payload: { targetEventId: sev.id, reason: 'x', payload: { text: 'not a severity' } } },
      })).value;
    expect(bad).toThrow(CordonError);
    store.write((tx) => tx.append({
      incidentId,
      actor: 'Ana',
      body: { kind: 'amend', payload: { targetEventId: sev.id, reason: 'misjudged', payload: { severity: 'SEV2' } } },
    }));
    expect(store.log.summary(incidentId).severity).toBe('SEV2');
    expect(store.log.counts().events).toBe(3);
  });

  it('refuses injects in real incidents and unknown incidents', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    expect(() =>
      store.write((tx) => tx.append({ incidentId, actor: 'Ana', body: { kind: 'inject', payload: { title: 'x', text: 'y' } } })).value,
    ).toThrow(/exercises/);
    expect(() =>
      store.write((tx) => tx.append({
        incidentId: '00000000-0000-4000-8000-000000000000',
        actor: 'Ana',
        body: { kind: 'note', payload: { text: 'x' } },
      })).value,
    ).toThrow(/no such incident/);
    expect(store.log.counts().events).toBe(1);
  });

  it('lists with filters and full-text search over titles and notes', () => {
    const { store } = setup();
    const a = declareIncident(store, 'Payment gateway timeouts');
    const b = declareIncident(store, 'Phishing drill', 'exercise');
    store.write((tx) => tx.append({ incidentId: b, actor: 'Bo', body: { kind: 'note', payload: { text: 'Finance clicked the lure' } } }));
    store.write((tx) => tx.append({ incidentId: a, actor: 'Bo', body: { kind: 'status_changed', payload: { status: 'resolved' } } }));
    store.catchUpSearch();
    const ids = (filter: Parameters<typeof store.log.list>[0]) => store.log.list(filter).items.map((i) => i.id);
    expect(ids({ query: 'gateway', limit: 10, offset: 0 })).toEqual([a]);
    expect(ids({ query: 'lur', limit: 10, offset: 0 })).toEqual([b]);
    expect(ids({ query: 'finance LURE', limit: 10, offset: 0 })).toEqual([b]);
    expect(ids({ kind: 'exercise', limit: 10, offset: 0 })).toEqual([b]);
    expect(ids({ status: ['resolved'], limit: 10, offset: 0 })).toEqual([a]);
    expect(ids({ severity: ['SEV2'], status: ['active'], limit: 10, offset: 0 })).toEqual([b]);
    expect(store.log.list({ query: '"unbalanced (* OR', limit: 10, offset: 0 }).total).toBe(0);
    expect(store.log.list({ limit: 1, offset: 0 })).toMatchObject({ total: 2, items: [expect.anything()] });
  });

  it('pages a long timeline', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    for (let i = 0; i < 25; i++) store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: `n${i}` } } }));
    const first = store.log.page(incidentId, 0, 10);
    expect(first.events.map((e) => e.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const last = store.log.page(incidentId, 20, 10);
    expect(last.events.map((e) => e.n)).toEqual([21, 22, 23, 24, 25, 26]);
    expect(last.nextAfter).toBeNull();
    expect(first.nextAfter).toBe(10);
  });

  it('names the first tampered event, and a removed tail', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    const ids = [1, 2, 3].map(
      (i) => store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: `note ${i}` } } })).value.event.id,
    );
    const other = declareIncident(store, 'Unrelated');
    store.db.exec('DROP TRIGGER events_are_append_only_u; DROP TRIGGER events_are_append_only_d;');
    store.db.prepare("UPDATE events SET payload = '{\"text\":\"forged\"}' WHERE id = ?").run(ids[1]);
    const verdicts = store.verify();
    expect(verdicts.find((v) => v.incidentId === incidentId)).toMatchObject({ ok: false, firstBadEventId: ids[1], firstBadN: 3 });
    expect(verdicts.find((v) => v.incidentId === other)?.ok).toBe(true);
    for (const text of ['a', 'b', 'c']) store.write((tx) => tx.append({ incidentId: other, actor: 'x', body: { kind: 'note', payload: { text } } }));
    store.db.prepare('DELETE FROM events WHERE incident_id = ? AND n = 4').run(other);
    expect(store.verify(other)[0]).toMatchObject({ ok: false, firstBadN: 3, problem: expect.stringMatching(/removed/) });
    store.db.prepare('DELETE FROM events WHERE incident_id = ? AND n = 2').run(other);
    expect(store.verify(other)[0]).toMatchObject({ ok: false, firstBadN: 3, problem: 'event 2 is missing' });
  });

  it('the append-only triggers stop updates and deletes', () => {
    const { store } = setup();
    declareIncident(store);
    expect(() => store.db.exec("UPDATE events SET actor = 'x'")).toThrow(/append-only/);
    expect(() => store.db.exec('DELETE FROM events')).toThrow(/append-only/);
  });
});

describe('ftsQuery', () => {
  it('quotes every word and makes the last a prefix', () => {
    expect(ftsQuery('db "lag" OR x*')).toBe('body : ("db" "lag" "OR" "x"*)');
    expect(ftsQuery('  !!! ')).toBeNull();
  });
});
