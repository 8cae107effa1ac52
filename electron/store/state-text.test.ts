import { afterEach, describe, expect, it } from 'vitest';
import { applyEvent, type IncidentState } from '../../shared/events/fold';
import type { LoggedEvent } from '../../shared/events/event';
import { stateText, WrittenStates } from './state-text';
import { openStore } from './store';
import { appendEvent, declareIncident, newStore } from './testing/fixtures';

let n = 0;
const event = (kind: string, payload: Record<string, unknown>): LoggedEvent =>
  ({
    id: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
    incidentId: 'inc',
    n,
    kind,
    actor: 'Ana',
    occurredAt: '2026-11-22T09:00:00.000Z',
    recordedAt: `2026-11-22T09:00:${String(n % 60).padStart(2, '0')}.000Z`,
    prevHash: 'p'.repeat(64),
    hash: `${n}`.padStart(64, 'h'),
    payload,
  }) as LoggedEvent;

const declared = applyEvent(null, event('declared', { title: 'Checkout errors', kind: 'real', commander: 'Ana' }));

describe('stateText', () => {
  it('round-trips the whole state, volatile fields first', () => {
    const { text } = stateText(declared, null);
    expect(JSON.parse(text)).toEqual(declared);
    expect(Object.keys(JSON.parse(text) as object).slice(0, 5)).toEqual(['updatedAt', 'eventCount', 'notesCount', 'headEventId', 'headHash']);
  });

  it('carries the rest over unchanged when an event changed only the volatile fields', () => {
    const first = stateText(declared, null);
    const previous = { headHash: declared.headHash, state: declared, stableText: first.stableText };
    const afterNote = applyEvent(declared, event('note', { text: 'replica lag' }));
    const second = stateText(afterNote, previous);
    expect(second.stableText).toBe(first.stableText);
    expect(JSON.parse(second.text)).toEqual(afterNote);
  });

  it('serialises the rest again when an event changed it', () => {
    const first = stateText(declared, null);
    const previous = { headHash: declared.headHash, state: declared, stableText: first.stableText };
    const ticked: IncidentState = applyEvent(declared, event('checklist_item_set', { itemId: 'triage', done: true }));
    const second = stateText(ticked, previous);
    expect(second.stableText).not.toBe(first.stableText);
    expect(JSON.parse(second.text)).toEqual(ticked);
    const keyNote = applyEvent(ticked, event('note', { text: 'root cause found', key: true }));
    expect(JSON.parse(stateText(keyNote, { headHash: ticked.headHash, state: ticked, stableText: second.stableText }).text)).toEqual(keyNote);
  });
});

describe('WrittenStates', () => {
  it('answers only for the head it was written with, and forgets the least recently used', () => {
    const states = new WrittenStates(2);
    const entry = (headHash: string) => ({ headHash, state: declared, stableText: '{}' });
    states.remember('a', entry('h1'));
    expect(states.get('a', 'h2')).toBeNull();
    expect(states.get('a', 'h1')?.headHash).toBe('h1');
    states.remember('b', entry('h1'));
    states.get('a', 'h1');
    states.remember('c', entry('h1'));
    expect(states.get('b', 'h1')).toBeNull();
    expect(states.get('a', 'h1')).not.toBeNull();
  });
});

describe('the state an append builds on', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('is the stored one after a rolled-back transaction, not what the rollback undid', () => {
    const s = newStore();
    cleanup = s.cleanup;
    const incidentId = declareIncident(s.store);
    const note = (text: string) => s.store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text } } })).value;
    note('kept');
    expect(() =>
      s.store.write(() => {
        note('undone');
        throw new Error('the caller gives up');
      }),
    ).toThrow(/gives up/);
    note('kept too');
    expect(s.store.log.state(incidentId)).toMatchObject({ notesCount: 2, eventCount: 3 });
    expect(s.store.verify()[0]?.ok).toBe(true);
  });
});

describe('a state materialised before the fold kept one copy per fact', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('is read without the retired copies, and the next write stores it without them', () => {
    const s = newStore();
    cleanup = s.cleanup;
    const incidentId = declareIncident(s.store);
    // What an older Cordon wrote: its own action items, runs and revision, beside the log's.
    s.store.db
      .prepare(
        `UPDATE incidents SET state = json_set(state, '$.actionItems', json('{"a1":{"title":"stale","status":"open"}}'),
           '$.scriptRuns', json('{"r1":{"outcome":null}}'), '$.postmortem', json('{"status":"draft","revision":3,"savedAt":null}')) WHERE id = ?`,
      )
      .run(incidentId);
    s.store.close();
    const store = openStore(s.file, s.key);
    cleanup = () => {
      store.close();
      s.cleanup();
    };
    expect(store.log.state(incidentId)).not.toHaveProperty('actionItems');
    expect(store.log.state(incidentId).postmortem).toEqual({ status: 'draft' });
    appendEvent(store, { incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'after the upgrade' } } });
    const stored = store.db.prepare<[string], string>('SELECT state FROM incidents WHERE id = ?').pluck().get(incidentId) ?? '';
    expect(stored).not.toMatch(/actionItems|scriptRuns|revision/);
    expect(JSON.parse(stored)).toMatchObject({ postmortem: { status: 'draft' }, notesCount: 1 });
  });
});
