import type Database from 'better-sqlite3-multiple-ciphers';
import { eventKinds, type EventKind } from '../../shared/events/kinds';
import { timelineRow, type EventOrigin, type TimelineRow } from '../../shared/events/read-models';
import type { EventView } from '../../shared/ipc/store-schemas';
import { CordonError } from '../../shared/ipc/result';
import { digestKinds, type TimelineAnchor, type TimelineBuckets, type TimelineFilterInput, type TimelineLocate, type TimelineWindow } from '../../shared/ipc/timeline-contract';
import { pickBucketSize, type PhaseBand, type SeverityMarker } from '../../shared/warroom/activity';
import { NO_PHASE } from '../../shared/warroom/timeline-filter';
import type { Db } from './database';
import { deviceSeqBase } from './migrations/009-device-timeline';
import { deviceEventAsRow, hasDeviceTables, originOf, type DeviceEventRow } from './device-rows';
import { eventColumns, rowToEvent, type EventRow } from './event-rows';
import { EventViews } from './event-views';
import { scopedQuery } from './search-scope';

// Windows of the war room's timeline, read from the `timeline` table (migration 007): rows in
// timeline order (effective time, then write order) around an anchor, the count for a filter,
// the position of an event or a time, and activity buckets. Filters are SQL over indexes.
//
// Positions without OFFSET: per incident and filter a directory holds the total, the last key
// and, once a position far from either end is asked for, the key (at, seq) of every stride-th
// row. Rows near an end are read from that end; a row index elsewhere is found from the
// directory's key before it (a keyset seek) and at most stride-1 index entries stepped over. A
// key's index is counted from the nearer checkpoint, or back from the end (where live events
// land). Appends at the end of the timeline (the live case) extend a directory in place;
// anything else (a backdated note, an amend, a redaction, a phase change under a phase
// filter) rebuilds it on next use.
//
// This laptop's events and other laptops' (device_events, keyed below zero by migration 009)
// are one timeline, and the full-text index holds both under the same keys (migration 010).
// Rows from other laptops rebuild a directory: they land anywhere in time.

export interface TimelineQueryOptions {
  /** Rows between checkpoints (default 256). */
  stride?: number;
  /** Positions this close to an end are read from that end, without the checkpoints (default 2,000). */
  nearEnd?: number;
}
const MAX_DIRECTORIES = 8;
/** Before every key at a time, other laptops' (below zero) included. */
const firstSeq = Number.MIN_SAFE_INTEGER;
const DIGEST_LIMIT = 2_000;

interface Key {
  at: number;
  seq: number;
}

interface Directory {
  eventCount: number;
  /** Other laptops' rows when built: any change rebuilds (they land anywhere in time). */
  devices: string;
  /** The incident's newest seq when built or last extended. */
  headSeq: number;
  total: number;
  /** keys[i] is the key of row i * stride; built when first needed. */
  keys: Key[] | null;
  /** Under a text match, once a position far from both ends is asked for: every matching key, in order. */
  all: Key[] | null;
  last: Key | null;
}

interface Compiled {
  /** Conditions over `t` (the timeline table), joined by AND; bound parameters in order. */
  where: string;
  params: unknown[];
  /** Phase ranges depend on phase changes: any new one invalidates a directory. */
  usesPhases: boolean;
  /** A full-text match: re-run per statement, so its keys are read once, in order, and held. */
  usesText: boolean;
  /** The same conditions, the incident's not used to pick an index (`+t.incident`): for reads driven by seq. */
  bySeq: string;
}

interface Incident {
  rowid: number;
  id: string;
  eventCount: number;
  /** Count and newest key of other laptops' rows: changes when some arrive or a device is refused. */
  devices: string;
  headSeq: number;
  /** The seq of the incident's first event. */
  firstSeq: number;
}

/** Every laptop's events of the incident: this log's count and the rows other laptops sent. */
const allEventsOf = (incident: Incident) => incident.eventCount + Number(incident.devices.split(':')[0]);

interface PhaseChange {
  at: number;
  seq: number;
  phase: string;
}

const before = (a: Key, b: Key) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** How many keys of a sorted list come before `key`. */
function lowerBound(keys: readonly Key[], key: Key): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(keys[mid] as Key, key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class TimelineQuery {
  private prepared: ReturnType<TimelineQuery['prepare']> | null = null;
  private readonly views: EventViews;
  private readonly statements = new Map<string, Database.Statement<unknown[]>>();
  private readonly directories = new Map<string, Directory>();
  private readonly stride: number;
  private readonly nearEnd: number;

  constructor(
    private readonly db: Db,
    /** Brings the full-text index up to date before a text filter reads it (EventLog.indexPending). */
    private readonly indexPending: () => void = () => undefined,
    options: TimelineQueryOptions = {},
  ) {
    this.views = new EventViews(db);
    this.stride = options.stride ?? 256;
    this.nearEnd = options.nearEnd ?? 2_000;
  }

  // Prepared on first use, so a store migrated only part of the way (tests, the CLI) still opens.
  private get s() {
    return (this.prepared ??= this.prepare(this.db));
  }

  private prepare(db: Db) {
    return {
      incident: db.prepare<[string], Incident>(
        `SELECT i.rowid AS rowid, i.id AS id, i.event_count AS eventCount,
                coalesce((SELECT seq FROM events WHERE incident_id = i.id AND n = i.event_count), 0) AS headSeq,
                coalesce((SELECT seq FROM events WHERE incident_id = i.id AND n = 1), 0) AS firstSeq,
                (SELECT count(*) || ':' || coalesce(max(seq), 0) FROM timeline WHERE seq < 0 AND +incident = i.rowid) AS devices
         FROM incidents i WHERE i.id = ?`,
      ),
      keyOfEvent: db.prepare<[string, number], Key>(
        'SELECT t.at AS at, t.seq AS seq FROM events e JOIN timeline t ON t.seq = e.seq WHERE e.id = ? AND t.incident = ?',
      ),
      rowsBySeq: db.prepare<[string], EventRow & { key: number }>(
        `SELECT ${eventColumns.split(', ').map((c) => `e.${c}`).join(', ')}, t.key AS key
         FROM json_each(?) j JOIN events e ON e.seq = j.value JOIN timeline t ON t.seq = e.seq ORDER BY j.key`,
      ),
      // `+incident`: read the few rows written since by their seq, not the incident's index.
      newRows: db.prepare<[number, number], { at: number; seq: number; kind: string }>(
        'SELECT at, seq, kind FROM timeline WHERE seq > ? AND +incident = ? ORDER BY seq',
      ),
      phaseChanges: db.prepare<[number], number>(
        `SELECT t.seq FROM timeline t WHERE t.incident = ? AND t.kind = 'phase_changed' AND t.live = 1 ORDER BY t.at, t.seq`,
      ).pluck(),
      severityCalls: db.prepare<[number], number>(
        // +t.at: ordered by time, the planner walked the incident's whole time index for two kinds (10 ms at 100,000 events); seeks on the kind index and a sort of the few found.
        `SELECT t.seq FROM timeline t WHERE t.incident = ? AND t.kind IN ('declared', 'severity_changed') AND t.live = 1 ORDER BY +t.at, t.seq`,
      ).pluck(),
      span: db.prepare<[number, number], { first: number | null; last: number | null }>(
        `SELECT (SELECT at FROM timeline WHERE incident = ? AND kind NOT IN ('amend', 'redact') ORDER BY at, seq LIMIT 1) AS first,
                (SELECT at FROM timeline WHERE incident = ? AND kind NOT IN ('amend', 'redact') ORDER BY at DESC, seq DESC LIMIT 1) AS last`,
      ),
      // A bucket's count is every row in its range less the corrections there (an index seek per
      // kind), and its key events are read from the index of key rows: counting the rows alone
      // never decodes them, where grouping 100,000 rows by an expression of their time and kind
      // took 26-45 ms (4-5 ms this way).
      bucketRows: db.prepare<[number, number, number], number>('SELECT count(*) FROM timeline WHERE incident = ? AND at >= ? AND at < ?').pluck(),
      bucketCorrections: db.prepare<[number, number, number], number>(
        "SELECT count(*) FROM timeline WHERE incident = ? AND kind IN ('amend', 'redact') AND at >= ? AND at < ?",
      ).pluck(),
      bucketKeys: db.prepare<[number, number, number], number>(
        "SELECT count(*) FROM timeline WHERE incident = ? AND key = 1 AND at >= ? AND at < ? AND kind NOT IN ('amend', 'redact')",
      ).pluck(),
      // On a laptop that joined, the declaration is the commander's: a row of another laptop.
      declared: db.prepare<[number], number>("SELECT seq FROM timeline WHERE incident = ? AND kind = 'declared' ORDER BY at, seq LIMIT 1").pluck(),
      // Distinct values read by seeks on their index, one per value, rather than a scan of the incident.
      nextActor: db.prepare<[number, string], string>('SELECT actor FROM timeline WHERE incident = ? AND actor > ? ORDER BY actor LIMIT 1').pluck(),
      actorCount: db.prepare<[number, string], number>('SELECT count(*) FROM timeline WHERE incident = ? AND actor = ?').pluck(),
      hasKind: db.prepare<[number, string], number>('SELECT EXISTS (SELECT 1 FROM timeline WHERE incident = ? AND kind = ?)').pluck(),
      newestOfKind: db.prepare<[number, string, number], Key>('SELECT at, seq FROM timeline WHERE incident = ? AND kind = ? ORDER BY at DESC, seq DESC LIMIT ?'),
      newestKeys: db.prepare<[number, number], Key>('SELECT at, seq FROM timeline WHERE incident = ? AND key = 1 ORDER BY at DESC, seq DESC LIMIT ?'),
      textCount: db.prepare<[string, number, number], number>('SELECT count(*) FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ?').pluck(),
      textNewest: db.prepare<[string, number, number, number], number>('SELECT rowid FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?').pluck(),
      keysBySeq: db.prepare<[string], Key>('SELECT t.at AS at, t.seq AS seq FROM json_each(?) j JOIN timeline t ON t.seq = j.value'),
      writtenBefore: db.prepare<[number, number, number], number>('SELECT EXISTS (SELECT 1 FROM timeline WHERE incident = ? AND at >= ? AND seq < ?)').pluck(),
    };
  }

  /** A window of rows around `anchor`, with its offset and the filter's total. */
  window(incidentId: string, filter: TimelineFilterInput, anchor: TimelineAnchor, limit: number): TimelineWindow {
    const incident = this.incident(incidentId);
    const compiled = this.compile(incident, filter);
    const typed = anchor.from === 'end' ? this.textTail(incident, filter, compiled, limit) : null;
    if (typed) {
      const { views, corrections } = this.rowsWithCorrections(typed.keys.map((k) => k.seq));
      return { rows: views, corrections, offset: typed.total - typed.keys.length, total: typed.total, eventCount: incident.eventCount, allEvents: allEventsOf(incident) };
    }
    const dir = this.directory(incident, filter, compiled);
    let start: number;
    // Rows before an event stop at it; every other window is `limit` rows, pulled back from the end.
    let count = limit;
    switch (anchor.from) {
      case 'start':
        start = 0;
        break;
      case 'end':
        start = dir.total - limit;
        break;
      case 'index':
        start = anchor.index;
        break;
      case 'after':
      case 'before':
      case 'event': {
        const key = this.keyOf(incident, anchor.eventId);
        // Where the event is, or would be if it matched the filter.
        const at = this.indexOf(compiled, dir, key);
        if (anchor.from === 'after') start = at + (this.matches(compiled, key) ? 1 : 0);
        else if (anchor.from === 'before') {
          start = Math.max(0, at - limit);
          count = at - start;
        } else start = at - Math.floor(limit / 2);
        break;
      }
      case 'time':
        start = this.indexOf(compiled, dir, { at: anchor.at, seq: firstSeq }) - Math.floor(limit / 2);
        break;
    }
    if (anchor.from !== 'after' && anchor.from !== 'before') start = Math.min(start, dir.total - limit);
    start = Math.max(0, start);
    const keys = this.keysFrom(compiled, dir, start, count);
    const { views, corrections } = this.rowsWithCorrections(keys.map((k) => k.seq));
    return { rows: views, corrections, offset: start, total: dir.total, eventCount: incident.eventCount, allEvents: allEventsOf(incident) };
  }

  /** Where an event sits under a filter (with its row), or the first row at or after a time. */
  locate(incidentId: string, filter: TimelineFilterInput, target: { eventId: string } | { at: number }): TimelineLocate {
    const incident = this.incident(incidentId);
    const compiled = this.compile(incident, filter);
    const dir = this.directory(incident, filter, compiled);
    if ('at' in target) {
      const index = this.indexOf(compiled, dir, { at: target.at, seq: firstSeq });
      return { index: dir.total === 0 ? null : Math.min(index, dir.total - 1), total: dir.total, row: null, corrections: [], eventCount: incident.eventCount, allEvents: allEventsOf(incident) };
    }
    const key = this.keyOf(incident, target.eventId);
    const index = this.matches(compiled, key) ? this.indexOf(compiled, dir, key) : null;
    const { views, corrections } = this.rowsWithCorrections([key.seq]);
    return { index, total: dir.total, row: views[0] ?? null, corrections, eventCount: incident.eventCount, allEvents: allEventsOf(incident) };
  }

  /** The first screen's side data: actors and kinds present, and the events the header and comms read. */
  overview(incidentId: string): { actors: string[]; kinds: EventKind[]; digest: EventView[] } {
    const incident = this.incident(incidentId);
    const picked = new Map<number, Key>();
    for (const kind of digestKinds) for (const key of this.s.newestOfKind.all(incident.rowid, kind, DIGEST_LIMIT)) picked.set(key.seq, key);
    for (const key of this.s.newestKeys.all(incident.rowid, DIGEST_LIMIT)) picked.set(key.seq, key);
    const digest = [...picked.values()]
      .sort((a, b) => (before(a, b) ? 1 : -1))
      .slice(0, DIGEST_LIMIT)
      .reverse()
      .map((k) => k.seq);
    // The declaration is the oldest row: a long digest may have cut it, and the header needs it.
    const declared = this.s.declared.get(incident.rowid);
    if (declared !== undefined && !digest.includes(declared)) digest.unshift(declared);
    const actors: { name: string; count: number }[] = [];
    for (let name = this.s.nextActor.get(incident.rowid, ''); name !== undefined; name = this.s.nextActor.get(incident.rowid, name)) {
      actors.push({ name, count: this.s.actorCount.get(incident.rowid, name) ?? 0 });
    }
    return {
      actors: actors.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).map((a) => a.name),
      kinds: eventKinds.filter((kind) => this.s.hasKind.get(incident.rowid, kind) === 1),
      digest: this.rows(digest),
    };
  }

  /** Counts per time bucket, phase bands and severity calls, as shared/warroom/activity.ts computes them from events. */
  buckets(incidentId: string, now: number, maxBuckets: number, zoom: { from?: number | undefined; to?: number | undefined } = {}): TimelineBuckets {
    const steps = this.bucketSteps(incidentId, now, maxBuckets, zoom);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * The same answer in steps of about a sixth of the span each: counting 100,000 rows takes the
   * main process 30 ms or more, and a caller that runs each step in its own turn (the timeline
   * service) lets a keystroke's window be answered between them instead of after them all.
   */
  *bucketSteps(incidentId: string, now: number, maxBuckets: number, zoom: { from?: number | undefined; to?: number | undefined } = {}): Generator<void, TimelineBuckets> {
    const incident = this.incident(incidentId);
    const span = this.s.span.get(incident.rowid, incident.rowid);
    if (!span || span.first === null || span.last === null) return { bucketMs: 60_000, buckets: [], bands: [], markers: [], total: 0 };
    const first = zoom.from ?? span.first;
    const end = zoom.to ?? Math.max(span.last, now);
    const bucketMs = pickBucketSize(end - first, maxBuckets);
    const origin = Math.floor(first / bucketMs) * bucketMs;
    const n = Math.floor((end - origin) / bucketMs) + 1;
    const buckets = Array.from({ length: n }, (_, i) => ({ start: origin + i * bucketMs, end: origin + (i + 1) * bucketMs, count: 0, keyCount: 0 }));
    let total = 0;
    const perStep = Math.max(1, Math.ceil(n / 6));
    for (let from = 0; from < n; from += perStep) {
      if (from > 0) yield;
      const to = Math.min(n, from + perStep);
      // Rows are read again from the incident: an answer is never made of two states of it.
      if (from > 0 && this.incident(incidentId).eventCount !== incident.eventCount) return this.buckets(incidentId, now, maxBuckets, zoom);
      for (let i = from; i < to; i++) {
        const bucket = buckets[i];
        if (!bucket) continue;
        bucket.count = this.s.bucketRows.get(incident.rowid, bucket.start, bucket.end) ?? 0;
        if (bucket.count === 0) continue;
        bucket.count -= this.s.bucketCorrections.get(incident.rowid, bucket.start, bucket.end) ?? 0;
        bucket.keyCount = this.s.bucketKeys.get(incident.rowid, bucket.start, bucket.end) ?? 0;
        total += bucket.count;
      }
    }
    const changes = this.phaseChanges(incident);
    const bands: PhaseBand[] = changes.map((c, i) => ({ phase: c.phase, start: c.at, end: Math.max(c.at, changes[i + 1]?.at ?? end) }));
    const markers: SeverityMarker[] = [];
    const calls = this.eventRows(this.s.severityCalls.all(incident.rowid)).rows.map(rowToEvent);
    for (const view of this.views.views(calls, () => false)) {
      const severity = view.kind === 'severity_changed' || view.kind === 'declared' ? view.effectivePayload?.severity : undefined;
      if (severity !== undefined) markers.push({ at: Date.parse(view.effectiveOccurredAt), severity, eventId: view.id });
    }
    return { bucketMs, buckets, bands, markers, total };
  }

  // ---- internals -------------------------------------------------------------------------

  private incident(incidentId: string): Incident {
    const row = this.s.incident.get(incidentId);
    if (!row) throw new CordonError('not_found', 'There is no such incident.');
    return row;
  }

  private keyOf(incident: Incident, eventId: string): Key {
    const key = this.s.keyOfEvent.get(eventId, incident.rowid) ?? this.devices()?.keyOfEvent.get(eventId, incident.rowid);
    if (!key) throw new CordonError('not_found', 'That event is not in this incident.');
    return key;
  }

  /** Rows as the timeline shows them, in the order of `seqs`. */
  private rows(seqs: readonly number[]): EventView[] {
    return this.viewsWithCorrections(seqs).views;
  }

  /** Rows as a window sends them (timelineRow: no chain fields), with the corrections of those rows. */
  private rowsWithCorrections(seqs: readonly number[]): { views: TimelineRow[]; corrections: TimelineRow[] } {
    const { views, corrections } = this.viewsWithCorrections(seqs);
    return { views: views.map(timelineRow), corrections: corrections.map(timelineRow) };
  }

  private viewsWithCorrections(seqs: readonly number[]): { views: EventView[]; corrections: EventView[] } {
    if (seqs.length === 0) return { views: [], corrections: [] };
    const { rows, origins } = this.eventRows(seqs);
    const keys = new Set(rows.filter((r) => r.key === 1).map((r) => r.id));
    const { views, corrections } = this.views.withCorrections(rows.map(rowToEvent), (e) => keys.has(e.id));
    if (origins.size === 0) return { views, corrections };
    return { views: views.map((v) => ({ ...v, origin: origins.get(v.id) })), corrections };
  }

  /** Rows by timeline key, in the order given: this laptop's from events, other laptops' from device_events. */
  private eventRows(seqs: readonly number[]): { rows: (EventRow & { key: number })[]; origins: Map<string, EventOrigin> } {
    const local = seqs.filter((seq) => seq >= 0);
    const others = local.length === seqs.length ? [] : seqs.filter((seq) => seq < 0);
    const origins = new Map<string, EventOrigin>();
    const rows = local.length > 0 ? this.s.rowsBySeq.all(JSON.stringify(local)) : [];
    const device = others.length > 0 ? (this.devices()?.rowsBySeq.all(JSON.stringify(others)) ?? []) : [];
    if (device.length === 0) return { rows, origins };
    for (const row of device) origins.set(row.id, originOf(row));
    const bySeq = new Map<number, EventRow & { key: number }>([...rows, ...device].map((r) => [r.seq, r]));
    return { rows: seqs.flatMap((seq) => bySeq.get(seq) ?? []), origins };
  }

  // Other laptops' rows; prepared on first need, null on a store without the sync tables.
  private deviceStatements: ReturnType<TimelineQuery['prepareDevices']> | null | undefined;
  private devices() {
    if (this.deviceStatements === undefined) this.deviceStatements = hasDeviceTables(this.db) ? this.prepareDevices(this.db) : null;
    return this.deviceStatements;
  }

  private prepareDevices(db: Db) {
    return {
      keyOfEvent: db.prepare<[string, number], Key>(
        `SELECT t.at AS at, t.seq AS seq FROM device_events d JOIN timeline t ON t.seq = d.seq + ${deviceSeqBase} WHERE d.id = ? AND t.incident = ?`,
      ),
      rowsBySeq: db.prepare<[string], DeviceEventRow & { key: number }>(
        `SELECT ${deviceEventAsRow('d')}, t.key AS key, d.device_id, coalesce(v.name, '') AS device_name, d.received_at
         FROM json_each(?) j JOIN timeline t ON t.seq = j.value JOIN device_events d ON d.seq = t.seq - ${deviceSeqBase}
         LEFT JOIN devices v ON v.id = d.device_id ORDER BY j.key`,
      ),
    };
  }

  /** Effective phase changes in timeline order; a redacted one is withdrawn, an amended one uses its correction. */
  private phaseChanges(incident: Incident): PhaseChange[] {
    const { rows } = this.eventRows(this.s.phaseChanges.all(incident.rowid));
    const seqOf = new Map(rows.map((r) => [r.id, r.seq]));
    const out: PhaseChange[] = [];
    for (const view of this.views.views(rows.map(rowToEvent), () => false)) {
      const phase = view.kind === 'phase_changed' ? view.effectivePayload?.phase : undefined;
      if (phase !== undefined) out.push({ at: Date.parse(view.effectiveOccurredAt), seq: seqOf.get(view.id) ?? 0, phase });
    }
    return out;
  }

  private compile(incident: Incident, filter: TimelineFilterInput): Compiled {
    const where = ['t.incident = ?'];
    const params: unknown[] = [incident.rowid];
    if (filter.kinds && filter.kinds.length > 0) {
      where.push(`t.kind IN (${filter.kinds.map(() => '?').join(', ')})`);
      params.push(...filter.kinds);
    }
    if (filter.actor !== undefined) {
      where.push('t.actor = ?');
      params.push(filter.actor);
    }
    if (filter.keyOnly) where.push('t.key = 1');
    const match = filter.text ? scopedQuery(incident.id, filter.text) : null;
    if (match) {
      this.indexPending();
      where.push('t.seq IN (SELECT rowid FROM search WHERE search MATCH ?)');
      params.push(match);
    }
    if (filter.phase !== undefined) {
      // The phase in force at a time is the latest phase change at or before it (phaseAt).
      const changes = this.phaseChanges(incident);
      const ranges: string[] = [];
      const wanted = filter.phase === NO_PHASE ? null : filter.phase;
      if (wanted === null) {
        ranges.push(changes.length === 0 ? '1' : 't.at < ?');
        if (changes[0]) params.push(changes[0].at);
      }
      changes.forEach((c, i) => {
        if (c.phase !== wanted) return;
        const next = changes[i + 1];
        if (next) {
          ranges.push('(t.at >= ? AND t.at < ?)');
          params.push(c.at, next.at);
        } else {
          ranges.push('t.at >= ?');
          params.push(c.at);
        }
      });
      where.push(ranges.length > 0 ? `(${ranges.join(' OR ')})` : '0');
    }
    const joined = where.join(' AND ');
    return { where: joined, bySeq: `+${joined}`, params, usesPhases: filter.phase !== undefined, usesText: match !== null };
  }

  private statement(sql: string): Database.Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(sql);
      // Filter shapes are few (a handful of fields); the phase filter's range count varies, so cap the cache.
      if (this.statements.size > 200) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * The newest rows of a search typed with no other filter, from the full-text index alone: each
   * keystroke is a new text, and counting its matches through the timeline (a lookup per match,
   * 33,000 of them for "Obs" at 100,000 events) took 20-40 ms. Here the count and the newest
   * matches come from the index's words of this incident (search-scope.ts: other incidents'
   * events written among this one's are not in what it reads), in a few ms. Only when that
   * answer is exact: no other laptop's rows are in its timeline (their keys do not follow the
   * order written), and no row written before those matches sits after them in time (a
   * backdated or re-timed event); otherwise null, and the general path answers. The filter's
   * directory starts from this count.
   */
  private textTail(incident: Incident, filter: TimelineFilterInput, compiled: Compiled, limit: number): { total: number; keys: Key[] } | null {
    const textOnly = compiled.usesText && !filter.kinds?.length && filter.actor === undefined && !filter.keyOnly && filter.phase === undefined;
    const alone = incident.eventCount > 0 && incident.devices.startsWith('0:');
    const match = textOnly && alone ? scopedQuery(incident.id, filter.text ?? '') : null;
    if (match === null) return null;
    const total = this.s.textCount.get(match, incident.firstSeq, incident.headSeq) ?? 0;
    const seqs = this.s.textNewest.all(match, incident.firstSeq, incident.headSeq, Math.max(0, Math.min(limit, total)));
    const keys = this.s.keysBySeq.all(JSON.stringify(seqs)).sort((a, b) => (before(a, b) ? -1 : 1));
    const oldest = keys[0];
    const minSeq = Math.min(...seqs);
    if (oldest && keys.length < total && this.s.writtenBefore.get(incident.rowid, oldest.at, minSeq) === 1) return null;
    this.directory(incident, filter, compiled, () => ({
      eventCount: incident.eventCount,
      devices: incident.devices,
      headSeq: incident.headSeq,
      keys: null,
      all: null,
      total,
      last: keys.at(-1) ?? null,
    }));
    return { total, keys };
  }

  private directory(incident: Incident, filter: TimelineFilterInput, compiled: Compiled, build = () => this.build(incident, compiled)): Directory {
    const id = `${incident.rowid}\u0000${JSON.stringify([filter.kinds ?? [], filter.actor ?? null, filter.keyOnly ?? false, filter.text ?? '', filter.phase ?? null])}`;
    let dir = this.directories.get(id);
    if (dir && dir.devices !== incident.devices) dir = undefined;
    if (dir && dir.eventCount !== incident.eventCount && !this.extend(incident, compiled, dir)) dir = undefined;
    if (!dir) {
      dir = build();
      if (this.directories.size >= MAX_DIRECTORIES) this.directories.delete(this.directories.keys().next().value as string);
    }
    // Most recently used last, so the oldest is dropped first.
    this.directories.delete(id);
    this.directories.set(id, dir);
    return dir;
  }

  private build(incident: Incident, compiled: Compiled): Directory {
    // A text match is counted from the full-text index's matches (looked up by seq), not by
    // walking the incident's rows; other filters count over their index.
    // Unfiltered, every event of the incident has its row, beside other laptops' rows: no count
    // of 100,000 index entries when the war room opens.
    const unfiltered = compiled.where === 't.incident = ?' ? allEventsOf(incident) : null;
    const total = unfiltered ?? (this.statement(`SELECT count(*) FROM timeline t WHERE ${compiled.usesText ? compiled.bySeq : compiled.where}`).pluck().get(...compiled.params) as number);
    const last = this.statement(`SELECT t.at AS at, t.seq AS seq FROM timeline t WHERE ${compiled.where} ORDER BY t.at DESC, t.seq DESC LIMIT 1`).get(...compiled.params) as
      | Key
      | undefined;
    return { eventCount: incident.eventCount, devices: incident.devices, headSeq: incident.headSeq, keys: null, all: null, total, last: last ?? null };
  }

  /** The checkpoints: a seek and a step of this.stride per checkpoint, or one sorted read under a text match. */
  private checkpoints(compiled: Compiled, dir: Directory): Key[] {
    if (dir.keys) return dir.keys;
    const keys: Key[] = [];
    if (compiled.usesText) {
      // Seeks would run the match again per checkpoint: read its keys once, in order, and hold them.
      dir.all = this.statement(`SELECT t.at AS at, t.seq AS seq FROM timeline t WHERE ${compiled.bySeq} ORDER BY t.at, t.seq`).all(...compiled.params) as Key[];
    }
    if (dir.all) {
      for (let i = 0; i < dir.all.length; i += this.stride) keys.push(dir.all[i] as Key);
    } else {
      const first = this.statement(`SELECT t.at AS at, t.seq AS seq FROM timeline t WHERE ${compiled.where} ORDER BY t.at, t.seq LIMIT 1`);
      // The this.stride-th row after a key: a seek, then SQLite steps the index (bounded, never from the start).
      const hop = this.statement(`SELECT t.at AS at, t.seq AS seq FROM timeline t WHERE ${compiled.where} AND (t.at, t.seq) >= (?, ?) ORDER BY t.at, t.seq LIMIT 1 OFFSET ${this.stride}`);
      for (let key = first.get(...compiled.params) as Key | undefined; key; key = hop.get(...compiled.params, key.at, key.seq) as Key | undefined) keys.push(key);
    }
    dir.keys = keys;
    return keys;
  }

  /** Brings a directory up to date with rows appended since; false when it must be rebuilt. */
  private extend(incident: Incident, compiled: Compiled, dir: Directory): boolean {
    const added = this.s.newRows.all(dir.headSeq, incident.rowid);
    if (added.length === 0 || added.length > this.stride) return false;
    if (added.some((r) => r.kind === 'amend' || r.kind === 'redact' || (compiled.usesPhases && r.kind === 'phase_changed'))) return false;
    // Sorted here: an ORDER BY would tempt SQLite to walk the whole timeline index in order.
    const matching = (this.statement(`SELECT t.at AS at, t.seq AS seq FROM timeline t WHERE t.seq > ? AND ${compiled.bySeq}`).all(dir.headSeq, ...compiled.params) as Key[]).sort(
      (a, b) => (before(a, b) ? -1 : 1),
    );
    for (const key of matching) {
      if (dir.last && before(key, dir.last)) return false;
      if (dir.keys && dir.total % this.stride === 0) dir.keys.push(key);
      dir.all?.push(key);
      dir.total += 1;
      dir.last = key;
    }
    dir.eventCount = incident.eventCount;
    dir.headSeq = incident.headSeq;
    return true;
  }

  /** How many matching rows come before `key` (its index when it matches). */
  private indexOf(compiled: Compiled, dir: Directory, key: Key): number {
    if (dir.all) return lowerBound(dir.all, key);
    const count = (sql: string, ...bounds: number[]) => this.statement(`SELECT count(*) FROM timeline t WHERE ${compiled.where} AND ${sql}`).pluck().get(...compiled.params, ...bounds) as number;
    if (!dir.keys) {
      // Counted back from the end: live events and recent jumps land there, so this reads little.
      return dir.total - count('(t.at, t.seq) >= (?, ?)', key.at, key.seq);
    }
    let lo = 0;
    let hi = dir.keys.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (!before(key, dir.keys[mid] as Key)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return 0;
    const from = dir.keys[found] as Key;
    return found * this.stride + count('(t.at, t.seq) >= (?, ?) AND (t.at, t.seq) < (?, ?)', from.at, from.seq, key.at, key.seq);
  }

  private matches(compiled: Compiled, key: Key): boolean {
    return this.statement(`SELECT count(*) FROM timeline t WHERE ${compiled.bySeq} AND t.seq = ?`).pluck().get(...compiled.params, key.seq) === 1;
  }

  /** The keys of rows start..start+limit-1: read from the nearer end, or from the checkpoint before start. */
  private keysFrom(compiled: Compiled, dir: Directory, start: number, limit: number): Key[] {
    if (start >= dir.total || limit <= 0) return [];
    const end = Math.min(dir.total, start + limit);
    if (dir.all) return dir.all.slice(start, end);
    const page = (sql: string, ...args: unknown[]) => this.statement(`SELECT t.at AS at, t.seq AS seq FROM timeline t WHERE ${compiled.where}${sql}`).all(...compiled.params, ...args) as Key[];
    if (dir.total - start <= this.nearEnd) return page(' ORDER BY t.at DESC, t.seq DESC LIMIT ?', dir.total - start).reverse().slice(0, end - start);
    if (start <= this.nearEnd) return page(' ORDER BY t.at, t.seq LIMIT ?', end).slice(start);
    const keys = this.checkpoints(compiled, dir);
    const c = Math.floor(start / this.stride);
    const from = keys[c];
    if (!from) return [];
    const skip = start - c * this.stride;
    return page(' AND (t.at, t.seq) >= (?, ?) ORDER BY t.at, t.seq LIMIT ?', from.at, from.seq, skip + (end - start)).slice(skip);
  }
}
