import { prepareRead, type ReadableDB } from './database';
import { hasDeviceTables } from './device-rows';
import { deviceSeqBase } from './migrations/009-device-timeline';

/** An event found by id in either table: this laptop's log or another laptop's (device_events). */
export interface FoundEvent {
  /** Its timeline and search key: events.seq, or device_events.seq + deviceSeqBase (below zero). */
  key: number;
  id: string;
  incidentId: string;
  kind: string;
  payload: string;
  /** The laptop that wrote it; null for this laptop's own log. */
  deviceId: string | null;
  /** Written by a device refused for this incident: it is on no timeline. */
  refused: boolean;
}

const refusedDevice = (alias: string) =>
  `EXISTS (SELECT 1 FROM incident_devices m WHERE m.incident_id = ${alias}.incident_id AND m.device_id = ${alias}.device_id AND m.status = 'refused')`;

/**
 * Where a correction's target is, whichever laptop wrote it (amend, redact and key flags point
 * at events by id, and on a shared incident that id may be in either table). Prepared on first
 * use: a store without the sync tables (migrated part of the way, the CLI) finds only its own.
 */
export class EventTargets {
  private prepared: ReturnType<EventTargets['prepare']> | null = null;

  constructor(private readonly db: ReadableDB) {}

  private get s() {
    return (this.prepared ??= this.prepare());
  }

  private prepare() {
    const devices = hasDeviceTables(this.db);
    const local = `SELECT seq AS key, id, incident_id AS incidentId, kind, payload, NULL AS deviceId, 0 AS refused FROM events WHERE id = @id`;
    const other = `SELECT d.seq + ${deviceSeqBase} AS key, d.id, d.incident_id AS incidentId, d.kind, d.payload, d.device_id AS deviceId, ${refusedDevice('d')} AS refused
      FROM device_events d WHERE d.id = @id`;
    const localRedact = `SELECT 1 FROM events WHERE target_id = @id AND kind = 'redact'`;
    const otherRedact = `SELECT 1 FROM device_events d WHERE d.target_id = @id AND d.kind = 'redact' AND NOT ${refusedDevice('d')}`;
    const localCorrected = `SELECT target_id FROM events WHERE target_id IN (SELECT value FROM json_each(@ids))`;
    const otherCorrected = `SELECT target_id FROM device_events WHERE target_id IN (SELECT value FROM json_each(@ids))`;
    return {
      corrected: prepareRead<[{ ids: string }], string>(this.db, devices ? `${localCorrected} UNION ${otherCorrected}` : localCorrected).pluck(),
      find: prepareRead<[{ id: string }], Omit<FoundEvent, 'refused'> & { refused: number }>(this.db, devices ? `${local} UNION ALL ${other} LIMIT 1` : local),
      redacted: prepareRead<[{ id: string }], number>(this.db, devices ? `${localRedact} UNION ALL ${otherRedact} LIMIT 1` : localRedact).pluck(),
    };
  }

  find(id: string): FoundEvent | null {
    const row = this.s.find.get({ id });
    return row ? { ...row, refused: row.refused === 1 } : null;
  }

  /** Which of these events some correction (from any laptop) points at. */
  corrected(ids: readonly string[]): Set<string> {
    return new Set(ids.length === 0 ? [] : this.s.corrected.all({ ids: JSON.stringify(ids) }));
  }

  /** Whether a redaction from this laptop or an accepted one points at the event. */
  isRedacted(id: string): boolean {
    return this.s.redacted.get({ id }) === 1;
  }
}
