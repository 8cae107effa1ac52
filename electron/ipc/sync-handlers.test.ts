import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/ipc/sync-contract';
import { eventually } from '../sync/testing/peers';
import { createTestApp } from './testing/test-app';

async function laptop(name: string) {
  const app = createTestApp();
  await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
  await app.value('settingsUpdate', { displayName: name });
  return app;
}

describe('sync through the contract', () => {
  it('invite, compare fingerprints, admit; notes both ways; joined/admitted/removed on the timeline', async () => {
    const ana = await laptop('Ana');
    const ben = await laptop('Ben');
    const { id: incidentId } = await ana.value<{ id: string }>('incidentDeclare', { title: 'Checkout API returning 500s' });
    expect((await ana.value<SyncStatus>('syncStatus')).on).toBe(false);
    const { code } = await ana.value<{ code: string }>('syncInvite', { incidentId });
    const joined = await ben.value<SyncStatus>('syncJoin', { code });
    expect(joined.join.state).toBe('waiting');
    await eventually('Ana sees the request', () => ana.services.sync.status().pending.length === 1);
    const [request] = ana.services.sync.status().pending;
    expect(request?.fingerprint).toBe(joined.join.fingerprint);
    expect(request?.name).toBe('Ben');
    await ana.value('syncAdmit', { joinId: request?.joinId });
    await eventually('Ben is admitted and has the incident', () => ben.services.sync.status().join.state === 'admitted');
    await eventually('the incident reaches Ben', () => ben.services.sync.timeline({ incidentId }).entries.length >= 2);
    expect((await ben.value<{ incident: { title: string } }>('incidentGet', { incidentId })).incident.title).toBe('Checkout API returning 500s');
    // What Ben's Join card shows: the incident is here (Open the incident), from Ana, over a live link.
    await eventually('Ben’s status says the incident is here', () => ben.services.sync.status().join.arrival?.ready === true);
    expect(ben.services.sync.status().join.arrival).toMatchObject({ from: 'Ana', linkDown: false });
    expect(ben.services.sync.status().join.arrival?.received).toBeGreaterThanOrEqual(2);
    expect(ana.services.sync.status().join.arrival).toBeNull();

    const note = await ben.value<{ id: string }>('noteAdd', { incidentId, text: 'Rolled back 4.2.1' });
    await eventually('Ben’s note reaches Ana', () => ana.services.sync.timeline({ incidentId }).entries.some((e) => e.id === note.id));
    const timeline = await ana.value<{ entries: { kind: string; deviceName: string; actor: string }[] }>('syncTimeline', { incidentId });
    expect(timeline.entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['declared', 'device_admitted', 'device_joined', 'note']));
    expect(timeline.entries.find((e) => e.kind === 'note')).toMatchObject({ deviceName: 'Ben', actor: 'Ben' });
    // The war room's own timeline: Ben's note among Ana's events, marked, and pushed to Ana's windows.
    expect(ana.pushed).toContainEqual({ topic: 'incident.changed', incidentId, eventId: note.id, kind: 'note' });
    const window = await ana.value<{ rows: { id: string; kind: string; origin?: { deviceName: string } }[] }>('timelineWindow', {
      incidentId,
      filter: {},
      anchor: { from: 'start' },
      limit: 50,
    });
    expect(window.rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['declared', 'device_admitted', 'device_joined', 'note']));
    expect(window.rows.find((r) => r.id === note.id)?.origin?.deviceName).toBe('Ben');
    expect(window.rows.filter((r) => r.origin === undefined).map((r) => r.kind)).toEqual(['declared', 'device_admitted']);

    const members = await ana.value<{ members: { name: string; chainOk: boolean; deviceId: string }[] }>('syncIncident', { incidentId });
    expect(members.members.map((m) => [m.name, m.chainOk])).toEqual([['Ana', true], ['Ben', true]]);
    const benId = members.members.find((m) => m.name === 'Ben')!.deviceId;
    await ana.value('syncRemove', { incidentId, deviceId: benId });
    expect((await ana.value<{ entries: { kind: string }[] }>('syncTimeline', { incidentId })).entries.at(-1)?.kind).toBe('device_removed');
  });

  it('after a stop, a restart on either laptop reconnects (same port, re-dial) and they catch up', async () => {
    const ana = await laptop('Ana');
    const ben = await laptop('Ben');
    const { id: incidentId } = await ana.value<{ id: string }>('incidentDeclare', { title: 'Outage' });
    const { code } = await ana.value<{ code: string }>('syncInvite', { incidentId });
    await ben.value('syncJoin', { code });
    await eventually('request', () => ana.services.sync.status().pending.length === 1);
    await ana.value('syncAdmit', { joinId: ana.services.sync.status().pending[0]?.joinId });
    await eventually('Ben has the incident', () => ben.services.sync.timeline({ incidentId }).entries.length >= 2);
    const address = ana.services.sync.status().address;

    await ben.value('syncStop');
    const whileBenWasOff = await ana.value<{ id: string }>('noteAdd', { incidentId, text: 'while Ben was off' });
    await ben.value('syncStart');
    await eventually('Ben catches up after restarting', () => ben.services.sync.timeline({ incidentId }).entries.some((e) => e.id === whileBenWasOff.id));

    await ana.value('syncStop');
    expect(ana.services.sync.status().address).toBeNull();
    await eventually('Ben’s status says the link to Ana is down', () => ben.services.sync.status().join.arrival?.linkDown === true);
    await ana.value('syncStart');
    expect(ana.services.sync.status().address).toBe(address);
    const afterAnaRestarted = await ana.value<{ id: string }>('noteAdd', { incidentId, text: 'after Ana restarted' });
    await eventually('Ben re-dials Ana', () => ben.services.sync.timeline({ incidentId }).entries.some((e) => e.id === afterAnaRestarted.id), 20_000);
    expect(ben.services.sync.status().join.arrival?.linkDown).toBe(false);
  });

  it('refuses bad input at every sync method, writing nothing', async () => {
    const ana = await laptop('Ana');
    const { id: incidentId } = await ana.value<{ id: string }>('incidentDeclare', { title: 'Outage' });
    const bad = async (method: string, input: unknown) => {
      const result = await ana.call(method, input);
      expect(result.ok, method).toBe(false);
      return result.ok ? null : result.error;
    };
    expect(await bad('syncJoin', { code: 'not a code' })).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/invite/) });
    expect(await bad('syncJoin', { code: 'x'.repeat(5000) })).toMatchObject({ code: 'bad_input' });
    expect(await bad('syncInvite', { incidentId: '../../etc' })).toMatchObject({ code: 'bad_input' });
    expect(await bad('syncInvite', { incidentId, minutes: 100_000 })).toMatchObject({ code: 'bad_input' });
    expect(await bad('syncAdmit', { joinId: '0123456789abcdef' })).toMatchObject({ code: 'not_found' });
    expect(await bad('syncRemove', { incidentId, deviceId: 'zz' })).toMatchObject({ code: 'bad_input' });
    const garbage = await ana.upload('sync_exchange', 'x.cordonsync', Buffer.from('CORDONSYNC1\n{"incidentKey":"00"}\nxxxx'));
    expect(await bad('syncImport', { uploadId: garbage })).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/not a Cordon/) });
    expect((await ana.value<{ incident: { eventCount: number } }>('incidentGet', { incidentId })).incident.eventCount).toBe(1);
    expect(await ana.value('syncIncident', { incidentId })).toEqual({ shared: false, commandedHere: false, members: [] });
  });

  it('exports an encrypted file another member imports', async () => {
    const ana = await laptop('Ana');
    const ben = await laptop('Ben');
    const { id: incidentId } = await ana.value<{ id: string }>('incidentDeclare', { title: 'Outage in room A' });
    const { code } = await ana.value<{ code: string }>('syncInvite', { incidentId });
    await ben.value('syncJoin', { code });
    await eventually('request', () => ana.services.sync.status().pending.length === 1);
    await ana.value('syncAdmit', { joinId: ana.services.sync.status().pending[0]?.joinId });
    await eventually('Ben has the incident', () => ben.services.sync.timeline({ incidentId }).entries.length >= 2);
    await ana.value('syncStop');
    await ben.value('syncStop');
    await ana.value('noteAdd', { incidentId, text: 'Written while apart' });
    expect(await ana.value('syncExport', { incidentId })).toMatchObject({ kind: 'saved' });
    const [file] = readdirSync(ana.exportsDir);
    const bytes = readFileSync(join(ana.exportsDir, file!));
    expect(bytes.includes(Buffer.from('Written while apart'))).toBe(false);
    const uploadId = await ben.upload('sync_exchange', file!, bytes);
    const result = await ben.value<{ added: number; refused: string[] }>('syncImport', { uploadId });
    expect(result.refused).toEqual([]);
    expect(result.added).toBeGreaterThan(0);
    expect(ben.services.sync.timeline({ incidentId }).entries.some((e) => e.payload.text === 'Written while apart')).toBe(true);
  });
});
