import type { EventOrigin } from '../../shared/events/read-models';
import { arrivalMarks } from '../../shared/sync/conflict-rules';
import type { Db } from './database';
import type { EventRow } from './event-rows';
import { deviceSeqBase } from './migrations/009-device-timeline';

// Other laptops' events (device_events) read as the timeline reads this laptop's: an EventRow
// whose seq is the event's timeline key (migration 009), and where it came from.

export interface DeviceEventRow extends EventRow {
  device_id: string;
  device_name: string;
  received_at: string;
}

/** device_events' columns as an EventRow (n is the device's own sequence). */
export const deviceEventAsRow = (d: string) =>
  `${d}.seq + ${deviceSeqBase} AS seq, ${d}.id, ${d}.incident_id, ${d}.device_seq AS n, ${d}.kind, ${d}.actor, ${d}.occurred_at, ${d}.recorded_at, ${d}.payload, ${d}.prev_hash, ${d}.hash`;

export const originOf = (row: DeviceEventRow): EventOrigin => ({ device: row.device_id, deviceName: row.device_name, ...arrivalMarks(row.recorded_at, row.received_at) });

/**
 * Whether this store has the sync tables (schema 8 on). Asked on first use: a store opened
 * unmigrated (the CLI) or migrated part of the way (tests) has none, and reads only its own log.
 */
export function hasDeviceTables(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'device_events'").pluck().get() !== undefined;
}
