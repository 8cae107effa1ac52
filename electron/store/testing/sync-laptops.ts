// Laptops sharing an incident for sync tests and benches: no test runner needed here (the sync bench
// imports this through peer-kit.ts); the per-test helpers with vitest hooks are in sync-stores.ts.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { MemberEntry } from '../../../shared/sync/device-record';
import type { DeviceRepo, LocalDevice } from '../device-repo';
import { newDeviceKeyPair } from '../device-signing';
import type { SyncLedger } from '../ingest';
import type { Migration } from '../migrations/migration';
import { openStore, type Store } from '../store';

export interface SyncStore {
  store: Store;
  file: string;
  key: Buffer;
  devices: DeviceRepo;
  ledger: SyncLedger;
  device: LocalDevice;
  close(): void;
}

/** An encrypted store in `dir` with its own device, for sync tests. */
let opened = 0;

export function openSyncStore(dir: string, name: string, now: () => number = Date.now, options: { migrations?: readonly Migration[] } = {}): SyncStore {
  opened += 1;
  const file = join(dir, `${name}-${opened}.db`);
  const key = randomBytes(32);
  const store = openStore(file, key, { create: true, now, ...options });
  const device = store.devices.ensureLocalDevice(name, newDeviceKeyPair);
  return { store, file, key, devices: store.devices, ledger: store.sync, device, close: () => store.close() };
}

/**
 * Ana (commander) declares an incident and shares it with Ben, admitted: both stores know the
 * incident, its keys and its members, as after an invite. The stores are made by `open`.
 */
export function twoSharedLaptops(open: (name: string) => SyncStore) {
  const a = open('Ana');
  const b = open('Ben');
  const incidentId = a.store.write((tx) => tx.declare('Ana', { title: 'Checkout errors', kind: 'real', severity: 'SEV2' })).value.event.incidentId;
  const shared = { incidentId, membersKey: randomBytes(32).toString('hex'), commander: a.device.id, blockKey: randomBytes(32) };
  const members: MemberEntry[] = [
    { type: 'genesis', incidentId, commander: a.device.id, name: 'Ana' },
    { type: 'admit', device: b.device.id, name: 'Ben' },
  ];
  for (const s of [a, b]) {
    s.devices.share(shared, 'Ana');
    s.devices.applyMembers(incidentId, members);
  }
  return { a, b, incidentId, members };
}

/** As twoSharedLaptops, with Cleo admitted too: all three stores know every member. */
export function threeSharedLaptops(open: (name: string) => SyncStore) {
  const { a, b, incidentId, members: two } = twoSharedLaptops(open);
  const c = open('Cleo');
  const members: MemberEntry[] = [...two, { type: 'admit', device: c.device.id, name: 'Cleo' }];
  const shared = a.devices.shared(incidentId);
  if (!shared) throw new Error('the incident is not shared');
  c.devices.share(shared, 'Ana');
  for (const s of [a, b, c]) s.devices.applyMembers(incidentId, members);
  return { a, b, c, incidentId, members };
}

/** What `from` holds of its own log, taken in by `to`: one direction of a sync. */
export const exchange = (from: SyncStore, to: SyncStore, incidentId: string) => to.ledger.ingest(incidentId, from.device.id, from.ledger.publish(incidentId, from.device));

/** A note written on `s`, happened at `at`. */
export const noteAt = (s: SyncStore, incidentId: string, text: string, at: number) =>
  s.store.write((tx) => tx.append({ incidentId, actor: s.device.name, body: { kind: 'note', payload: { text } }, occurredAt: new Date(at).toISOString() })).value.event.id;
