import { afterEach, describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../shared/events/event';
import { prepareRead } from './database';
import type { WriteTx } from './store-writer';
import { declareIncident, newStore } from './testing/fixtures';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function setup() {
  const s = newStore();
  cleanups.push(s.cleanup);
  const incidentId = declareIncident(s.store);
  // What each signal carried, and whether the write was still open when it came.
  const heard: { events: readonly LoggedEvent[]; inTransaction: boolean; eventsOnDisk: number }[] = [];
  const count = s.store.db.prepare<[string], number>('SELECT count(*) FROM events WHERE incident_id = ?').pluck();
  s.store.onCommitted((events) => heard.push({ events, inTransaction: s.store.db.inTransaction, eventsOnDisk: count.get(incidentId) ?? 0 }));
  const note = (tx: WriteTx, text: string) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text } } }).event;
  return { ...s, incidentId, heard, note };
}

describe('store.write, the one way to change the store', () => {
  it('commits one user action as one transaction and signals its events once, after COMMIT', () => {
    const { store, incidentId, heard, note } = setup();
    const { value, events } = store.write((tx) => {
      const first = note(tx, 'paged the DBA');
      const second = tx.append({ incidentId, actor: 'Bo', body: { kind: 'severity_changed', payload: { severity: 'SEV1' } } }).event;
      return [first.id, second.id];
    });
    expect(events.map((e) => e.id)).toEqual(value);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ inTransaction: false, eventsOnDisk: 3 });
    expect(heard[0]?.events.map((e) => e.id)).toEqual(value);
    expect(store.log.state(incidentId)).toMatchObject({ eventCount: 3, severity: 'SEV1' });
  });

  it('rolls back the first event when the second fails, and signals nothing', () => {
    const { store, incidentId, heard, note } = setup();
    expect(() =>
      store.write((tx) => {
        note(tx, 'this note must not survive');
        // Refused by the log's own checks: an inject on a real incident.
        tx.append({ incidentId, actor: 'Bo', body: { kind: 'inject', payload: { title: 'x', text: 'y' } } });
      }),
    ).toThrow(/Injects belong to exercises/);
    expect(heard).toEqual([]);
    expect(store.log.state(incidentId).eventCount).toBe(1);
    expect(store.log.page(incidentId, 0, 10).events.map((e) => e.kind)).toEqual(['declared']);
    // The chain carries on from the head that was committed.
    store.write((tx) => note(tx, 'after the rollback'));
    expect(store.verify(incidentId)[0]?.ok).toBe(true);
    expect(heard).toHaveLength(1);
  });

  it('signals a nested write with the outer one, and drops what a failed nested write appended', () => {
    const { store, heard, note } = setup();
    const { events } = store.write((tx) => {
      note(tx, 'outer before');
      store.write((inner) => note(inner, 'inner kept'));
      expect(() =>
        store.write((inner) => {
          note(inner, 'inner undone');
          throw new Error('the nested step failed');
        }),
      ).toThrow(/nested step/);
      expect(heard).toEqual([]); // nothing is signalled before the outermost COMMIT
      note(tx, 'outer after');
    });
    const texts = (list: readonly LoggedEvent[]) => list.map((e) => (e.kind === 'note' ? e.payload.text : e.kind));
    expect(texts(events)).toEqual(['outer before', 'inner kept', 'outer after']);
    expect(heard).toHaveLength(1);
    expect(texts(heard[0]?.events ?? [])).toEqual(['outer before', 'inner kept', 'outer after']);
  });

  it('refuses a transaction kept past its write, and a write inside a transaction it did not open', () => {
    const { store, heard, note } = setup();
    const db = store.db;
    let kept: WriteTx | null = null;
    store.write((tx) => {
      kept = tx;
    });
    expect(() => note(kept as unknown as WriteTx, 'late')).toThrow(/has ended/);
    expect(() => store.playbooks.save(kept as unknown as WriteTx, { id: 'x', playbook: {} as never, source: null, unparsed: [], savedAt: '', savedBy: '' })).toThrow(/has ended/);
    expect(() => db.transaction(() => store.write((tx) => note(tx, 'smuggled')))()).toThrow(/did not open/);
    expect(heard).toEqual([]);
  });

  it('keeps the write when a listener fails (it is already on disk)', () => {
    const { store, incidentId, note } = setup();
    store.onCommitted(() => {
      throw new Error('a listener broke');
    });
    expect(() => store.write((tx) => note(tx, 'durable'))).toThrow(/commit listener/);
    expect(store.log.state(incidentId).eventCount).toBe(2);
  });
});

describe('the read handle', () => {
  it('prepares reading statements and refuses one that would write', () => {
    const { db } = setup().store;
    expect(prepareRead<[], number>(db, 'SELECT count(*) FROM incidents').pluck().get()).toBe(1);
    expect(() => prepareRead(db, "UPDATE incidents SET title = 'forged'")).toThrow(/would write/);
    expect(() => prepareRead(db, 'DELETE FROM search')).toThrow(/would write/);
  });
});
