import type Database from 'better-sqlite3-multiple-ciphers';
import type { LoggedEvent } from '../../shared/events/event';
import { collectCorrections, effectiveEvent } from '../../shared/events/fold';
import type { EventView } from '../../shared/ipc/store-schemas';
import type { Db } from './database';
import { deviceEventAsRow, hasDeviceTables } from './device-rows';
import { eventColumns, rowToEvent, type EventRow } from './event-rows';

/**
 * Events as the timeline shows them: their latest amend applied, redacted content gone, the
 * amend history named. Reads only the corrections that point at the given events.
 */
export class EventViews {
  private readonly correctionsOf;
  /** Corrections other laptops wrote; null on a store without the sync tables. */
  private deviceCorrections: Database.Statement<[string], EventRow> | null | undefined;

  constructor(private readonly db: Db) {
    this.correctionsOf = db.prepare<[string], EventRow>(
      `SELECT ${eventColumns} FROM events WHERE target_id IN (SELECT value FROM json_each(?)) ORDER BY seq`,
    );
  }

  private corrections(ids: string): EventRow[] {
    const local = this.correctionsOf.all(ids);
    if (this.deviceCorrections === undefined) {
      this.deviceCorrections = hasDeviceTables(this.db)
        ? this.db.prepare<[string], EventRow>(
            `SELECT ${deviceEventAsRow('d')} FROM device_events d WHERE d.target_id IN (SELECT value FROM json_each(?))
               AND NOT EXISTS (SELECT 1 FROM incident_devices m WHERE m.incident_id = d.incident_id AND m.device_id = d.device_id AND m.status = 'refused')`,
          )
        : null;
    }
    const others = this.deviceCorrections?.all(ids) ?? [];
    if (others.length === 0) return local;
    // Laptops' corrections interleave by when they were written; the latest amend wins.
    return [...local, ...others].sort((a, b) => (a.recorded_at < b.recorded_at ? -1 : a.recorded_at > b.recorded_at ? 1 : a.seq - b.seq));
  }

  views(events: readonly LoggedEvent[], isKey: (event: LoggedEvent) => boolean): EventView[] {
    return this.withCorrections(events, isKey).views;
  }

  /** The views, and the amend and redact events that point at them (for history and redaction reasons). */
  withCorrections(events: readonly LoggedEvent[], isKey: (event: LoggedEvent) => boolean): { views: EventView[]; corrections: EventView[] } {
    if (events.length === 0) return { views: [], corrections: [] };
    // A correction counts only within its own incident, whatever another laptop claims.
    const incidentOf = new Map(events.map((e) => [e.id, e.incidentId]));
    const found = this.corrections(JSON.stringify(events.map((e) => e.id)))
      .map(rowToEvent)
      .filter((c) => (c.kind === 'amend' || c.kind === 'redact') && incidentOf.get(c.payload.targetEventId) === c.incidentId);
    const corrections = collectCorrections(found);
    const views = events.map((event): EventView => {
      const effective = effectiveEvent(event, corrections);
      const redactedBy = corrections.redactedBy.get(event.id) ?? null;
      return {
        ...event,
        effectiveOccurredAt: effective.occurredAt,
        effectivePayload: redactedBy ? null : (effective.payload as Record<string, unknown>),
        amendedBy: corrections.amendedBy.get(event.id) ?? [],
        redactedBy,
        key: isKey(event),
      } as EventView;
    });
    // Corrections are never themselves corrected (the log refuses it), so they show as written.
    const shown = found.map((c) => ({ ...c, effectiveOccurredAt: c.occurredAt, effectivePayload: c.payload, amendedBy: [], redactedBy: null, key: false }) as EventView);
    return { views, corrections: shown };
  }
}
