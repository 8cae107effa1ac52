import type Database from 'better-sqlite3-multiple-ciphers';
import type { LoggedEvent } from '../../shared/events/event';
import { collectCorrections, effectiveEvent } from '../../shared/events/fold';
import type { EventKind } from '../../shared/events/kinds';
import type { EventView } from '../../shared/ipc/store-schemas';
import { arrivalMarks, mergeOrder } from '../../shared/sync/conflict-rules';
import { prepareRead, type ReadableDB } from './database';
import { hasDeviceTables } from './device-rows';
import { eventColumns, rowToEvent, type EventRow } from './event-rows';
import { deviceSeqBase } from './migrations/009-device-timeline';

// An incident's whole record, read once: every admitted laptop's events (this laptop's from
// `events`, the others' from `device_events`) in one statement stepped through in timeline
// order, each as the war room shows it (amends applied, redactions marked, the key flag and
// the laptop it came from). A refused laptop's events are not in the timeline, so not here.
// The post-mortem is written from it (electron/services/postmortem.ts), on the store's
// connection or on a snapshot in a worker (postmortem-draft-worker.ts).

export interface IncidentRecord {
  /**
   * Log order: this laptop's chain order; for a shared incident, the merge order the fold
   * reads (shared/sync/conflict-rules.ts), so every laptop lists the same record the same way.
   */
  events: EventView[];
  /** Timeline order: effective time, then as the war room orders rows at the same millisecond. */
  timeline: EventView[];
}

export interface RecordReadOptions {
  /** Only events of these kinds (and the corrections of the incident, which say how they read). */
  kinds?: readonly EventKind[] | undefined;
  /** Called every `progressEvery` events and at the end: events read, and how many there are. */
  onProgress?: ((read: number, total: number) => void) | undefined;
  progressEvery?: number | undefined;
}

type RecordRow = EventRow & { key: number; device_id: string | null; device_name: string | null; received_at: string | null };
/** What a row keeps once it is an event: where it came from, for corrections' order and the origin. */
type RowOrigin = Pick<RecordRow, 'seq' | 'recorded_at' | 'device_id' | 'device_name' | 'received_at'>;

const corrections: readonly EventKind[] = ['amend', 'redact'];

export class IncidentRecordReader {
  private prepared: ReturnType<IncidentRecordReader['prepare']> | null = null;
  private readonly byKinds = new Map<string, Database.Statement<unknown[], RecordRow>>();

  constructor(private readonly db: ReadableDB) {}

  // Prepared on first use, so a store migrated only part of the way (tests, the CLI) still opens.
  private get s() {
    return (this.prepared ??= this.prepare());
  }

  private prepare() {
    const devices = hasDeviceTables(this.db);
    return {
      devices,
      rowid: prepareRead<[string], number>(this.db, 'SELECT rowid FROM incidents WHERE id = ?').pluck(),
      count: prepareRead<[number], number>(this.db, 'SELECT count(*) FROM timeline WHERE incident = ?').pluck(),
      countUpTo: prepareRead<[number, number], number>(this.db, 'SELECT count(*) FROM (SELECT 1 FROM timeline WHERE incident = ? LIMIT ?)').pluck(),
      shared: devices ? prepareRead<[string], number>(this.db, 'SELECT 1 FROM shared_incidents WHERE incident_id = ?').pluck() : null,
      localDevice: devices ? prepareRead<[], string>(this.db, 'SELECT id FROM devices WHERE secret_key IS NOT NULL').pluck() : null,
    };
  }

  /**
   * One statement over the timeline's index in its order, each row joined to the table that holds
   * it: this laptop's events by seq, other laptops' by their key below zero (migration 009).
   */
  private statement(kinds: readonly EventKind[] | undefined): Database.Statement<unknown[], RecordRow> {
    const cacheKey = kinds ? [...kinds].sort().join(',') : '';
    let statement = this.byKinds.get(cacheKey);
    if (statement) return statement;
    const local = eventColumns.split(', ').map((c) => `e.${c}`);
    const filter = kinds ? ` AND t.kind IN (${kinds.map(() => '?').join(', ')})` : '';
    // A few kinds: seeks on the kind index and a sort of what they find, not a walk of the whole timeline.
    const from = kinds ? 'timeline t INDEXED BY timeline_by_kind' : 'timeline t';
    const sql = this.s.devices
      ? `SELECT t.seq AS seq, ${local.slice(1).map((c, i) => `coalesce(${c}, ${deviceColumns[i]}) AS ${c.slice(2)}`).join(', ')},
                t.key AS key, d.device_id AS device_id, coalesce(v.name, '') AS device_name, d.received_at AS received_at
         FROM ${from}
         LEFT JOIN events e ON t.seq >= 0 AND e.seq = t.seq
         LEFT JOIN device_events d ON t.seq < 0 AND d.seq = t.seq - (${deviceSeqBase})
         LEFT JOIN devices v ON v.id = d.device_id
         WHERE t.incident = ?${filter} ORDER BY t.at, t.seq`
      : `SELECT ${local.join(', ')}, t.key AS key, NULL AS device_id, NULL AS device_name, NULL AS received_at
         FROM ${from} JOIN events e ON e.seq = t.seq WHERE t.incident = ?${filter} ORDER BY t.at, t.seq`;
    statement = prepareRead<unknown[], RecordRow>(this.db, sql);
    this.byKinds.set(cacheKey, statement);
    return statement;
  }

  /** How many events the incident's timeline holds, from every admitted laptop; counted no further than `upTo`. */
  count(incidentId: string, upTo?: number): number {
    const rowid = this.s.rowid.get(incidentId);
    if (rowid === undefined) return 0;
    return (upTo === undefined ? this.s.count.get(rowid) : this.s.countUpTo.get(rowid, upTo)) ?? 0;
  }

  read(incidentId: string, options: RecordReadOptions = {}): IncidentRecord {
    const rowid = this.s.rowid.get(incidentId);
    if (rowid === undefined) return { events: [], timeline: [] };
    const kinds = options.kinds ? [...new Set([...options.kinds, ...corrections])] : undefined;
    const total = options.onProgress ? (this.s.count.get(rowid) ?? 0) : 0;
    const every = options.progressEvery ?? 5_000;
    const raw: { event: LoggedEvent; key: boolean; row: RowOrigin }[] = [];
    // Stepped through, not copied into an array of rows first: one row at a time becomes an event.
    for (const row of this.statement(kinds).iterate(rowid, ...(kinds ?? []))) {
      const { seq, recorded_at, device_id, device_name, received_at } = row;
      raw.push({ event: rowToEvent(row), key: row.key === 1, row: { seq, recorded_at, device_id, device_name, received_at } });
      if (options.onProgress && raw.length % every === 0) options.onProgress(raw.length, total);
    }
    options.onProgress?.(raw.length, Math.max(total, raw.length));

    // Corrections in the order the war room applies them (event-views.ts): this laptop's in
    // write order; with other laptops', by when each was written.
    const found = raw.filter((r) => r.event.kind === 'amend' || r.event.kind === 'redact');
    const local = found.filter((r) => r.row.device_id === null).sort((a, b) => a.row.seq - b.row.seq);
    const others = found.filter((r) => r.row.device_id !== null);
    const ordered =
      others.length === 0
        ? local
        : [...local, ...others].sort((a, b) => (a.row.recorded_at < b.row.recorded_at ? -1 : a.row.recorded_at > b.row.recorded_at ? 1 : a.row.seq - b.row.seq));
    const c = collectCorrections(ordered.map((r) => r.event));

    const timeline = raw.map(({ event, key, row }): EventView => {
      const effective = effectiveEvent(event, c);
      const redactedBy = c.redactedBy.get(event.id) ?? null;
      const view = {
        ...event,
        effectiveOccurredAt: effective.occurredAt,
        effectivePayload: redactedBy ? null : (effective.payload as Record<string, unknown>),
        amendedBy: c.amendedBy.get(event.id) ?? [],
        redactedBy,
        key,
      } as EventView;
      if (row.device_id === null) return view;
      return { ...view, origin: { device: row.device_id, deviceName: row.device_name ?? '', ...arrivalMarks(row.recorded_at, row.received_at ?? row.recorded_at) } };
    });
    return { timeline, events: this.logOrder(incidentId, timeline) };
  }

  /** This laptop's chain order; a shared incident's merge order (the fold's, ingest.ts mergedEvents). */
  private logOrder(incidentId: string, timeline: readonly EventView[]): EventView[] {
    if (this.s.shared?.get(incidentId) === undefined) return [...timeline].sort((a, b) => a.n - b.n);
    const localId = this.s.localDevice?.get() ?? 'local';
    const keyed = timeline.map((view) => ({ view, kind: view.kind, occurredAt: view.occurredAt, device: view.origin?.device ?? localId, seq: view.n }));
    return keyed.sort(mergeOrder).map((k) => k.view);
  }
}

/** device_events' columns in eventColumns' order, after seq (id, incident_id, n, ...). */
const deviceColumns = ['d.id', 'd.incident_id', 'd.device_seq', 'd.kind', 'd.actor', 'd.occurred_at', 'd.recorded_at', 'd.payload', 'd.prev_hash', 'd.hash'];
