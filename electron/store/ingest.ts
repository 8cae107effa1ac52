import { canonicalJson, genesisHash } from '../../shared/events/canonical';
import type { LoggedEvent } from '../../shared/events/event';
import type { IncidentState } from '../../shared/events/fold';
import type { EventKind } from '../../shared/events/kinds';
import { CordonError } from '../../shared/ipc/result';
import { arrivalMarks, findConflicts, mergeOrder, type ArrivalMarks, type Conflict, type MergeKey, type MergedEvent } from '../../shared/sync/conflict-rules';
import { recordShapeProblem, recordVersion, type DeviceRecord } from '../../shared/sync/device-record';
import type { WritableDB } from './database';
import type { DeviceRepo, LocalDevice } from './device-repo';
import type { StoreWrite, WriteTx } from './store-writer';
import type { EventLog } from './event-log';
import { EventTargets } from './event-targets';
import { rowToEvent, eventColumns, type EventRow } from './event-rows';
import { recordCryptoProblem, signRecord } from './device-signing';
import { stateText } from './state-text';
import { asFolded, foldOnto, foldShared, type FoldMark, type FoldMarks, type LocalHead } from './shared-fold';

/** A device's log was refused: its chain, signature or records do not hold. Names the device. */
export class SyncRefusal extends CordonError {
  constructor(
    readonly incidentId: string,
    readonly deviceId: string,
    readonly deviceName: string,
    readonly reason: string,
  ) {
    super('forbidden', `The device "${deviceName}" (${deviceId.slice(0, 8)}) was refused: ${reason}. Nothing it sent was taken in.`);
  }
}

interface DeviceEventRow {
  seq: number;
  id: string;
  incident_id: string;
  device_id: string;
  device_seq: number;
  kind: string;
  actor: string;
  occurred_at: string;
  recorded_at: string;
  payload: string;
  parents: string;
  prev_hash: string;
  hash: string;
  sig: string;
  received_at: string;
}

export interface TimelineEntry {
  event: MergedEvent;
  deviceName: string;
  local: boolean;
  receivedAt: string;
  marks: ArrivalMarks;
}

export interface DeviceChainVerdict {
  deviceId: string;
  deviceName: string;
  ok: boolean;
  length: number;
  problem: string | null;
}

const deviceEventColumns =
  'seq, id, incident_id, device_id, device_seq, kind, actor, occurred_at, recorded_at, payload, parents, prev_hash, hash, sig, received_at';

const toRecord = (row: DeviceEventRow): DeviceRecord => ({
  v: recordVersion,
  id: row.id,
  incidentId: row.incident_id,
  device: row.device_id,
  seq: row.device_seq,
  actor: row.actor,
  kind: row.kind as EventKind,
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  parents: JSON.parse(row.parents) as Record<string, number>,
  prevHash: row.prev_hash,
  hash: row.hash,
  sig: row.sig,
});

/**
 * Takes other devices' events into this laptop's store and keeps the shared incident's state as
 * the fold of every device's events. Ingest is per device, in that device's own order, idempotent
 * by event id and device sequence; it never depends on the order events arrived in.
 */
export class SyncLedger {
  private readonly s;
  private readonly targets: EventTargets;

  constructor(
    private readonly db: WritableDB,
    private readonly log: EventLog,
    private readonly devices: DeviceRepo,
    private readonly write: StoreWrite,
    private readonly marks: FoldMarks,
    private readonly now: () => number = Date.now,
  ) {
    this.targets = new EventTargets(db);
    this.s = {
      head: db.prepare<[string, string], { device_seq: number; hash: string }>(
        'SELECT device_seq, hash FROM device_events WHERE incident_id = ? AND device_id = ? ORDER BY device_seq DESC LIMIT 1',
      ),
      newest: db.prepare<[string, string], DeviceEventRow>(
        `SELECT ${deviceEventColumns} FROM device_events WHERE incident_id = ? AND device_id = ? ORDER BY device_seq DESC LIMIT 1`,
      ),
      atSeq: db.prepare<[string, string, number], { hash: string }>(
        'SELECT hash FROM device_events WHERE incident_id = ? AND device_id = ? AND device_seq = ?',
      ),
      idTaken: db.prepare<[string, string], number>(
        'SELECT 1 FROM events WHERE id = ? UNION ALL SELECT 1 FROM device_events WHERE id = ? LIMIT 1',
      ).pluck(),
      insert: db.prepare(
        `INSERT INTO device_events (id, incident_id, device_id, device_seq, kind, actor, occurred_at, recorded_at, target_id, payload, parents, prev_hash, hash, sig, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      deviceEvents: db.prepare<[string], DeviceEventRow>(
        `SELECT ${deviceEventColumns} FROM device_events WHERE incident_id = ? ORDER BY device_id, device_seq`,
      ),
      deviceLog: db.prepare<[string, string, number], DeviceEventRow>(
        `SELECT ${deviceEventColumns} FROM device_events WHERE incident_id = ? AND device_id = ? AND device_seq >= ? ORDER BY device_seq`,
      ),
      localEvents: db.prepare<[string], EventRow>(`SELECT ${eventColumns} FROM events WHERE incident_id = ? ORDER BY n`),
      // Other laptops' events taken in after a fold mark (rising seq is arrival), as mergedEvents reads them.
      deviceAfter: db.prepare<[number, string], DeviceEventRow>(
        `SELECT ${deviceEventColumns} FROM device_events d WHERE d.seq > ? AND d.incident_id = ?
           AND NOT EXISTS (SELECT 1 FROM incident_devices m WHERE m.incident_id = d.incident_id AND m.device_id = d.device_id AND m.status = 'refused')
         ORDER BY d.seq`,
      ),
      deviceSeq: db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM device_events').pluck(),
      localHeadId: db.prepare<[string, number], string>('SELECT id FROM events WHERE incident_id = ? AND n = ?').pluck(),
      published: db.prepare<[string], { device_seq: number; event_id: string; parents: string; hash: string; sig: string }>(
        'SELECT device_seq, event_id, parents, hash, sig FROM published_events WHERE incident_id = ? ORDER BY device_seq',
      ),
      lastPublished: db.prepare<[string], { device_seq: number; hash: string }>(
        'SELECT device_seq, hash FROM published_events WHERE incident_id = ? ORDER BY device_seq DESC LIMIT 1',
      ),
      publishedHash: db.prepare<[string, number], string>('SELECT hash FROM published_events WHERE incident_id = ? AND device_seq = ?').pluck(),
      localAfter: db.prepare<[string, number], EventRow>(`SELECT ${eventColumns} FROM events WHERE incident_id = ? AND n > ? ORDER BY n`),
      publishedFrom: db.prepare<[string, number], EventRow & { device_seq: number; parents: string; p_hash: string; sig: string }>(
        `SELECT e.seq, e.id, e.incident_id, e.n, e.kind, e.actor, e.occurred_at, e.recorded_at, e.payload, e.prev_hash, e.hash,
           p.device_seq, p.parents, p.hash AS p_hash, p.sig
         FROM published_events p JOIN events e ON e.id = p.event_id WHERE p.incident_id = ? AND p.device_seq >= ? ORDER BY p.device_seq`,
      ),
      insertPublished: db.prepare('INSERT INTO published_events (incident_id, device_seq, event_id, parents, hash, sig) VALUES (?, ?, ?, ?, ?, ?)'),
      heads: db.prepare<[string], { device_id: string; last: number }>(
        `SELECT e.device_id, max(e.device_seq) AS last FROM device_events e
         JOIN incident_devices m ON m.incident_id = e.incident_id AND m.device_id = e.device_id AND m.status <> 'refused'
         WHERE e.incident_id = ? GROUP BY e.device_id`,
      ),
      incident: db.prepare<[string], { event_count: number; head_hash: string }>('SELECT event_count, head_hash FROM incidents WHERE id = ?'),
      corrected: db.prepare<[{ ids: string }], number>(
        `SELECT 1 FROM events WHERE target_id IN (SELECT value FROM json_each(@ids))
         UNION ALL SELECT 1 FROM device_events WHERE target_id IN (SELECT value FROM json_each(@ids)) LIMIT 1`,
      ).pluck(),
      insertIncident: db.prepare(
        `INSERT INTO incidents (id, kind, title, status, severity, phase, declared_at, updated_at, event_count, head_hash, state)
         VALUES (@id, @kind, @title, @status, @severity, @phase, @declared_at, @updated_at, 0, @head_hash, @state)`,
      ),
      updateIncident: db.prepare(
        `UPDATE incidents SET kind = @kind, title = @title, status = @status, severity = @severity, phase = @phase,
           updated_at = @updated_at, state = @state WHERE id = @id`,
      ),
    };
  }

  /**
   * Verifies and stores a device's records for one incident (in its order, from any point: the
   * ones already held are checked to be the same and skipped). All or nothing: on the first record
   * that fails, nothing of the batch is kept, the device is marked refused for this incident and
   * SyncRefusal names it. A removed device's records after its cutoff are not taken in.
   */
  ingest(incidentId: string, deviceId: string, raw: readonly unknown[], options: { refold?: boolean } = {}): { added: number; refusedAfterRemoval: number } {
    const local = this.devices.localDevice();
    if (local && local.id === deviceId) return { added: 0, refusedAfterRemoval: 0 };
    const nameOf = () => this.devices.members(incidentId).find((m) => m.deviceId === deviceId)?.name ?? 'unknown device';
    let result: { added: number; refusedAfterRemoval: number };
    try {
      // One store write: the events it took in are signalled after COMMIT (windows, search
      // indexer), and a refused batch rolls back whole. A caller still reading a long log
      // re-folds once at the end instead of after every batch.
      result = this.write((tx) => {
        const taken = this.ingestBatch(tx, incidentId, deviceId, raw);
        if (taken.added > 0 && options.refold !== false) this.refold(incidentId);
        return taken;
      }).value;
    } catch (error) {
      if (error instanceof BadRecord) {
        const refusal = new SyncRefusal(incidentId, deviceId, nameOf(), error.message);
        if (this.devices.member(incidentId, deviceId)) this.refuseDevice(incidentId, deviceId, error.message);
        throw refusal;
      }
      throw error;
    }
    return result;
  }

  /**
   * Marks the device refused (its rows leave the timeline and the search index, by trigger) and
   * re-folds without it, in one store write. Its newest event is what the write signals: the
   * windows showing it hear incident.changed, find it gone and read their rows again.
   */
  private refuseDevice(incidentId: string, deviceId: string, reason: string): void {
    this.write((tx) => {
      const newest = this.s.newest.get(incidentId, deviceId);
      this.devices.refuse(incidentId, deviceId, reason);
      if (!newest) return;
      this.refold(incidentId, { whole: true });
      tx.received([recordToEvent(toRecord(newest))]);
    });
  }

  private ingestBatch(tx: WriteTx, incidentId: string, deviceId: string, raw: readonly unknown[]) {
    const member = this.devices.member(incidentId, deviceId);
    if (!member) throw new BadRecord('it is not a member of this incident');
    if (member.status === 'refused') throw new BadRecord('it was refused earlier');
    let head = this.s.head.get(incidentId, deviceId) ?? { device_seq: 0, hash: genesisHash };
    let added = 0;
    let refusedAfterRemoval = 0;
    const receivedAt = new Date(this.now()).toISOString();
    const taken: LoggedEvent[] = [];
    for (const value of raw) {
      const { record, problem } = recordShapeProblem(value);
      if (!record) throw new BadRecord(problem);
      if (record.device !== deviceId) throw new BadRecord(`event ${record.seq} claims to come from another device`);
      if (record.incidentId !== incidentId) throw new BadRecord(`event ${record.seq} belongs to another incident`);
      const crypto = recordCryptoProblem(record);
      if (crypto) throw new BadRecord(crypto);
      if (record.seq <= head.device_seq) {
        if (this.s.atSeq.get(incidentId, deviceId, record.seq)?.hash !== record.hash) throw new BadRecord(`its log forked at event ${record.seq}`);
        continue;
      }
      if (record.seq !== head.device_seq + 1) throw new BadRecord(`event ${head.device_seq + 1} is missing before event ${record.seq}`);
      if (record.prevHash !== head.hash) throw new BadRecord(`event ${record.seq} does not link to event ${head.device_seq}`);
      if (record.seq === 1 && record.kind === 'declared' && this.devices.shared(incidentId)?.commander !== deviceId) {
        throw new BadRecord('only the commander device declares the incident');
      }
      if (record.seq > 1 && record.kind === 'declared') throw new BadRecord(`event ${record.seq} declares the incident again`);
      if (member.status === 'removed' && member.cutoff !== null && record.seq > member.cutoff) {
        refusedAfterRemoval += 1;
      } else {
        if (this.s.idTaken.get(record.id, record.id)) throw new BadRecord(`event ${record.seq} reuses the id of another event`);
        const targetId = record.kind === 'amend' || record.kind === 'redact' ? String(record.payload.targetEventId) : null;
        if (targetId !== null) this.checkTarget(record.seq, targetId, incidentId);
        this.s.insert.run(
          record.id,
          incidentId,
          deviceId,
          record.seq,
          record.kind,
          record.actor,
          record.occurredAt,
          record.recordedAt,
          targetId,
          canonicalJson(record.payload),
          canonicalJson(record.parents),
          record.prevHash,
          record.hash,
          record.sig,
          receivedAt,
        );
        taken.push(recordToEvent(record));
        added += 1;
      }
      head = { device_seq: record.seq, hash: record.hash };
    }
    tx.received(taken);
    return { added, refusedAfterRemoval };
  }

  /**
   * A correction from another laptop may point at any laptop's event, by id. A target held here
   * must be an event of the same incident and not itself a correction; one not held yet (a
   * third laptop's, still on its way) is accepted and changes nothing until it arrives.
   */
  private checkTarget(seq: number, targetId: string, incidentId: string): void {
    const target = this.targets.find(targetId);
    if (!target) return;
    if (target.incidentId !== incidentId) throw new BadRecord(`event ${seq} corrects an event of another incident`);
    if (target.kind === 'amend' || target.kind === 'redact') throw new BadRecord(`event ${seq} corrects a correction`);
  }

  /** The last sequence this laptop holds of each other device's log (an event's causal parents). */
  heads(incidentId: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const row of this.s.heads.all(incidentId)) out[row.device_id] = row.last;
    return out;
  }

  deviceLength(incidentId: string, deviceId: string): number {
    return this.s.head.get(incidentId, deviceId)?.device_seq ?? 0;
  }

  /**
   * Signs this laptop's events of a shared incident that its device log does not hold yet, in
   * chain order, and returns every record of the local device log from `fromSeq` (1-based).
   */
  publish(incidentId: string, device: LocalDevice, fromSeq = 1): DeviceRecord[] {
    this.db.transaction(() => {
      const last = this.s.lastPublished.get(incidentId) ?? { device_seq: 0, hash: genesisHash };
      // Every local event of a shared incident is published in chain order, so device seq = n.
      const fresh = this.s.localAfter.all(incidentId, last.device_seq);
      if (fresh.length === 0) return;
      const parents = canonicalJson(this.heads(incidentId));
      let prevHash = last.hash;
      for (const [i, row] of fresh.entries()) {
        if (row.n !== last.device_seq + 1 + i) throw new CordonError('internal', 'This laptop’s log and its device log disagree.');
        const record = signRecord(this.localRecord(row, device.id, row.n, prevHash, JSON.parse(parents) as Record<string, number>), device.secretKey);
        this.s.insertPublished.run(incidentId, row.n, row.id, parents, record.hash, record.sig);
        prevHash = record.hash;
      }
    }).immediate();
    return this.localRecords(incidentId, device.id, fromSeq);
  }

  private localRecord(row: EventRow, deviceId: string, seq: number, prevHash: string, parents: Record<string, number>) {
    return {
      v: recordVersion,
      id: row.id,
      incidentId: row.incident_id,
      device: deviceId,
      seq,
      actor: row.actor,
      kind: row.kind as EventKind,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
      parents,
      prevHash,
    } as const;
  }

  private localRecords(incidentId: string, deviceId: string, fromSeq = 1): DeviceRecord[] {
    let prevHash = fromSeq <= 1 ? genesisHash : (this.s.publishedHash.get(incidentId, fromSeq - 1) ?? genesisHash);
    return this.s.publishedFrom.all(incidentId, Math.max(1, fromSeq)).map((row) => {
      const record = { ...this.localRecord(row, deviceId, row.device_seq, prevHash, JSON.parse(row.parents) as Record<string, number>), hash: row.p_hash, sig: row.sig };
      prevHash = row.p_hash;
      return record;
    });
  }

  /** Every record this laptop holds of one device's log for an incident, from `fromSeq`. */
  records(incidentId: string, deviceId: string, fromSeq = 1): DeviceRecord[] {
    const local = this.devices.localDevice();
    if (local && local.id === deviceId) return this.localRecords(incidentId, deviceId, fromSeq);
    return this.s.deviceLog.all(incidentId, deviceId, fromSeq).map(toRecord);
  }

  /** Every event of the incident from every device not refused, in merge order. */
  mergedEvents(incidentId: string): { event: MergedEvent; receivedAt: string; local: boolean }[] {
    const local = this.devices.localDevice();
    const localId = local?.id ?? 'local';
    const published = new Map(this.s.published.all(incidentId).map((p) => [p.event_id, p]));
    const refused = new Set(this.devices.members(incidentId).filter((m) => m.status === 'refused').map((m) => m.deviceId));
    const out: { event: MergedEvent; receivedAt: string; local: boolean }[] = [];
    for (const row of this.s.localEvents.all(incidentId)) {
      const p = published.get(row.id);
      out.push({ event: localMerged(row, localId, p ? (JSON.parse(p.parents) as Record<string, number>) : {}), receivedAt: row.recorded_at, local: true });
    }
    for (const row of this.s.deviceEvents.all(incidentId)) {
      if (refused.has(row.device_id)) continue;
      out.push({ event: deviceMerged(row), receivedAt: row.received_at, local: false });
    }
    return out.sort((a, b) => mergeOrder(a.event, b.event));
  }

  /**
   * Brings the incident's materialised state up to the union of devices. The incident row's
   * event_count and head_hash stay those of this laptop's own chain (the local write path links
   * to them); the state's other fields are the merged fold. When every event not folded yet
   * comes after the last one folded in merge order, they are folded onto the state as it is
   * (the same state, byte for byte: shared-fold.test.ts); else, or with `whole` (a device
   * refused), the incident is folded again from the start. Returns null before the declaration
   * has arrived.
   */
  refold(incidentId: string, options: { whole?: boolean } = {}): IncidentState | null {
    return this.db.transaction(() => {
      const row = this.s.incident.get(incidentId);
      const count = row?.event_count ?? 0;
      const head = (id: string): LocalHead => ({ count, hash: row?.head_hash ?? genesisHash, id });
      const mark = row && !options.whole ? this.marks.get(incidentId) : null;
      if (mark && mark.localCount === count && this.s.deviceAfter.get(mark.deviceSeq, incidentId) === undefined) return mark.state;
      const state = (mark && this.foldNew(incidentId, mark, head(mark.state.headEventId))) ?? this.foldWhole(incidentId, head(count > 0 ? (this.s.localHeadId.get(incidentId, count) ?? '') : ''));
      if (!state) return null;
      const fields = {
        id: incidentId,
        kind: state.kind,
        title: state.title,
        status: state.status,
        severity: state.severity,
        phase: state.phase,
        updated_at: state.updatedAt,
        state: stateText(state, null).text,
      };
      if (row) this.s.updateIncident.run(fields);
      else this.s.insertIncident.run({ ...fields, declared_at: state.declaredAt, head_hash: genesisHash });
      this.log.forgetState(incidentId);
      return state;
    }).immediate();
  }

  /**
   * The state after this laptop appended `event` to a shared incident, folded as `refold` does,
   * for the local write path to store (event-log.ts). Null when the incident is not shared here.
   */
  afterLocal(event: LoggedEvent): IncidentState | null {
    if (!this.devices.shared(event.incidentId)) return null;
    const head = { count: event.n, hash: event.hash, id: event.id };
    const mark = this.marks.get(event.incidentId);
    return (mark && this.foldNew(event.incidentId, mark, head)) ?? this.foldWhole(event.incidentId, head);
  }

  /** The events taken in or written since the mark, folded onto its state when that gives the same state; sets the next mark. */
  private foldNew(incidentId: string, mark: FoldMark, head: LocalHead): IncidentState | null {
    const localId = this.devices.localDevice()?.id ?? 'local';
    const local = head.count > mark.localCount ? this.s.localAfter.all(incidentId, mark.localCount).map((row) => localMerged(row, localId, {})) : [];
    const rows = this.s.deviceAfter.all(mark.deviceSeq, incidentId);
    const fresh = [...local, ...rows.map(deviceMerged)];
    const lastLocal = local.at(-1);
    const state = foldOnto(mark.state, mark.last, fresh, (ids) => this.s.corrected.get({ ids: JSON.stringify(ids) }) === 1, lastLocal ? { ...head, id: lastLocal.id } : head);
    if (!state) return null;
    const last = fresh.reduce<MergeKey>((latest, e) => (mergeOrder(e, latest) > 0 ? e : latest), mark.last);
    this.marks.set(incidentId, { state, last, deviceSeq: rows.at(-1)?.seq ?? mark.deviceSeq, localCount: head.count });
    return state;
  }

  /** The whole fold from every device (null before the declaration), and its mark. */
  private foldWhole(incidentId: string, head: LocalHead): IncidentState | null {
    const merged = this.foldInputMerged(incidentId);
    const last = merged?.at(-1);
    if (!merged || !last) return null;
    const state = foldShared(merged.map(asFolded), head);
    this.marks.set(incidentId, { state, last, deviceSeq: this.s.deviceSeq.get() ?? 0, localCount: head.count });
    return state;
  }

  /** The whole fold as a fresh read computes it, written nowhere: what the stored state must equal. */
  wholeFold(incidentId: string): IncidentState | null {
    const merged = this.foldInputMerged(incidentId);
    if (!merged) return null;
    const row = this.s.incident.get(incidentId);
    const count = row?.event_count ?? 0;
    return foldShared(merged.map(asFolded), { count, hash: row?.head_hash ?? genesisHash, id: count > 0 ? (this.s.localHeadId.get(incidentId, count) ?? '') : '' });
  }

  /** A shared incident's events from every device, as the fold reads them; null when not shared or not declared yet. */
  foldInput(incidentId: string): LoggedEvent[] | null {
    return this.foldInputMerged(incidentId)?.map(asFolded) ?? null;
  }

  private foldInputMerged(incidentId: string): MergedEvent[] | null {
    if (!this.devices.shared(incidentId)) return null;
    const merged = this.mergedEvents(incidentId).map((m) => m.event);
    return merged[0]?.kind === 'declared' ? merged : null;
  }

  timeline(incidentId: string): { entries: TimelineEntry[]; conflicts: Conflict[] } {
    const names = new Map(this.devices.members(incidentId).map((m) => [m.deviceId, m.name]));
    const local = this.devices.localDevice();
    const merged = this.mergedEvents(incidentId);
    const entries = merged.map(({ event, receivedAt, local: isLocal }) => ({
      event,
      deviceName: (isLocal ? local?.name : names.get(event.device)) ?? 'this laptop',
      local: isLocal,
      receivedAt,
      marks: arrivalMarks(event.recordedAt, receivedAt),
    }));
    return { entries, conflicts: findConflicts(merged.map((m) => m.event)) };
  }

  /** Re-checks every stored device chain: links, hashes and signatures. */
  verify(incidentId: string): DeviceChainVerdict[] {
    const verdicts: DeviceChainVerdict[] = [];
    const byDevice = new Map<string, DeviceEventRow[]>();
    for (const row of this.s.deviceEvents.all(incidentId)) byDevice.set(row.device_id, [...(byDevice.get(row.device_id) ?? []), row]);
    const local = this.devices.localDevice();
    if (local) byDevice.set(local.id, []);
    for (const member of this.devices.members(incidentId)) {
      const records = member.deviceId === local?.id ? this.localRecords(incidentId, member.deviceId) : (byDevice.get(member.deviceId) ?? []).map(toRecord);
      let prev = genesisHash;
      let problem: string | null = member.status === 'refused' ? member.reason : null;
      for (const [i, record] of records.entries()) {
        if (problem) break;
        if (record.seq !== i + 1) problem = `event ${i + 1} is missing`;
        else if (record.prevHash !== prev) problem = `event ${record.seq} does not link to the one before`;
        else problem = recordCryptoProblem(record);
        prev = record.hash;
      }
      verdicts.push({ deviceId: member.deviceId, deviceName: member.name, ok: problem === null, length: records.length, problem });
    }
    return verdicts;
  }
}

class BadRecord extends Error {}

/** Another laptop's stored event as the merge reads it. */
const deviceMerged = (row: DeviceEventRow): MergedEvent =>
  ({ ...rowToEvent({ ...row, n: row.device_seq }), device: row.device_id, seq: row.device_seq, parents: JSON.parse(row.parents) as Record<string, number> }) as MergedEvent;

/** This laptop's event as the merge reads it: its device sequence is its chain number. */
const localMerged = (row: EventRow, localId: string, parents: Record<string, number>): MergedEvent =>
  ({ ...rowToEvent(row), device: localId, seq: row.n, parents }) as MergedEvent;

/** A record checked by ingest, as the commit signal carries events (n is its device sequence). */
const recordToEvent = (record: DeviceRecord): LoggedEvent =>
  ({
    id: record.id,
    incidentId: record.incidentId,
    n: record.seq,
    kind: record.kind,
    actor: record.actor,
    occurredAt: record.occurredAt,
    recordedAt: record.recordedAt,
    payload: record.payload,
    prevHash: record.prevHash,
    hash: record.hash,
  }) as LoggedEvent;
