import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { appendEvent } from '../../store/testing/fixtures';
import { exchange, laptopsForEachTest, noteAt, type SyncStore } from '../../store/testing/sync-stores';
import { createFolderSink } from '../files/file-sink';
import { createPostmortemService } from '../postmortem';
import { verifyBundle } from './bundle';
import { checkLaptops } from './laptops';

// The evidence bundle of an incident shared between laptops: every admitted laptop's events in
// the one timeline order, each log checked by verify-bundle as ingest checks it.

const t0 = Date.parse('2026-05-01T09:00:00.000Z');
const L = laptopsForEachTest('cordon-bundle-laptops-', t0);
const note = (s: SyncStore, incidentId: string, text: string, minute: number) => noteAt(s, incidentId, text, t0 + minute * 60_000);

let exports = 0;
async function bundleOf(s: SyncStore, incidentId: string) {
  const out = join(L.dir, `out-${s.device.name}-${(exports += 1)}`);
  mkdirSync(out);
  const service = createPostmortemService({
    withStore: (fn) => fn(s.store),
    // The PDF is not what this test reads; a stand-in printer keeps Chromium out of it.
    pdf: { render: () => Promise.resolve(strToU8('%PDF-1.7 stand-in')) },
    now: L.now,
    files: createFolderSink(out),
  });
  await service.exportBundle({ incidentId, actor: s.device.name });
  const [name] = readdirSync(out);
  return new Uint8Array(readFileSync(join(out, name ?? '')));
}

describe('the evidence bundle of a shared incident', () => {
  it('holds every laptop’s events in one timeline, each marked with its laptop, and verifies every log', async () => {
    const { a, b, incidentId } = L.two();
    exchange(a, b, incidentId);
    const secret = note(b, incidentId, 'Customer Jane Roe called', 1);
    note(a, incidentId, 'Ana at 2', 2);
    note(b, incidentId, 'Ben at 3', 3);
    exchange(b, a, incidentId);
    L.clock += 10 * 60_000;
    appendEvent(a.store, { incidentId, actor: 'Ana', body: { kind: 'redact', payload: { targetEventId: secret, reason: 'personal data' } } });

    const zip = await bundleOf(a, incidentId);
    const verdict = verifyBundle(zip);
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.checked).toContainEqual(expect.stringMatching(/^OK {2}log of Ben’s laptop \([0-9a-f]{8}\): 2 events, linked and signed by its key \(1 redacted/));
    expect(verdict.checked).toContainEqual('OK  timeline.json: the 5 events of 2 laptops, each once');

    const files = unzipSync(zip);
    const timeline = JSON.parse(strFromU8(files['timeline.json'] as Uint8Array)) as { events: { laptop: string; kind: string; payload: { text?: string } | null; redacted?: true }[] };
    expect(timeline.events.map((e) => [e.laptop, e.kind, e.redacted ? 'redacted' : (e.payload?.text ?? '')])).toEqual([
      ['this laptop', 'declared', ''],
      ['Ben', 'note', 'redacted'],
      ['this laptop', 'note', 'Ana at 2'],
      ['Ben', 'note', 'Ben at 3'],
      ['this laptop', 'redact', ''],
    ]);
    // The redacted words are in no file of the bundle.
    for (const [path, bytes] of Object.entries(files)) if (!path.endsWith('.pdf')) expect(strFromU8(bytes)).not.toContain('Jane Roe');

    // A record of Ben's changed, or one left out, is named.
    const devices = JSON.parse(strFromU8(files['devices.json'] as Uint8Array)) as { devices: { records: { seq: number; actor: string }[] }[] };
    const edited = structuredClone(devices);
    const record = edited.devices[0]?.records[1];
    if (record) record.actor = 'Mallory';
    const tampered = verifyBundle(zipSync({ ...files, 'devices.json': strToU8(JSON.stringify(edited)) }));
    expect(tampered.ok).toBe(false);
    expect(tampered.problems).toContainEqual('devices.json: its SHA-256 and size do not match the manifest (the file was changed)');
    expect(tampered.problems).toContainEqual(expect.stringMatching(/^devices\.json: Ben’s laptop \([0-9a-f]{8}\), event 2: was changed after it was written/));
  });

  it('the checks of the logs themselves name a changed, unsigned or missing record', async () => {
    const { a, b, incidentId } = L.two();
    exchange(a, b, incidentId);
    note(b, incidentId, 'Ben at 1', 1);
    note(b, incidentId, 'Ben at 2', 2);
    exchange(b, a, incidentId);
    const files = unzipSync(await bundleOf(a, incidentId));
    const localIds = (JSON.parse(strFromU8(files['events.json'] as Uint8Array)) as { events: { id: string }[] }).events.map((e) => e.id);
    const check = (devicesJson: unknown) => {
      const out = { checked: [] as string[], problems: [] as string[] };
      checkLaptops({ ...files, 'devices.json': strToU8(JSON.stringify(devicesJson)) }, incidentId, localIds, out);
      return out.problems;
    };
    const original = JSON.parse(strFromU8(files['devices.json'] as Uint8Array)) as { devices: { records: Record<string, unknown>[] }[] };
    expect(check(original)).toEqual([]);
    const changed = structuredClone(original);
    (changed.devices[0]?.records[0] as { payload: { text: string } }).payload.text = 'Ben said nothing';
    expect(check(changed)).toEqual([expect.stringMatching(/Ben’s laptop .*event 1: was changed after it was written/)]);
    const unsigned = structuredClone(original);
    const first = unsigned.devices[0]?.records[0] as { sig: string };
    first.sig = `${first.sig.slice(0, -2)}${first.sig.endsWith('00') ? '01' : '00'}`;
    expect(check(unsigned)).toEqual([expect.stringMatching(/event 1: its signature is not that laptop’s/)]);
    const gap = structuredClone(original);
    gap.devices[0]?.records.splice(0, 1);
    expect(check(gap)[0]).toMatch(/event 1: is missing or out of order/);
  });
});
