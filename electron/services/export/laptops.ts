import { createPublicKey, verify } from 'node:crypto';
import { z } from 'zod';
import { genesisHash } from '../../../shared/events/canonical';
import type { TimelineRow } from '../../../shared/ipc/store-schemas';
import { recordHashInput, recordVersion, type DeviceRecord } from '../../../shared/sync/device-record';
import { sha256Hex } from '../../store/hash';
import type { Store } from '../../store/store';

// A shared incident in the evidence bundle: every admitted laptop's events, not only this
// laptop's chain (events.json).
//   devices.json   each other laptop's log as it signed it: device id (its ed25519 public key),
//                  name, status, and every record (seq, prevHash, hash, sig). A redacted
//                  record keeps its envelope, hashes and signature but not its payload.
//   timeline.json  every event of every laptop in the one timeline order (effective time, as
//                  the war room shows it), each naming its laptop, amends applied, redacted
//                  content left out.
// verify-bundle checks each log as ingest did: positions, links, hashes where the payload is
// there, and every signature against the device's key (a signature covers the hash, so a
// redacted record's is still checked); and that timeline.json lists exactly the events of the
// chains, no more, no fewer.

export const devicesFile = 'devices.json';
export const timelineFile = 'timeline.json';

export interface BundleLaptop {
  device: string;
  name: string;
  status: 'admitted' | 'removed';
  records: readonly (Omit<DeviceRecord, 'payload'> & { payload: Record<string, unknown> | null; redacted?: true })[];
}

export interface BundleLaptops {
  laptops: readonly BundleLaptop[];
  timeline: readonly TimelineRow[];
}

/** Other laptops' logs and the one timeline of a shared incident; null when it is not shared. */
export function laptopsOf(store: Store, incidentId: string): BundleLaptops | null {
  if (!store.isShared(incidentId)) return null;
  const local = store.devices.localDevice();
  const total = store.timeline.window(incidentId, {}, { from: 'start' }, 1).total;
  const timeline = total === 0 ? [] : store.timeline.window(incidentId, {}, { from: 'start' }, total).rows;
  const redacted = new Set(timeline.filter((e) => e.redactedBy !== null).map((e) => e.id));
  const laptops: BundleLaptop[] = [];
  for (const member of store.devices.members(incidentId)) {
    if (member.deviceId === local?.id || member.status === 'refused') continue;
    const records = store.sync.records(incidentId, member.deviceId).map((r) => (redacted.has(r.id) ? { ...r, payload: null, redacted: true as const } : r));
    laptops.push({ device: member.deviceId, name: member.name, status: member.status, records });
  }
  return { laptops, timeline };
}

export function devicesJson(incidentId: string, laptops: readonly BundleLaptop[]): string {
  return `${JSON.stringify({ incidentId, recordVersion, devices: laptops }, null, 2)}\n`;
}

export function timelineJson(incidentId: string, timeline: readonly TimelineRow[]): string {
  const rows = timeline.map((e) => ({
    laptop: e.origin ? e.origin.deviceName : 'this laptop',
    device: e.origin?.device ?? null,
    n: e.n,
    id: e.id,
    kind: e.kind,
    actor: e.actor,
    occurredAt: e.effectiveOccurredAt,
    recordedAt: e.recordedAt,
    payload: e.redactedBy === null ? e.effectivePayload : null,
    ...(e.redactedBy === null ? {} : { redacted: true }),
    ...(e.amendedBy.length > 0 ? { amendedBy: e.amendedBy } : {}),
    ...(e.origin?.late ? { late: true } : {}),
    ...(e.origin?.skewed ? { skewed: true } : {}),
  }));
  return `${JSON.stringify({ incidentId, order: 'occurredAt after amends, then arrival', events: rows }, null, 2)}\n`;
}

const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`));
const recordSchema = z.object({
  v: z.literal(recordVersion),
  id: z.string(),
  incidentId: z.string(),
  device: hex(64),
  seq: z.number().int(),
  actor: z.string(),
  kind: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  redacted: z.literal(true).optional(),
  parents: z.record(z.string(), z.number()),
  prevHash: hex(64),
  hash: hex(64),
  sig: hex(128),
});
const devicesFileSchema = z.object({
  incidentId: z.string(),
  recordVersion: z.literal(recordVersion),
  devices: z.array(z.object({ device: hex(64), name: z.string(), status: z.enum(['admitted', 'removed']), records: z.array(recordSchema) })),
});
const timelineFileSchema = z.object({ incidentId: z.string(), events: z.array(z.object({ id: z.string(), device: hex(64).nullable(), laptop: z.string() })) });

// An ed25519 public key as SubjectPublicKeyInfo: this fixed DER prefix, then the 32 raw bytes.
const ed25519Spki = Buffer.from('302a300506032b6570032100', 'hex');
const signedBy = (device: string, hash: string, sig: string) =>
  verify(null, Buffer.from(hash, 'hex'), createPublicKey({ key: Buffer.concat([ed25519Spki, Buffer.from(device, 'hex')]), format: 'der', type: 'spki' }), Buffer.from(sig, 'hex'));

/**
 * Checks devices.json and timeline.json when the bundle has them (a shared incident): one line
 * per laptop's log in `checked`, what fails in `problems`. `localIds` are events.json's events.
 */
export function checkLaptops(entries: Record<string, Uint8Array>, incidentId: string, localIds: readonly string[] | null, out: { checked: string[]; problems: string[] }): void {
  const devicesBytes = entries[devicesFile];
  const timelineBytes = entries[timelineFile];
  if (!devicesBytes && !timelineBytes) return;
  if (!devicesBytes || !timelineBytes) {
    out.problems.push(`${devicesBytes ? timelineFile : devicesFile} is missing: a shared incident's bundle holds both`);
    return;
  }
  let devices: z.infer<typeof devicesFileSchema>;
  let timeline: z.infer<typeof timelineFileSchema>;
  try {
    devices = devicesFileSchema.parse(JSON.parse(Buffer.from(devicesBytes).toString('utf8')));
    timeline = timelineFileSchema.parse(JSON.parse(Buffer.from(timelineBytes).toString('utf8')));
  } catch {
    out.problems.push(`${devicesFile} or ${timelineFile}: not the lists of events a Cordon bundle holds`);
    return;
  }
  if (devices.incidentId !== incidentId || timeline.incidentId !== incidentId) out.problems.push(`${devicesFile}/${timelineFile}: hold a different incident than the manifest names`);
  const ids = new Set(localIds ?? []);
  for (const laptop of devices.devices) {
    const where = (seq: number) => `${devicesFile}: ${laptop.name}’s laptop (${laptop.device.slice(0, 8)}), event ${seq}`;
    for (const r of laptop.records) ids.add(r.id);
    const problem = checkLog(laptop.device, incidentId, laptop.records, where);
    if (problem) {
      out.problems.push(problem);
      continue;
    }
    const redacted = laptop.records.filter((r) => r.payload === null).length;
    out.checked.push(
      `OK  log of ${laptop.name}’s laptop (${laptop.device.slice(0, 8)}): ${laptop.records.length} events, linked and signed by its key${redacted ? ` (${redacted} redacted: signature checked, content not shown)` : ''}`,
    );
  }
  const listed = new Set(timeline.events.map((e) => e.id));
  const missing = [...ids].filter((id) => !listed.has(id));
  const extra = [...listed].filter((id) => !ids.has(id));
  if (missing.length > 0 || extra.length > 0 || listed.size !== timeline.events.length) {
    out.problems.push(`${timelineFile}: does not list exactly the events of the chains (${missing.length} missing, ${extra.length} not in any chain)`);
  } else {
    out.checked.push(`OK  ${timelineFile}: the ${listed.size} events of ${devices.devices.length + 1} laptops, each once`);
  }
}

function checkLog(device: string, incidentId: string, records: z.infer<typeof recordSchema>[], where: (seq: number) => string): string | null {
  let prev = genesisHash;
  for (const [i, r] of records.entries()) {
    if (r.seq !== i + 1) return `${where(i + 1)}: is missing or out of order`;
    if (r.device !== device || r.incidentId !== incidentId) return `${where(r.seq)}: belongs to another laptop or incident`;
    if (r.prevHash !== prev) return `${where(r.seq)}: does not link to the event before it`;
    if (r.payload !== null) {
      const { redacted: _r, hash: _h, sig: _s, ...unsigned } = r;
      let input: string;
      try {
        input = recordHashInput({ ...unsigned, payload: r.payload } as Omit<DeviceRecord, 'hash' | 'sig'>);
      } catch {
        return `${where(r.seq)}: its payload cannot be encoded canonically`;
      }
      if (sha256Hex(Buffer.from(input, 'utf8')) !== r.hash) return `${where(r.seq)}: was changed after it was written (its hash does not match its content)`;
    }
    let signed = false;
    try {
      signed = signedBy(device, r.hash, r.sig);
    } catch {
      signed = false;
    }
    if (!signed) return `${where(r.seq)}: its signature is not that laptop’s`;
    prev = r.hash;
  }
  return null;
}
