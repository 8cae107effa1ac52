import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DeviceRepo, LocalDevice } from '../device-repo';
import { newDeviceKeyPair } from '../device-signing';
import type { SyncLedger } from '../ingest';
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

export function openSyncStore(dir: string, name: string, now: () => number = Date.now): SyncStore {
  opened += 1;
  const file = join(dir, `${name}-${opened}.db`);
  const key = randomBytes(32);
  const store = openStore(file, key, { create: true, now });
  const device = store.devices.ensureLocalDevice(name, newDeviceKeyPair);
  return { store, file, key, devices: store.devices, ledger: store.sync, device, close: () => store.close() };
}
