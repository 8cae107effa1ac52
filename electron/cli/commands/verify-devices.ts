import type { CliIo } from '../command';
import type { OpenStore } from '../../store/store';

/**
 * The device chains of shared incidents (electron/sync/README.md): one line per device. A chain
 * this laptop accepted that no longer verifies is damage; a device refused when it synced is
 * reported as refused (it was never taken in). Returns how many accepted chains are broken.
 */
export function reportDeviceChains(store: OpenStore, io: CliIo): number {
  const hasTables = store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'device_events'").pluck().get() !== undefined;
  if (!hasTables) return 0;
  // The CLI opens a store as found, unmigrated: the device tables exist only from schema 8 on.
  const { devices, sync: ledger } = store;
  let broken = 0;
  for (const incidentId of devices.sharedIncidentIds()) {
    const refused = new Set(devices.members(incidentId).filter((m) => m.status === 'refused').map((m) => m.deviceId));
    for (const v of ledger.verify(incidentId)) {
      const device = `${v.deviceId.slice(0, 16)} ${JSON.stringify(v.deviceName)}`;
      if (refused.has(v.deviceId)) io.stdout(`REFUSED ${incidentId}  device ${device}: ${v.problem ?? 'refused'} (nothing it sent was taken in)\n`);
      else if (v.ok) io.stdout(`OK      ${incidentId}  device ${device}  ${v.length} events\n`);
      else {
        broken += 1;
        io.stdout(`BROKEN  ${incidentId}  device ${device}: ${v.problem ?? 'does not verify'}\n`);
      }
    }
  }
  return broken;
}
