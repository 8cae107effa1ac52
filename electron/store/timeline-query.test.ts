import { afterEach, describe, expect, it } from 'vitest';
import type { EventView, TimelineRow } from '../../shared/ipc/store-schemas';
import { timelineRow } from '../../shared/events/read-models';
import type { TimelineFilterInput } from '../../shared/ipc/timeline-contract';
import { activity } from '../../shared/warroom/activity';
import { filterEvents, NO_PHASE, phaseChanges, sortChronologically } from '../../shared/warroom/timeline-filter';
import type { AppendRequest } from './event-log';
import { migrations } from './migrations';
import { openStore, type Store } from './store';
import { TimelineQuery } from './timeline-query';
import { appendEvent, declareIncident, newStore, rawDb } from './testing/fixtures';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
const setup = (options: Parameters<typeof newStore>[0] = {}) => {
  const s = newStore(options);
  cleanups.push(s.cleanup);
  return s;
};

/** A small deterministic PRNG, so a failure replays. */
function prng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const t0 = Date.parse('2025-03-01T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** An incident with backdated notes, phase changes, key events, amends (time, key, text) and redactions. */
function seedIncident(store: Store, count: number, seed = 7): string {
  const random = prng(seed);
  const incidentId = store.write((tx) => tx.declare('Ana', { title: 'Checkout errors', kind: 'real', severity: 'SEV2' }, iso(t0))).value.event.incidentId;
  const ids: string[] = [];
  const append = (request: Omit<AppendRequest, 'incidentId'>) => appendEvent(store, { incidentId, ...request }).event.id;
  for (let i = 1; i < count; i++) {
    const r = random();
    // Mostly in order, some backdated, some at the same millisecond as another.
    const at = t0 + (r < 0.15 ? Math.floor(random() * i) : i) * 60_000;
    const actor = ['Ana', 'Bo', 'Chen'][i % 3] as string;
    if (i % 37 === 0) append({ actor, occurredAt: iso(at), body: { kind: 'phase_changed', payload: { phase: ['detect', 'contain', 'recover'][(i / 37) % 3] as string } } });
    else if (i % 23 === 0) append({ actor, occurredAt: iso(at), body: { kind: 'severity_changed', payload: { severity: i % 2 ? 'SEV1' : 'SEV3' } } });
    else if (i % 19 === 0 && ids.length > 0) {
      const target = ids[Math.floor(random() * ids.length)] as string;
      const which = random();
      try {
        if (which < 0.3) append({ actor, body: { kind: 'redact', payload: { targetEventId: target, reason: 'pasted a token' } } });
        else if (which < 0.55) append({ actor, body: { kind: 'amend', payload: { targetEventId: target, reason: 'time', occurredAt: iso(t0 + Math.floor(random() * i) * 60_000) } } });
        else if (which < 0.8) append({ actor, body: { kind: 'amend', payload: { targetEventId: target, reason: 'key', key: random() < 0.5 } } });
        else append({ actor, body: { kind: 'amend', payload: { targetEventId: target, reason: 'typo', payload: { text: `corrected ${i}`, key: true } } } });
      } catch (error) {
        // Already redacted: the log refuses, as it should; anything else is a failure.
        if (!(error instanceof Error) || !error.message.includes('already redacted')) throw error;
      }
    } else ids.push(append({ actor, occurredAt: iso(at), body: { kind: 'note', payload: { text: `observation ${i} on checkout`, key: i % 11 === 0 } } }));
  }
  return incidentId;
}

/** The timeline as the renderer used to compute it: every event, sorted and filtered in memory. */
function reference(store: Store, incidentId: string, filter: TimelineFilterInput): EventView[] {
  const all = store.log.page(incidentId, 0, 1_000_000).events;
  return [...filterEvents(sortChronologically(all), filter, phaseChanges(all))];
}

const filters: TimelineFilterInput[] = [
  {},
  { kinds: ['note'] },
  { kinds: ['phase_changed', 'severity_changed'] },
  { actor: 'Bo' },
  { keyOnly: true },
  { phase: 'contain' },
  { phase: NO_PHASE },
  { kinds: ['note'], actor: 'Chen', phase: 'detect' },
  { text: 'observation' },
  { text: 'checkout', kinds: ['note'], keyOnly: true },
];

/** The store's query, and one with checkpoints every 8 rows and ends of 10, so that small incidents cross every path. */
const queries = (store: Store) => [store.timeline, new TimelineQuery(rawDb(store), () => store.catchUpSearch(), { stride: 8, nearEnd: 10 })];

describe('TimelineQuery windows', () => {
  it('serves every window, total and position exactly as the in-memory timeline had them', () => {
    const { store } = setup();
    const incidentId = seedIncident(store, 1_400);
    for (const timeline of queries(store))
    for (const filter of filters) {
      const expected = reference(store, incidentId, filter);
      const label = JSON.stringify(filter);
      const ids = (rows: readonly TimelineRow[]) => rows.map((r) => r.id);
      for (const start of [0, 1, 255, 256, 257, 700, Math.max(0, expected.length - 3)]) {
        const w = timeline.window(incidentId, filter, { from: 'index', index: start }, 40);
        const from = Math.min(start, Math.max(0, expected.length - 40));
        expect(w.total, label).toBe(expected.length);
        expect(w.offset, label).toBe(from);
        expect(ids(w.rows), `${label} @${start}`).toEqual(ids(expected.slice(from, from + 40)));
      }
      const end = timeline.window(incidentId, filter, { from: 'end' }, 50);
      expect(ids(end.rows), label).toEqual(ids(expected.slice(-50)));
      const probe = expected[Math.floor(expected.length / 2)];
      if (!probe) continue;
      const index = expected.indexOf(probe);
      expect(timeline.locate(incidentId, filter, { eventId: probe.id })).toMatchObject({ index, total: expected.length, row: timelineRow(probe) });
      const after = timeline.window(incidentId, filter, { from: 'after', eventId: probe.id }, 10);
      expect(ids(after.rows), label).toEqual(ids(expected.slice(index + 1, index + 11)));
      const beforeRows = timeline.window(incidentId, filter, { from: 'before', eventId: probe.id }, 10);
      expect(ids(beforeRows.rows), label).toEqual(ids(expected.slice(Math.max(0, index - 10), index)));
      const around = timeline.window(incidentId, filter, { from: 'event', eventId: probe.id }, 10);
      expect(around.rows.map((r) => r.id)).toContain(probe.id);
      expect(around.rows[index - around.offset]?.id).toBe(probe.id);
      const at = Date.parse(probe.effectiveOccurredAt);
      const first = expected.findIndex((e) => Date.parse(e.effectiveOccurredAt) >= at);
      expect(timeline.locate(incidentId, filter, { at }).index, label).toBe(first);
    }
  });

  it('rows carry their effective content: amended text and time, redaction, amend history, key flag', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    const note = appendEvent(store, { incidentId, actor: 'Bo', occurredAt: '2030-01-01T10:00:00.000Z', body: { kind: 'note', payload: { text: 'token abc123' } } }).event;
    const other = appendEvent(store, { incidentId, actor: 'Bo', occurredAt: '2030-01-01T11:00:00.000Z', body: { kind: 'note', payload: { text: 'replica lag' } } }).event;
    const amend = appendEvent(store, { incidentId, actor: 'Ana', body: { kind: 'amend', payload: { targetEventId: other.id, reason: 'earlier', occurredAt: '2030-01-01T09:00:00.000Z', key: true } } }).event;
    const redact = appendEvent(store, { incidentId, actor: 'Ana', body: { kind: 'redact', payload: { targetEventId: note.id, reason: 'secret' } } }).event;
    const { rows } = store.timeline.window(incidentId, {}, { from: 'start' }, 10);
    const shown = rows.map((r) => ({ id: r.id, at: r.effectiveOccurredAt, key: r.key, payload: r.effectivePayload, amendedBy: r.amendedBy, redactedBy: r.redactedBy }));
    expect([shown.find((r) => r.id === other.id), shown.find((r) => r.id === note.id)]).toEqual([
      { id: other.id, at: '2030-01-01T09:00:00.000Z', key: true, payload: { text: 'replica lag' }, amendedBy: [amend.id], redactedBy: null },
      { id: note.id, at: '2030-01-01T10:00:00.000Z', key: false, payload: null, amendedBy: [], redactedBy: redact.id },
    ]);
    expect(store.timeline.window(incidentId, { keyOnly: true }, { from: 'start' }, 10).rows.map((r) => r.id)).toContain(other.id);
  });

  it('keeps windows right as events arrive: appended at the end, backdated, and corrected', () => {
    const { store } = setup();
    const incidentId = seedIncident(store, 600, 3);
    const shapes: TimelineFilterInput[] = [{}, { kinds: ['note'] }, { phase: 'contain' }, { text: 'observation' }];
    const timelines = queries(store);
    // Directories built (checkpoints too) before the writes below, so these extend or rebuild them.
    for (const timeline of timelines) for (const filter of shapes) timeline.window(incidentId, filter, { from: 'index', index: 300 }, 20);
    const late = Date.parse('2031-01-01T00:00:00.000Z');
    for (let i = 0; i < 30; i++) appendEvent(store, { incidentId, actor: 'Dee', occurredAt: iso(late + i), body: { kind: 'note', payload: { text: `tail observation ${i}` } } });
    for (const timeline of timelines) for (const filter of shapes) timeline.window(incidentId, filter, { from: 'end' }, 20);
    const backdated = appendEvent(store, { incidentId, actor: 'Dee', occurredAt: iso(t0 + 1), body: { kind: 'note', payload: { text: 'we saw it first here' } } }).event;
    appendEvent(store, { incidentId, actor: 'Dee', occurredAt: iso(late + 500), body: { kind: 'phase_changed', payload: { phase: 'contain' } } });
    appendEvent(store, { incidentId, actor: 'Dee', body: { kind: 'amend', payload: { targetEventId: backdated.id, reason: 'later', occurredAt: iso(late + 400) } } });
    for (const timeline of timelines)
    for (const filter of shapes) {
      const expected = reference(store, incidentId, filter);
      for (const start of [0, 300, expected.length - 20]) {
        const w = timeline.window(incidentId, filter, { from: 'index', index: start }, 20);
        expect(w.total).toBe(expected.length);
        expect(w.rows.map((r) => r.id), JSON.stringify(filter)).toEqual(expected.slice(w.offset, w.offset + 20).map((r) => r.id));
      }
    }
  });

  it('finds words with the full-text index, on the text views show', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    const other = declareIncident(store, 'Another incident');
    const a = appendEvent(store, { incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'Replica lag on db-prod-3' } } }).event;
    const b = appendEvent(store, { incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'replication caught up' } } }).event;
    appendEvent(store, { incidentId: other, actor: 'Bo', body: { kind: 'note', payload: { text: 'replica elsewhere' } } });
    const c = appendEvent(store, { incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'password is replica123' } } }).event;
    appendEvent(store, { incidentId, actor: 'Ana', body: { kind: 'redact', payload: { targetEventId: c.id, reason: 'secret' } } });
    const found = (text: string) => store.timeline.window(incidentId, { text }, { from: 'start' }, 50).rows.map((r) => r.id);
    // Amending only the key flag keeps the words; amending a redacted event does not bring them back.
    appendEvent(store, { incidentId, actor: 'Ana', body: { kind: 'amend', payload: { targetEventId: a.id, reason: 'important', key: true } } });
    appendEvent(store, { incidentId, actor: 'Ana', body: { kind: 'amend', payload: { targetEventId: c.id, reason: 'typo', payload: { text: 'password is replica456' } } } });
    expect(found('replica')).toEqual([a.id, b.id]);
    expect(found('REPLICA lag')).toEqual([a.id]);
    expect(found('nothing-like-this')).toEqual([]);
    // Nothing searchable in it: the filter does not narrow (as an empty search box).
    expect(store.timeline.window(incidentId, { text: '"*) - (' }, { from: 'start' }, 50).total).toBe(7);
  });

  it('answers a typed search at the end from the full-text index, and right where rows were written out of time order', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    const note = (text: string, at: number, target = incidentId) =>
      appendEvent(store, { incidentId: target, actor: 'Bo', occurredAt: iso(at), body: { kind: 'note', payload: { text } } }).event;
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) ids.push(note(i % 3 === 0 ? `observation ${i}` : `ticket ${i}`, t0 + i * 60_000).id);
    const check = (label: string) => {
      for (const text of ['obs', 'observation', 'observation 11', 'ticket', 'nothing']) {
        const expected = reference(store, incidentId, { text });
        for (const limit of [1, 5, 30, 500]) {
          const w = store.timeline.window(incidentId, { text }, { from: 'end' }, limit);
          const ok = { total: w.total, offset: w.offset, rows: w.rows.map((r) => r.id) };
          const tail = expected.slice(-limit);
          expect(ok, `${label}: ${text} ${limit}`).toEqual({ total: expected.length, offset: expected.length - tail.length, rows: tail.map((r) => r.id) });
        }
      }
    };
    check('in order');
    // Redacted words leave the index: the tail skips them.
    appendEvent(store, { incidentId, actor: 'Ana', body: { kind: 'redact', payload: { targetEventId: ids[117] as string, reason: 'secret' } } });
    check('redacted');
    // Written last, timed first: the newest match in the index is not the newest in time.
    note('observation backdated', t0 - 1);
    check('backdated');
    // Written early, moved to the end by an amend: the oldest match in the index is the newest in time.
    appendEvent(store, { incidentId, actor: 'Ana', body: { kind: 'amend', payload: { targetEventId: ids[3] as string, reason: 'later', occurredAt: iso(t0 + 500 * 60_000) } } });
    check('moved later');
    // Another incident's events among this one's in the log.
    const other = declareIncident(store, 'Another incident');
    note('observation elsewhere', t0 + 1_000 * 60_000, other);
    note('observation 1000', t0 + 1_000 * 60_000);
    check('interleaved');
  });

  it('buckets, phase bands and severity calls match the chart computed from every event', () => {
    const { store } = setup();
    const incidentId = seedIncident(store, 900, 11);
    const now = t0 + 2_000 * 60_000;
    const all = store.log.page(incidentId, 0, 1_000_000).events;
    const expected = activity(all, now, 60);
    const got = store.timeline.buckets(incidentId, now, 60);
    expect({ ...got, total: undefined }).toEqual({ ...expected, total: undefined });
    expect(got.total).toBe(all.filter((e) => e.kind !== 'amend' && e.kind !== 'redact').length);
  });

  it('counts buckets in steps, and an event written between two steps is in the answer', () => {
    const { store } = setup();
    const incidentId = seedIncident(store, 300, 5);
    const now = t0 + 400 * 60_000;
    const steps = store.timeline.bucketSteps(incidentId, now, 60);
    let taken = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      taken += 1;
      // Halfway, a note lands in a bucket the first steps already counted.
      if (taken === 3) appendEvent(store, { incidentId, actor: 'Bo', occurredAt: iso(t0 + 60_000), body: { kind: 'note', payload: { text: 'early' } } });
    }
    expect(taken).toBe(3);
    const all = store.log.page(incidentId, 0, 1_000_000).events;
    expect({ ...step.value, total: undefined }).toEqual({ ...activity(all, now, 60), total: undefined });
  });

  it('refuses an unknown incident or an event of another incident', () => {
    const { store } = setup();
    const incidentId = declareIncident(store);
    const other = declareIncident(store, 'Other');
    const foreign = appendEvent(store, { incidentId: other, actor: 'Bo', body: { kind: 'note', payload: { text: 'x' } } }).event;
    expect(() => store.timeline.window('01890000-0000-7000-8000-000000000000', {}, { from: 'end' }, 10)).toThrow('There is no such incident.');
    expect(() => store.timeline.locate(incidentId, {}, { eventId: foreign.id })).toThrow('That event is not in this incident.');
  });

  it('builds the timeline of a store written before it existed', () => {
    const { file, key, store } = setup({ migrations: migrations.slice(0, 6) });
    const incidentId = seedIncident(store, 300, 5);
    const expected = reference(store, incidentId, { keyOnly: true });
    store.close();
    const migrated = openStore(file, key);
    cleanups.unshift(() => migrated.close());
    const w = migrated.timeline.window(incidentId, { keyOnly: true }, { from: 'start' }, 500);
    expect(w.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(migrated.timeline.window(incidentId, {}, { from: 'start' }, 500).rows.map((r) => r.id)).toEqual(reference(migrated, incidentId, {}).map((r) => r.id));
  });
});
