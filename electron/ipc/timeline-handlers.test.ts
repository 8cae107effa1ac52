import { describe, expect, it } from 'vitest';
import type { TimelineMethodName } from '../../shared/ipc/timeline-contract';
import { createTestApp } from './testing/test-app';

const passphrase = 'a long enough passphrase';
const uuid = '0b6a1f5e-8a1c-4c1e-9b1a-1f2e3d4c5b6a';

/** Inputs the contract must refuse: missing or foreign ids, unknown fields, limits past their bounds, hostile text. */
const badInputs: Record<TimelineMethodName, unknown[]> = {
  timelineOpen: [{}, { incidentId: 'x' }, { incidentId: uuid, all: true }],
  timelineWindow: [
    { incidentId: uuid },
    { incidentId: uuid, anchor: { from: 'middle' } },
    { incidentId: uuid, anchor: { from: 'index', index: -1 } },
    { incidentId: uuid, anchor: { from: 'index', index: 1.5 } },
    { incidentId: uuid, anchor: { from: 'end' }, limit: 100_000 },
    { incidentId: uuid, anchor: { from: 'end' }, limit: 0 },
    { incidentId: uuid, anchor: { from: 'event', eventId: "1' OR 1=1 --" } },
    { incidentId: uuid, anchor: { from: 'time', at: 'yesterday' } },
    { incidentId: uuid, anchor: { from: 'end' }, filter: { kinds: ['not_a_kind'] } },
    { incidentId: uuid, anchor: { from: 'end' }, filter: { text: 'x'.repeat(501) } },
    { incidentId: uuid, anchor: { from: 'end' }, filter: { sql: '1=1' } },
    { incidentId: uuid, anchor: { from: 'end' }, filter: { actor: '' } },
  ],
  timelineLocate: [{ incidentId: uuid }, { incidentId: uuid, target: {} }, { incidentId: uuid, target: { eventId: uuid, at: 5 } }, { incidentId: uuid, target: { at: -1 } }],
  timelineBuckets: [{ incidentId: uuid }, { incidentId: uuid, now: 1, maxBuckets: 5_000 }, { incidentId: uuid, now: 10, from: 9, to: 3 }],
};

describe('timeline IPC methods', () => {
  it('refuse bad input with bad_input and a message naming the field', async () => {
    const { call, value } = createTestApp();
    await value('vaultCreate', { passphrase });
    for (const [method, inputs] of Object.entries(badInputs)) {
      for (const input of inputs) {
        const result = await call(method, input);
        expect(result, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'bad_input' } });
        if (!result.ok) expect(result.error.message).toMatch(new RegExp(`^Invalid input for ${method}: `));
      }
    }
  });

  it('open the war room with the state, the newest rows and their count; page and locate from there', async () => {
    const { call, value } = createTestApp();
    await value('vaultCreate', { passphrase });
    const incident = await value('incidentDeclare', { title: 'Checkout errors' });
    const notes: string[] = [];
    for (let i = 0; i < 250; i++) notes.push((await value('noteAdd', { incidentId: incident.id, text: `note ${i}` })).id);
    const open = await value('timelineOpen', { incidentId: incident.id });
    expect(open.incident.id).toBe(incident.id);
    expect(open.state).toMatchObject({ title: 'Checkout errors', eventCount: 251 });
    expect(open.window).toMatchObject({ offset: 51, total: 251, eventCount: 251 });
    expect(open.window.rows.at(-1).id).toBe(notes.at(-1));
    expect(open.digest.map((e: { kind: string }) => e.kind)).toEqual(['declared']);
    // A row carries what the screen shows, not the chain (the digest keeps whole events: comms and clocks read them).
    for (const row of open.window.rows) expect(Object.keys(row)).not.toEqual(expect.arrayContaining(['hash']));
    expect(Object.keys(open.window.rows[0])).toEqual(expect.not.arrayContaining(['hash', 'prevHash', 'incidentId']));
    expect(open.window.rows[0]).toMatchObject({ id: expect.any(String), n: expect.any(Number), effectivePayload: { text: expect.any(String) } });
    const earlier = await value('timelineWindow', { incidentId: incident.id, anchor: { from: 'before', eventId: open.window.rows[0].id }, limit: 100 });
    expect(earlier).toMatchObject({ offset: 0, total: 251 });
    expect(earlier.rows).toHaveLength(51);
    expect(earlier.rows.at(-1).id).toBe(notes[49]);
    const found = await value('timelineLocate', { incidentId: incident.id, filter: { text: 'note 7' }, target: { eventId: notes[7] } });
    expect(found).toMatchObject({ index: 0, row: { id: notes[7] } });
    // An unknown incident is a clear error, not an empty timeline.
    expect(await call('timelineWindow', { incidentId: uuid, anchor: { from: 'end' } })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'There is no such incident.' } });
  });

  it('a vault locked straight after the war room opens is left alone by the search warm-up that follows the open', async () => {
    const { value } = createTestApp();
    await value('vaultCreate', { passphrase });
    const incident = await value('incidentDeclare', { title: 'Checkout errors' });
    await value('noteAdd', { incidentId: incident.id, text: 'replica lag on db-2' });
    await value('timelineOpen', { incidentId: incident.id });
    await value('vaultLock', {});
    await new Promise((resolve) => setImmediate(resolve));
    await value('vaultUnlock', { passphrase });
    const found = await value('timelineWindow', { incidentId: incident.id, filter: { text: 'replica' }, anchor: { from: 'end' } });
    expect(found).toMatchObject({ total: 1 });
  });
});
