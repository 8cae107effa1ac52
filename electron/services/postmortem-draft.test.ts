import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventBody } from '../../shared/events/payloads';
import { CordonError } from '../../shared/ipc/result';
import { draftPostmortem } from '../../shared/postmortem/draft';
import { generatedEvents } from '../../shared/postmortem/generated-incident';
import { appendEvent, newStore } from '../store/testing/fixtures';
import { exchange, laptopsForEachTest } from '../store/testing/sync-stores';
import type { Store } from '../store/store';
import { SyncRefusal } from '../store/ingest';
import { loadPostmortemSource } from './export/source';
import { writeDraft } from './postmortem-draft';

// The draft of a large incident is written in a worker thread from a snapshot of the store, from
// one read of every admitted laptop's events. The worker's text, the text written on the main
// thread, and the text of the earlier reading (every event paged from this laptop's log, then
// drafted) must be the same.

/** The generated incident (shared/postmortem/generated-incident.ts) written into a store: its corrections point at the stored ids. */
function writeGenerated(store: Store, count: number): string {
  const [declared, ...rest] = generatedEvents(count);
  if (!declared || declared.body.kind !== 'declared') throw new Error('the generated incident starts with its declaration');
  const incidentId = store.write((tx) => tx.declare(declared.actor ?? 'Ana Lima', declared.body.payload as Extract<EventBody, { kind: 'declared' }>['payload'], declared.at)).value.event.incidentId;
  const ids = [store.log.page(incidentId, 0, 1).events[0]?.id ?? ''];
  const stored = (fixtureId: string) => ids[Number.parseInt(fixtureId.slice(-12), 16) - 1] ?? '';
  store.write((tx) => {
    for (const e of rest) {
      const body = e.body.kind === 'amend' || e.body.kind === 'redact' ? ({ ...e.body, payload: { ...e.body.payload, targetEventId: stored(e.body.payload.targetEventId) } } as EventBody) : e.body;
      ids.push(tx.append({ incidentId, actor: e.actor ?? 'Ana Lima', occurredAt: e.at, body }).event.id);
    }
  });
  return incidentId;
}

const options = { template: 'cordon', timeline: 'all' } as const;

describe('one laptop', () => {
  let s: ReturnType<typeof newStore>;
  beforeEach(() => {
    s = newStore();
  });
  afterEach(() => s.cleanup());
  const withStore = <T>(fn: (store: Store) => T): T => fn(s.store);

  it('writes in a worker the text the earlier reading gave, with either timeline', async () => {
    const incidentId = writeGenerated(s.store, 1_500);
    const before = loadPostmortemSource(s.store, incidentId);
    for (const variant of [options, { template: 'root-cause', timeline: 'key' } as const]) {
      const progress: [number, number][] = [];
      const inWorker = await writeDraft({ withStore, incidentId, options: variant, workerFrom: 0, onProgress: (read, total) => progress.push([read, total]) });
      // The worker read it (only the worker reports progress), to the last event.
      expect(progress.at(-1)).toEqual([1_501, 1_501]);
      const here = await writeDraft({ withStore, incidentId, options: variant, workerFrom: Number.POSITIVE_INFINITY });
      expect(inWorker).toBe(draftPostmortem(before, variant));
      expect(here).toBe(inWorker);
    }
  });

  it('still drafts when the worker cannot start (on the store’s own thread)', async () => {
    const incidentId = writeGenerated(s.store, 50);
    const progress: number[] = [];
    const text = await writeDraft({ withStore, incidentId, options, workerFrom: 0, script: `${s.dir}/no-such-worker.cjs`, onProgress: (read) => progress.push(read) });
    expect(progress).toEqual([]);
    expect(text).toBe(draftPostmortem(loadPostmortemSource(s.store, incidentId), options));
  });

  it('says the store was locked when it closed while the worker read', async () => {
    const incidentId = writeGenerated(s.store, 50);
    const drafting = writeDraft({ withStore, incidentId, options, workerFrom: 0 });
    s.store.close();
    await expect(drafting).rejects.toSatisfy((e) => e instanceof CordonError && e.code === 'locked');
  });
});

describe('two laptops', () => {
  const L = laptopsForEachTest('cordon-pmdraft-laptops-', Date.parse('2026-03-01T09:00:00Z'));

  it('drafts from every admitted laptop’s events, and leaves out a refused one', async () => {
    const { a, b, incidentId } = L.two();
    exchange(a, b, incidentId);
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'note', payload: { text: 'Ben saw `payments-db` fail over', key: true } } });
    appendEvent(b.store, { incidentId, actor: 'Ben', body: { kind: 'action_item_created', payload: { actionItemId: 'ai-1', title: 'Page the DBA sooner' } } });
    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'note', payload: { text: 'Ana rolled back' } } });
    exchange(b, a, incidentId);
    const withA = <T>(fn: (store: Store) => T): T => fn(a.store);

    for (const workerFrom of [0, Number.POSITIVE_INFINITY]) {
      const read: number[] = [];
      const text = await writeDraft({ withStore: withA, incidentId, options, workerFrom, onProgress: (n) => read.push(n) });
      expect(read.at(-1)).toBe(workerFrom === 0 ? 4 : undefined);
      expect(text).toContain('Ben saw `payments-db` fail over');
      expect(text).toContain('Ana rolled back');
      expect(text).toContain('Page the DBA sooner');
      // Systems named in Ben's notes, and Ben among the responders.
      expect(text).toMatch(/\| `payments-db` \|/);
      expect(text).toMatch(/\| Ben \|/);
    }

    expect(() => a.ledger.ingest(incidentId, b.device.id, [{ hello: 'world' }])).toThrow(SyncRefusal);
    const refused = await writeDraft({ withStore: withA, incidentId, options, workerFrom: 0 });
    expect(refused).not.toContain('Ben saw');
    expect(refused).toContain('Ana rolled back');
  });
});
