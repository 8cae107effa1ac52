import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../../shared/sync/device-record';
import { openExchange, sealExchange } from './offline-file';
import { eventually, peersForEachTest, shareWith } from './testing/peers';

const { start, dir } = peersForEachTest('cordon-sync-file-');

/** Three laptops that met once, then went to separate rooms; Ben wrote while apart. */
async function apart() {
  const [ana, ben, cleo] = [await start('Ana'), await start('Ben'), await start('Cleo')];
  const incidentId = await shareWith(ana, [ben, cleo]);
  await eventually('everyone knows every member', () => [ana, ben, cleo].every((p) => p.devices.members(incidentId).length === 3));
  for (const p of [ana, ben, cleo]) p.peer.disconnectAll();
  const notes = [await ben.note(incidentId, 'Room B: rolled back deploy'), await ben.note(incidentId, 'Room B: errors stopped')];
  return { ana, ben, cleo, incidentId, notes };
}

describe('offline exchange file', () => {
  it('carries one laptop’s view to another with no network, verified like live sync', async () => {
    const { ben, cleo, incidentId, notes } = await apart();
    const file = join(dir(), 'incident.cordonsync');
    writeFileSync(file, await ben.peer.exportIncident(incidentId), { mode: 0o600 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).includes(Buffer.from('Room B'))).toBe(false);
    const result = cleo.peer.importIncident(readFileSync(file));
    expect(result).toEqual({ incidentId, added: 2, refused: [] });
    expect(cleo.ids(incidentId)).toEqual(expect.arrayContaining(notes));
    expect(cleo.ids(incidentId)).toEqual(ben.ids(incidentId));
    expect(cleo.ledger.verify(incidentId).every((v) => v.ok)).toBe(true);
    // Importing the same file again changes nothing.
    expect(cleo.peer.importIncident(readFileSync(file)).added).toBe(0);
  });

  it('refuses a damaged file, a file that is not an exchange, and one for an incident not joined, writing nothing', async () => {
    const { ben, cleo, incidentId } = await apart();
    const outsider = await start('Dana');
    const sealed = await ben.peer.exportIncident(incidentId);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 40] = (flipped[flipped.length - 40] ?? 0) ^ 1;
    const before = cleo.ids(incidentId);
    expect(() => cleo.peer.importIncident(flipped)).toThrow(/changed or damaged/);
    expect(() => cleo.peer.importIncident(Buffer.from('# just a markdown file\n'))).toThrow(/not a Cordon incident exchange file/);
    expect(() => cleo.peer.importIncident(Buffer.alloc(0))).toThrow(/not a Cordon/);
    expect(() => outsider.peer.importIncident(sealed)).toThrow(/has not joined/);
    expect(cleo.ids(incidentId)).toEqual(before);
    expect(outsider.store.log.counts().incidents).toBe(0);
  });

  it('names and refuses a device whose records in the file were tampered with, and takes in the rest', async () => {
    const { ana, ben, cleo, incidentId, notes } = await apart();
    const shared = ben.devices.shared(incidentId)!;
    const body = openExchange(await ben.peer.exportIncident(incidentId), shared.blockKey);
    const benRecords = body.devices[ben.device.id] as DeviceRecord[];
    body.devices[ben.device.id] = benRecords.map((r) => (r.id === notes[1] ? { ...r, payload: { text: 'Room B: all fine, nothing happened' } } : r));
    const result = ana.peer.importIncident(sealExchange(body, shared.membersKey, shared.blockKey));
    expect(result.refused.map((r) => r.deviceName)).toEqual(['Ben']);
    expect(result.refused[0]?.message).toMatch(/"Ben".*does not match its hash/);
    expect(ana.ids(incidentId)).not.toContain(notes[0]);
    expect(cleo.devices.member(incidentId, ben.device.id)?.status).toBe('admitted');
  });
});
