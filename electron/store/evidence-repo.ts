import { uuidv7 } from './ids';
import type { Evidence } from '../../shared/ipc/store-schemas';
import { CordonError } from '../../shared/ipc/result';
import type { LoggedEvent } from '../../shared/events/event';
import { prepareRead, type WritableDB } from './database';
import type { WriteTx } from './store-writer';
import { sha256Hex } from './hash';

interface EvidenceRow {
  id: string;
  incident_id: string;
  event_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  added_at: string;
  added_by: string;
}

const metaColumns = 'id, incident_id, event_id, name, media_type, size, sha256, added_at, added_by';

/** Evidence files, stored encrypted inside the database, each recorded by an evidence_added event. */
export class EvidenceRepo {
  private prepared: ReturnType<EvidenceRepo['prepare']> | null = null;

  constructor(
    private readonly db: WritableDB,
    private readonly newId: () => string = () => uuidv7(),
  ) {}

  // Prepared on first use, so a store opened at an older schema (tests, the CLI) still opens.
  private get s() {
    return (this.prepared ??= this.prepare(this.db));
  }

  private prepare(db: WritableDB) {
    return {
      insert: db.prepare(
        `INSERT INTO evidence (id, incident_id, event_id, name, media_type, size, sha256, added_at, added_by, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      list: prepareRead<[string], EvidenceRow>(db, `SELECT ${metaColumns} FROM evidence WHERE incident_id = ? ORDER BY added_at, id`),
      meta: prepareRead<[string], EvidenceRow>(db, `SELECT ${metaColumns} FROM evidence WHERE id = ?`),
      data: prepareRead<[string], Buffer>(db, 'SELECT data FROM evidence WHERE id = ?').pluck(),
      // Notes and custody come from the log itself; a redacted event shows neither.
      trail: prepareRead<[string], { id: string; kind: string; actor: string; recorded_at: string; payload: string }>(
        db,
        `SELECT e.id, e.kind, e.actor, e.recorded_at, e.payload FROM events e
          WHERE e.incident_id = ? AND e.kind IN ('evidence_added', 'evidence_exported')
            AND NOT EXISTS (SELECT 1 FROM events r WHERE r.target_id = e.id AND r.kind = 'redact')
          ORDER BY e.seq`,
      ),
    };
  }

  /** The hash and size are computed here, from the bytes actually stored. */
  add(tx: WriteTx, incidentId: string, actor: string, name: string, mediaType: string, data: Buffer, note?: string): { evidence: Evidence; event: LoggedEvent } {
    const id = this.newId();
    const sha256 = sha256Hex(data);
    const { event } = tx.append({
      incidentId,
      actor,
      body: { kind: 'evidence_added', payload: { evidenceId: id, name, mediaType, size: data.length, sha256, ...(note ? { note } : {}) } },
    });
    this.s.insert.run(id, incidentId, event.id, name, mediaType, data.length, sha256, event.recordedAt, actor, data);
    return { evidence: this.meta(id), event };
  }

  list(incidentId: string): Evidence[] {
    return this.s.list.all(incidentId).map(toEvidence);
  }

  /** The list with each item's note and its chain of custody (every copy written out). */
  listWithCustody(incidentId: string): Evidence[] {
    const notes = new Map<string, string>();
    const custody = new Map<string, NonNullable<Evidence['custody']>>();
    for (const row of this.s.trail.all(incidentId)) {
      const payload = JSON.parse(row.payload) as { evidenceId: string; note?: string; destination?: string };
      if (row.kind === 'evidence_added') {
        if (payload.note) notes.set(payload.evidenceId, payload.note);
      } else {
        const list = custody.get(payload.evidenceId) ?? [];
        list.push({ at: row.recorded_at, actor: row.actor, destination: payload.destination ?? '', eventId: row.id });
        custody.set(payload.evidenceId, list);
      }
    }
    return this.list(incidentId).map((e) => ({ ...e, note: notes.get(e.id) ?? null, custody: custody.get(e.id) ?? [] }));
  }

  meta(evidenceId: string): Evidence {
    const row = this.s.meta.get(evidenceId);
    if (!row) throw new CordonError('not_found', 'There is no such evidence.');
    return toEvidence(row);
  }

  /** The stored bytes, checked against the hash recorded when they came in. */
  read(evidenceId: string): { evidence: Evidence; data: Buffer } {
    const evidence = this.meta(evidenceId);
    const data = this.s.data.get(evidenceId);
    if (!data || sha256Hex(data) !== evidence.sha256) {
      throw new CordonError('unavailable', 'This evidence no longer matches the hash recorded when it was added.');
    }
    return { evidence, data };
  }

  /** A copy left the store: its custody event, in the caller's transaction. */
  recordExport(tx: WriteTx, evidence: Evidence, actor: string, destination: string): LoggedEvent {
    return tx.append({
      incidentId: evidence.incidentId,
      actor,
      body: { kind: 'evidence_exported', payload: { evidenceId: evidence.id, sha256: evidence.sha256, size: evidence.size, destination } },
    }).event;
  }
}

function toEvidence(row: EvidenceRow): Evidence {
  return {
    id: row.id,
    incidentId: row.incident_id,
    name: row.name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    addedAt: row.added_at,
    addedBy: row.added_by,
    eventId: row.event_id,
  };
}
