import { uuidv7 } from './ids';
import { canonicalJson, genesisHash } from '../../shared/events/canonical';
import type { LoggedEvent } from '../../shared/events/event';
import { applyEvent, foldIncident, type IncidentState } from '../../shared/events/fold';
import { amendablePayloadKinds, type EventKind } from '../../shared/events/kinds';
import { parsePayload, type EventBody, type PayloadOf } from '../../shared/events/payloads';
import type { EventView, IncidentSummary } from '../../shared/ipc/store-schemas';
import { CordonError } from '../../shared/ipc/result';
import type Database from 'better-sqlite3-multiple-ciphers';
import { prepareRead, type WritableDB } from './database';
import { deviceEventAsRow, hasDeviceTables } from './device-rows';
import { eventColumns, rowToEvent, type EventRow } from './event-rows';
import { deviceSeqBase } from './migrations/009-device-timeline';
import { EventTargets, type FoundEvent } from './event-targets';
import { EventViews } from './event-views';
import { eventHash } from './hash';
import { scopedWords } from './search-scope';
import { parseState, stateText, WrittenStates, type WrittenState } from './state-text';

export interface AppendRequest {
  incidentId: string;
  actor: string;
  /** Defaults to the moment it is recorded. */
  occurredAt?: string | undefined;
  body: EventBody;
}

interface IncidentRow {
  /** The list only: events from every laptop (this laptop's chain is event_count). */
  all_events?: number;
  id: string;
  kind: string;
  title: string;
  status: string;
  severity: string | null;
  phase: string | null;
  declared_at: string;
  updated_at: string;
  event_count: number;
  head_hash: string;
  state: string;
}

export interface ListFilter {
  status?: readonly string[] | undefined;
  severity?: readonly string[] | undefined;
  kind?: string | undefined;
  query?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * The incidents' append-only, hash-chained logs and their materialised state. Every write is
 * one transaction: the event row and the incident's new state move together, and with
 * synchronous=FULL the commit is on disk before the caller hears about it. The full-text index
 * follows in batches (indexPending): the incident service brings it up to the newest event before a search.
 */
export class EventLog {
  private readonly s;
  private readonly listStatements = new Map<string, Database.Statement<unknown[]>>();
  private searchProgress: SearchProgressStatements | null = null;
  private readonly written = new WrittenStates();
  /** Sync (ingest.ts): a shared incident's state after this laptop's event, folded from every laptop; null when not shared. */
  private sharedFold: ((event: LoggedEvent) => IncidentState | null) | null = null;
  private readonly views: EventViews;
  private readonly targets: EventTargets;
  private withDevices: boolean | undefined;

  constructor(
    private readonly db: WritableDB,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => uuidv7(),
  ) {
    this.s = {
      incident: prepareRead<[string], IncidentRow>(db, 'SELECT * FROM incidents WHERE id = ?'),
      head: prepareRead<[string], { id: string; event_count: number; head_hash: string }>(db, 'SELECT id, event_count, head_hash FROM incidents WHERE id = ?'),
      stateText: prepareRead<[string], string>(db, 'SELECT state FROM incidents WHERE id = ?').pluck(),
      insertIncident: db.prepare(
        `INSERT INTO incidents (id, kind, title, status, severity, phase, declared_at, updated_at, event_count, head_hash, state)
         VALUES (@id, @kind, @title, @status, @severity, @phase, @declared_at, @updated_at, @event_count, @head_hash, @state)`,
      ),
      updateIncident: db.prepare(
        `UPDATE incidents SET kind = @kind, title = @title, status = @status, severity = @severity, phase = @phase,
           updated_at = @updated_at, event_count = @event_count, head_hash = @head_hash, state = @state WHERE id = @id`,
      ),
      insertEvent: db.prepare(
        `INSERT INTO events (id, incident_id, n, kind, actor, occurred_at, recorded_at, target_id, payload, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      eventById: prepareRead<[string], EventRow>(db, `SELECT ${eventColumns} FROM events WHERE id = ?`),
      eventsOf: prepareRead<[string], EventRow>(db, `SELECT ${eventColumns} FROM events WHERE incident_id = ? ORDER BY n`),
      page: prepareRead<[string, number, number], EventRow>(db, `SELECT ${eventColumns} FROM events WHERE incident_id = ? AND n > ? ORDER BY n LIMIT ?`),
      searchDelete: db.prepare('DELETE FROM search WHERE rowid = ?'),
      counts: prepareRead<[], { incidents: number; events: number }>(
        db,
        'SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM events) AS events',
      ),
    };
    this.views = new EventViews(db);
    this.targets = new EventTargets(db);
  }

  /**
   * Creates an incident with its declared event. Only the store's writer calls this, inside the
   * transaction it opened (store-writer.ts): services change incidents through `store.write`.
   */
  declareWithin(actor: string, payload: PayloadOf<'declared'>, occurredAt?: string): { event: LoggedEvent; state: IncidentState } {
    this.assertInTransaction();
    const incidentId = this.newId();
    const recordedAt = this.timestamp();
    // A placeholder row first, so the event's foreign key holds; its values are replaced below.
    this.s.insertIncident.run({
      id: incidentId,
      kind: payload.kind,
      title: '',
      status: 'active',
      severity: null,
      phase: null,
      declared_at: recordedAt,
      updated_at: recordedAt,
      event_count: 0,
      head_hash: genesisHash,
      state: '{}',
    });
    return this.write(incidentId, null, 1, genesisHash, actor, { kind: 'declared', payload }, occurredAt, recordedAt);
  }

  /** Appends one event to an existing incident's chain; the writer's transaction only (as above). */
  appendWithin(request: AppendRequest): { event: LoggedEvent; state: IncidentState } {
    this.assertInTransaction();
    const head = this.s.head.get(request.incidentId);
    if (!head) throw new CordonError('not_found', 'There is no such incident.');
    const previous = this.written.get(head.id, head.head_hash) ?? this.readWritten(head.id, head.head_hash);
    const body = this.checkBody(request.body, previous.state, request.incidentId);
    return this.write(head.id, previous, head.event_count + 1, head.head_hash, request.actor, body, request.occurredAt, this.timestamp());
  }

  private assertInTransaction(): void {
    if (!this.db.inTransaction) throw new Error('events are appended only inside store.write');
  }

  /** The stored state, parsed: on the first write to an incident, or after a rollback. */
  private readWritten(incidentId: string, headHash: string): WrittenState {
    const state = parseState(this.s.stateText.get(incidentId) ?? '{}');
    return { headHash, state, stableText: stateText(state, null).stableText };
  }

  private write(
    incidentId: string,
    previous: WrittenState | null,
    n: number,
    prevHash: string,
    actor: string,
    body: EventBody,
    occurredAt: string | undefined,
    recordedAt: string,
  ): { event: LoggedEvent; state: IncidentState } {
    const id = this.newId();
    // SQLite stores text as UTF-8, where a lone surrogate becomes U+FFFD; hash what will be read back.
    actor = wellFormed(actor);
    const payloadJson = canonicalJson(body.payload);
    const fields = { id, incidentId, n, kind: body.kind, actor, occurredAt: occurredAt ?? recordedAt, recordedAt, prevHash };
    const hash = eventHash(fields, payloadJson);
    const targetId = body.kind === 'amend' || body.kind === 'redact' ? body.payload.targetEventId : null;
    this.s.insertEvent.run(id, incidentId, n, body.kind, actor, fields.occurredAt, recordedAt, targetId, payloadJson, prevHash, hash);
    const event = { ...fields, payload: JSON.parse(payloadJson), hash } as LoggedEvent;
    const next = Object.freeze(
      previous === null
        ? applyEvent(null, event)
        : (this.sharedFold?.(event) ?? (body.kind === 'amend' || body.kind === 'redact' ? foldIncident(this.s.eventsOf.all(incidentId).map(rowToEvent)) : applyEvent(previous.state, event))),
    );
    const { text, stableText } = stateText(next, previous);
    this.s.updateIncident.run({
      id: incidentId,
      kind: next.kind,
      title: next.title,
      status: next.status,
      severity: next.severity,
      phase: next.phase,
      updated_at: next.updatedAt,
      event_count: next.eventCount,
      head_hash: next.headHash,
      state: text,
    });
    // Valid from now on in this transaction, and after it commits; after a rollback the
    // incident's head no longer matches, so the entry is never used.
    this.written.remember(incidentId, { headHash: next.headHash, state: next, stableText });
    return { event, state: next };
  }

  /**
   * Brings the full-text index up to the newest event, in write order, in one transaction with
   * the mark of how far it got (so a crash halfway leaves nothing half-indexed): this laptop's
   * events, then other laptops' (device_events, migration 010), each from its own mark. Returns
   * how many events it read. Cheap when there is nothing to do: one indexed lookup. With `max`,
   * it stops after that many events and marks how far it got: the rest is for the next call
   * (the background catch-up runs in slices, so a big backlog never holds the process at once).
   */
  indexPending(batch = 2_000, max = Infinity): number {
    const p = (this.searchProgress ??= prepareSearchProgress(this.db));
    const pending = () => {
      const r = p.progress.get() ?? { through: 0, end: 0, devicesThrough: 0, devicesEnd: 0 };
      return r.end > r.through || r.devicesEnd > r.devicesThrough ? r : null;
    };
    if (!pending()) return 0;
    return this.db.transaction(() => {
      const range = pending();
      if (!range) return 0;
      // How far each table is indexed while this runs: a correction re-indexes its target only
      // once the target itself is in (else the target is indexed later, corrections applied).
      const done = { local: range.through, devices: range.devicesThrough };
      const isIn = (target: FoundEvent) => !target.refused && (target.deviceId === null ? target.key <= done.local : target.key - deviceSeqBase <= done.devices);
      let read = 0;
      /** Indexes from `from` to `to`; false when it stopped at `max` before the end. */
      const pass = (unindexed: Database.Statement<[number, number, number], EventRow>, from: number, to: number, mark: (seq: number) => void): boolean => {
        for (let after = from; after < to; ) {
          if (read >= max) return false;
          // Pages of rows rather than one iterator: the connection cannot write while iterating.
          const rows = unindexed.all(after, to, Math.min(batch, max - read));
          const last = rows.at(-1);
          if (!last) break;
          // An event's words as the timeline shows it: corrections already held applied (the
          // few events that have any are read as views; the rest as written).
          const corrected = this.targets.corrected(rows.filter((r) => !isCorrection(r.kind)).map((r) => r.id));
          const shown = corrected.size === 0 ? [] : this.views.views(rows.filter((r) => corrected.has(r.id)).map(rowToEvent), () => false);
          const byId = new Map(shown.map((v) => [v.id, v]));
          for (const row of rows) {
            const event = rowToEvent(row);
            const view = byId.get(row.id);
            if (isCorrection(row.kind)) {
              this.reindexTarget(event, isIn);
            } else {
              const text = view ? (view.redactedBy === null && view.effectivePayload ? searchableText(view.kind, view.effectivePayload) : null) : searchableText(event.kind, event.payload);
              if (text !== null) p.insert(row.seq, row.incident_id, text);
            }
            mark(row.seq);
          }
          read += rows.length;
          after = last.seq;
        }
        return true;
      };
      // Past the last row read, only kinds the index skips remain: the mark goes to the end.
      if (pass(p.unindexed, range.through, range.end, (seq) => (done.local = seq))) {
        done.local = range.end;
        const devices = p.unindexedDevices;
        if (!devices || pass(devices, range.devicesThrough + deviceSeqBase, range.devicesEnd + deviceSeqBase, (key) => (done.devices = key - deviceSeqBase))) done.devices = range.devicesEnd;
      }
      p.set(done.local, done.devices);
      return read;
    }).immediate();
  }

  /** A correction's target, indexed again as views now show it: amended text replaces, redacted text leaves. */
  private reindexTarget(correction: LoggedEvent, isIn: (target: FoundEvent) => boolean): void {
    if (correction.kind !== 'amend' && correction.kind !== 'redact') return;
    // An amend of the time or key flag leaves the words as they are.
    if (correction.kind === 'amend' && correction.payload.payload === undefined) return;
    const target = this.targets.find(correction.payload.targetEventId);
    if (!target || target.incidentId !== correction.incidentId || !isIn(target)) return;
    if (!indexedKinds.includes(target.kind as EventKind) || isCorrection(target.kind)) return;
    this.s.searchDelete.run(target.key);
    const event = { id: target.id, incidentId: target.incidentId, kind: target.kind, payload: JSON.parse(target.payload) as Record<string, unknown> } as LoggedEvent;
    const [view] = this.views.views([event], () => false);
    const text = view && view.redactedBy === null && view.effectivePayload ? searchableText(view.kind, view.effectivePayload) : null;
    if (text !== null) (this.searchProgress ??= prepareSearchProgress(this.db)).insert(target.key, target.incidentId, text);
  }

  /** Rules that need the log: amend/redact targets, amend replacement payloads, injects. */
  private checkBody(body: EventBody, state: IncidentState, incidentId: string): EventBody {
    const parsed = parsePayload(body.kind, body.payload);
    if (!parsed.success) {
      throw new CordonError('bad_input', `The ${body.kind} event is not valid: ${parsed.error.issues[0]?.message ?? 'bad payload'}`);
    }
    const checked = { kind: body.kind, payload: parsed.data } as EventBody;
    if (checked.kind === 'inject' && state.kind !== 'exercise') {
      throw new CordonError('bad_input', 'Injects belong to exercises; this is a real incident.');
    }
    if (checked.kind === 'amend' || checked.kind === 'redact') {
      // The target may be another laptop's event (a shared incident): it is found in either table.
      const target = this.targets.find(checked.payload.targetEventId);
      if (!target || target.incidentId !== incidentId) {
        throw new CordonError('not_found', 'The event to correct is not in this incident.');
      }
      if (target.refused) {
        throw new CordonError('forbidden', 'That event came from a laptop refused for this incident: it is not on the timeline, so it cannot be corrected.');
      }
      if (target.kind === 'amend' || target.kind === 'redact') {
        throw new CordonError('bad_input', 'Corrections cannot themselves be amended or redacted; correct the original event.');
      }
      if (checked.kind === 'redact' && this.targets.isRedacted(target.id)) {
        throw new CordonError('conflict', 'That event is already redacted.');
      }
      if (checked.kind === 'amend' && checked.payload.payload !== undefined) {
        const kind = target.kind as EventKind;
        if (!amendablePayloadKinds.includes(kind)) {
          throw new CordonError('bad_input', `The content of a ${kind} event cannot be amended; only its time or key flag.`);
        }
        const replacement = parsePayload(kind, checked.payload.payload);
        if (!replacement.success) {
          throw new CordonError('bad_input', `The corrected ${kind} is not valid: ${replacement.error.issues[0]?.message ?? 'bad payload'}`);
        }
        if (kind === 'declared' && (replacement.data as PayloadOf<'declared'>).kind !== state.kind) {
          throw new CordonError('bad_input', 'An amend cannot turn an exercise into a real incident or back.');
        }
        return { kind: 'amend', payload: { ...checked.payload, payload: replacement.data as Record<string, unknown> } };
      }
    }
    return checked;
  }

  /**
   * How a shared incident's state follows this laptop's events (the store wires sync's fold here):
   * in merge order with every laptop's events, with this log's own count and head, which the next
   * append links to. An incident that is not shared folds its own log, a correction from the start.
   */
  foldFrom(fold: (event: LoggedEvent) => IncidentState | null): void {
    this.sharedFold = fold;
  }

  /** Sync re-folded the incident's state from every device (ingest.ts): read it from the row again. */
  forgetState(incidentId: string): void {
    this.written.forget(incidentId);
  }

  state(incidentId: string): IncidentState {
    const row = this.s.incident.get(incidentId);
    if (!row) throw new CordonError('not_found', 'There is no such incident.');
    return parseState(row.state);
  }

  summary(incidentId: string): IncidentSummary {
    const row = this.s.incident.get(incidentId);
    if (!row) throw new CordonError('not_found', 'There is no such incident.');
    return toSummary(row);
  }

  event(eventId: string): LoggedEvent | null {
    const row = this.s.eventById.get(eventId);
    return row ? rowToEvent(row) : null;
  }

  /** One page of the timeline, each event with its amends applied and redactions shown. */
  page(incidentId: string, after: number, limit: number): { events: EventView[]; nextAfter: number | null } {
    const rows = this.s.page.all(incidentId, after, limit + 1);
    const more = rows.length > limit;
    const events = rows.slice(0, limit).map(rowToEvent);
    const keys = new Set(this.state(incidentId).keyEventIds);
    const views = this.views.views(events, (event) => keys.has(event.id));
    const last = events.at(-1);
    return { events: views, nextAfter: more && last ? last.n : null };
  }

  list(filter: ListFilter): { items: IncidentSummary[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    const inList = (column: string, values: readonly string[] | undefined) => {
      if (!values || values.length === 0) return;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    inList('status', filter.status);
    inList('severity', filter.severity);
    if (filter.kind) {
      where.push('kind = ?');
      params.push(filter.kind);
    }
    const match = filter.query ? ftsQuery(filter.query) : null;
    if (match) {
      // Reads only: what is not indexed yet is not found. Searches catch the index up first
      // (Store.catchUpSearch, called by the incident service), a write of its own.
      where.push('id IN (SELECT incident_id FROM search WHERE search MATCH ?)');
      params.push(match);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // Every laptop's events count: this laptop's chain, and the other laptops' not refused.
    this.withDevices ??= hasDeviceTables(this.db);
    const count = this.withDevices
      ? `, event_count + (SELECT count(*) FROM device_events d WHERE d.incident_id = incidents.id
           AND NOT EXISTS (SELECT 1 FROM incident_devices m WHERE m.incident_id = d.incident_id AND m.device_id = d.device_id AND m.status = 'refused')) AS all_events`
      : '';
    const items = (
      this.statement(`SELECT *${count} FROM incidents ${clause} ORDER BY updated_at DESC, id LIMIT ? OFFSET ?`).all(
        ...params,
        filter.limit,
        filter.offset,
      ) as IncidentRow[]
    ).map(toSummary);
    const total = this.statement(`SELECT count(*) FROM incidents ${clause}`).pluck().get(...params) as number;
    return { items, total };
  }

  counts(): { incidents: number; events: number } {
    return this.s.counts.get() ?? { incidents: 0, events: 0 };
  }

  /** The list query has a few shapes; each is prepared once and reused. */
  private statement(sql: string) {
    let statement = this.listStatements.get(sql);
    if (!statement) {
      statement = prepareRead<unknown[]>(this.db, sql);
      this.listStatements.set(sql, statement);
    }
    return statement;
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}

interface SearchProgress {
  through: number;
  end: number;
  devicesThrough: number;
  devicesEnd: number;
}

interface SearchProgressStatements {
  progress: Database.Statement<[], SearchProgress>;
  set(through: number, devicesThrough: number): void;
  unindexed: Database.Statement<[number, number, number], EventRow>;
  /** Other laptops' events, keyed as the timeline keys them; null before migration 010. */
  unindexedDevices: Database.Statement<[number, number, number], EventRow> | null;
  /** Indexes an event's text: its plain words and, from migration 012, its incident's tagged words. */
  insert(key: number, incidentId: string, text: string): void;
}

const kindList = () => indexedKinds.map((k) => `'${k}'`).join(', ');

/** Prepared on first use, so this class still opens a store migrated only part of the way (tests). */
function prepareSearchProgress(db: WritableDB): SearchProgressStatements {
  const devices = db.prepare("SELECT 1 FROM pragma_table_info('search_progress') WHERE name = 'devices_through'").pluck().get() === 1;
  const scoped = db.prepare("SELECT 1 FROM pragma_table_info('search') WHERE name = 'scoped'").pluck().get() === 1;
  const insertScoped = scoped ? db.prepare<[number, string, string, string]>('INSERT INTO search (rowid, incident_id, body, scoped) VALUES (?, ?, ?, ?)') : null;
  const insertPlain = scoped ? null : db.prepare<[number, string, string]>('INSERT INTO search (rowid, incident_id, body) VALUES (?, ?, ?)');
  const insert = (key: number, incidentId: string, text: string) =>
    void (insertScoped ? insertScoped.run(key, incidentId, text, scopedWords(incidentId, text)) : insertPlain?.run(key, incidentId, text));
  const unindexed = prepareRead<[number, number, number], EventRow>(
    db,
    `SELECT ${eventColumns} FROM events
     WHERE seq > ? AND seq <= ? AND kind IN (${kindList()}) ORDER BY seq LIMIT ?`,
  );
  if (!devices) {
    const set = db.prepare<[number]>('UPDATE search_progress SET indexed_through = ? WHERE id = 1');
    return {
      progress: prepareRead<[], SearchProgress>(
        db,
        'SELECT indexed_through AS through, (SELECT coalesce(max(seq), 0) FROM events) AS "end", 0 AS devicesThrough, 0 AS devicesEnd FROM search_progress WHERE id = 1',
      ),
      set: (through) => void set.run(through),
      unindexed,
      unindexedDevices: null,
      insert,
    };
  }
  const set = db.prepare<[number, number]>('UPDATE search_progress SET indexed_through = ?, devices_through = ? WHERE id = 1');
  return {
    progress: prepareRead<[], SearchProgress>(
      db,
      `SELECT indexed_through AS through, (SELECT coalesce(max(seq), 0) FROM events) AS "end",
              devices_through AS devicesThrough, (SELECT coalesce(max(seq), 0) FROM device_events) AS devicesEnd
       FROM search_progress WHERE id = 1`,
    ),
    set: (through, devicesThrough) => void set.run(through, devicesThrough),
    unindexed,
    insert,
    // A refused device's events are on no timeline: they are not indexed (migration 010 drops them when it is refused later).
    unindexedDevices: prepareRead<[number, number, number], EventRow>(
      db,
      `SELECT ${deviceEventAsRow('d')} FROM device_events d
       WHERE d.seq > ? - (${deviceSeqBase}) AND d.seq <= ? - (${deviceSeqBase}) AND d.kind IN (${kindList()})
         AND NOT EXISTS (SELECT 1 FROM incident_devices m WHERE m.incident_id = d.incident_id AND m.device_id = d.device_id AND m.status = 'refused')
       ORDER BY d.seq LIMIT ?`,
    ),
  };
}

const isCorrection = (kind: string) => kind === 'amend' || kind === 'redact';

const wellFormed = (text: string): string => text.replace(/\p{Surrogate}/gu, '\ufffd');

function toSummary(row: IncidentRow): IncidentSummary {
  const state = JSON.parse(row.state) as IncidentState;
  return {
    id: row.id,
    title: row.title,
    kind: row.kind as IncidentSummary['kind'],
    status: row.status as IncidentSummary['status'],
    severity: row.severity,
    phase: row.phase,
    declaredAt: row.declared_at,
    updatedAt: row.updated_at,
    eventCount: row.all_events ?? row.event_count,
    commander: state.roles.commander?.person ?? null,
    playbookRef: state.playbookId,
    headHash: row.head_hash,
  };
}

/** The kinds whose text is searchable, and the corrections that change it. */
const indexedKinds: readonly EventKind[] = ['declared', 'note', 'inject', 'comms_update_sent', 'amend', 'redact'];

function searchableText(kind: EventKind, payload: Record<string, unknown>): string | null {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  switch (kind) {
    case 'declared':
      return `${text(payload.title)}\n${text(payload.summary)}`.trim();
    case 'note':
      return text(payload.text) || null;
    case 'inject':
      return `${text(payload.title)}\n${text(payload.text)}`.trim();
    case 'comms_update_sent':
      return `${text(payload.subject)}\n${text(payload.text)}`.trim();
    default:
      return null;
  }
}

/**
 * Turns what the user typed into an FTS5 query of the plain words (every incident's) that cannot
 * be a syntax error: every word is quoted, words are ANDed, and the last one matches as a prefix
 * (search as you type). Only the `body` column: the tagged words of `scoped` are not words anyone typed.
 */
export function ftsQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}_]+/gu);
  if (!words || words.length === 0) return null;
  const query = words
    .slice(0, 20)
    .map((word, i, all) => `"${word}"${i === all.length - 1 ? '*' : ''}`)
    .join(' ');
  return `body : (${query})`;
}
