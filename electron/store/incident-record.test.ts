import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventView } from '../../shared/ipc/store-schemas';
import { chronologicalOrder } from '../../shared/postmortem/record-index';
import { SyncRefusal } from './ingest';
import { appendEvent, declareIncident, newStore } from './testing/fixtures';
import { exchange, laptopsForEachTest, type SyncStore } from './testing/sync-stores';

// store.record: an incident's whole record read once, in timeline order, each event as the
// war room shows it, from every admitted laptop.

const t0 = Date.parse('2026-05-01T09:00:00.000Z');
const at = (minute: number) => new Date(t0 + minute * 60_000).toISOString();
const texts = (rows: readonly EventView[]) => rows.map((r) => (r.kind === 'note' ? (r.effectivePayload?.text ?? '(redacted)') : r.kind));

describe('one laptop', () => {
  let s: ReturnType<typeof newStore>;
  beforeEach(() => {
    s = newStore();
  });
  afterEach(() => s.cleanup());

  /** Notes out of order, then an amend of a time, of a text, of a key flag, and a redaction. */
  function corrected() {
    const incidentId = declareIncident(s.store);
    const note = (text: string, minute: number, key?: boolean) =>
      appendEvent(s.store, { incidentId, actor: 'Bo', occurredAt: at(minute), body: { kind: 'note', payload: { text, ...(key === undefined ? {} : { key }) } } }).event.id;
    const late = note('written late, happened early', -30);
    const moved = note('moved later', 5);
    const typo = note('tpyo', 6);
    const starred = note('starred afterwards', 7);
    const secret = note('password=hunter2', 8, true);
    const amend = (targetEventId: string, change: Record<string, unknown>) =>
      appendEvent(s.store, { incidentId, actor: 'Bo', body: { kind: 'amend', payload: { targetEventId, reason: 'fix', ...change } } });
    amend(moved, { occurredAt: at(60) });
    amend(typo, { payload: { text: 'typo' } });
    amend(starred, { key: true });
    appendEvent(s.store, { incidentId, actor: 'Bo', body: { kind: 'redact', payload: { targetEventId: secret, reason: 'a secret' } } });
    return { incidentId, late, moved, secret };
  }

  it('reads every event as the log’s pages show it, in log order and in timeline order', () => {
    const { incidentId, late, moved, secret } = corrected();
    const paged = s.store.log.page(incidentId, 0, 1_000).events;
    const { events, timeline } = s.store.record.read(incidentId);
    expect(events).toEqual(paged);
    expect(timeline).toEqual(chronologicalOrder(paged));
    expect(timeline[0]?.id).toBe(late);
    expect(timeline.find((e) => e.id === moved)?.effectiveOccurredAt).toBe(at(60));
    expect(texts(timeline)).toContain('typo');
    expect(texts(timeline)).toContain('(redacted)');
    expect(timeline.find((e) => e.id === secret)?.key).toBe(false);
    expect(texts(timeline.filter((e) => e.key)).sort()).toEqual(['declared', 'starred afterwards']);
  });

  it('orders the timeline as the war room’s windows do', () => {
    const { incidentId } = corrected();
    const window = s.store.timeline.window(incidentId, {}, { from: 'start' }, 1_000).rows;
    expect(s.store.record.read(incidentId).timeline.map((e) => e.id)).toEqual(window.map((e) => e.id));
  });

  it('reads only the kinds asked for, with the corrections that say how they read', () => {
    const { incidentId } = corrected();
    appendEvent(s.store, { incidentId, actor: 'Bo', body: { kind: 'postmortem_saved', payload: { revision: 1, markdown: '# Draft' } } });
    const { events } = s.store.record.read(incidentId, { kinds: ['postmortem_saved'] });
    expect([...new Set(events.map((e) => e.kind))].sort()).toEqual(['amend', 'postmortem_saved', 'redact']);
  });

  it('reports its progress while it reads, and ends at the total', () => {
    const incidentId = declareIncident(s.store);
    s.store.write((tx) => {
      for (let i = 0; i < 25; i++) tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: `n${i}` } } });
    });
    const seen: [number, number][] = [];
    s.store.record.read(incidentId, { progressEvery: 10, onProgress: (read, total) => seen.push([read, total]) });
    expect(seen).toEqual([
      [10, 26],
      [20, 26],
      [26, 26],
    ]);
    expect(s.store.record.count(incidentId)).toBe(26);
  });

  it('reads nothing of an incident that is not there', () => {
    expect(s.store.record.read('0190a000-0000-7000-8000-00000000dead')).toEqual({ events: [], timeline: [] });
  });
});

describe('two laptops sharing an incident', () => {
  const L = laptopsForEachTest('cordon-record-laptops-', t0);
  const note = (s: SyncStore, incidentId: string, text: string, minute: number) =>
    appendEvent(s.store, { incidentId, actor: s.device.name, body: { kind: 'note', payload: { text } }, occurredAt: at(minute) }).event.id;

  it('holds Ben’s notes beside Ana’s, in the timeline’s order, marked with his laptop', () => {
    const { a, b, incidentId } = L.two();
    exchange(a, b, incidentId);
    L.clock += 60_000;
    // Written in turns, happened interleaved; one of Ben's at the same minute as one of Ana's.
    for (const [s, text, minute] of [[b, 'Ben 3', 3], [a, 'Ana 2', 2], [b, 'Ben 1', 1], [a, 'Ana 4', 4], [b, 'Ben 4', 4]] as const) note(s, incidentId, text, minute);
    exchange(b, a, incidentId);
    exchange(a, b, incidentId);
    for (const s of [a, b]) {
      const { events, timeline } = s.store.record.read(incidentId);
      expect(texts(timeline).filter((text) => text !== 'Ana 4' && text !== 'Ben 4')).toEqual(['declared', 'Ben 1', 'Ana 2', 'Ben 3']);
      expect(timeline.map((e) => e.id)).toEqual(s.store.timeline.window(incidentId, {}, { from: 'start' }, 50).rows.map((e) => e.id));
      for (const e of timeline) expect(e.origin?.deviceName).toBe(e.actor === s.device.name ? undefined : e.actor);
      // Log order is the fold's merge order, the same on both laptops.
      expect(events.map((e) => e.id)).toEqual(s.ledger.mergedEvents(incidentId).map((m) => m.event.id));
    }
    expect(a.store.record.read(incidentId).events.map((e) => e.id)).toEqual(b.store.record.read(incidentId).events.map((e) => e.id));
  });

  it('applies Ben’s amend to his own note, and leaves out a laptop once it is refused', () => {
    const { a, b, incidentId } = L.two();
    exchange(a, b, incidentId);
    L.clock += 60_000;
    const mine = note(b, incidentId, 'Ben, really at 5', 1);
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'amend', payload: { targetEventId: mine, reason: 'time', occurredAt: at(5) } } });
    note(a, incidentId, 'Ana at 2', 2);
    exchange(b, a, incidentId);
    const read = a.store.record.read(incidentId).timeline.filter((e) => e.kind !== 'amend');
    expect(texts(read)).toEqual(['declared', 'Ana at 2', 'Ben, really at 5']);
    expect(read.at(-1)?.amendedBy).toHaveLength(1);

    expect(() => a.ledger.ingest(incidentId, b.device.id, [{ hello: 'world' }])).toThrow(SyncRefusal);
    expect(texts(a.store.record.read(incidentId).timeline)).toEqual(['declared', 'Ana at 2']);
    expect(a.store.record.read(incidentId).events.every((e) => e.origin === undefined)).toBe(true);
  });
});
