import type { LoggedEvent } from '../../shared/events/event';
import { applyEvent, foldIncident, type IncidentState } from '../../shared/events/fold';
import { mergeOrder, type MergeKey, type MergedEvent } from '../../shared/sync/conflict-rules';
import type { WritableDB } from './database';

/** This laptop's own chain, as a shared incident's state carries it: the local write path links to it. */
export interface LocalHead {
  count: number;
  hash: string;
  id: string;
}

/** A merged event as the fold reads it (n is its device sequence). */
export const asFolded = (event: MergedEvent): LoggedEvent => ({ ...event, n: event.seq }) as LoggedEvent;

/**
 * The whole fold of a shared incident: every laptop's events in merge order. Last activity is the
 * newest event any laptop wrote, not the one that happened last; count and head are this laptop's.
 */
export function foldShared(events: readonly LoggedEvent[], head: LocalHead): IncidentState {
  const updatedAt = events.reduce((latest, e) => (e.recordedAt > latest ? e.recordedAt : latest), '');
  return { ...foldIncident(events), updatedAt, eventCount: head.count, headHash: head.hash, headEventId: head.id };
}

/**
 * The same state as `foldShared` over the folded events and `fresh`, when that is so: every fresh
 * event comes after `last` (the last folded one) in merge order, and none is a declaration, a
 * correction, or the target of one (whose effect reaches back). Null when only a whole fold will do.
 */
export function foldOnto(state: IncidentState, last: MergeKey, fresh: readonly MergedEvent[], corrected: (ids: string[]) => boolean, head: LocalHead): IncidentState | null {
  const sorted = [...fresh].sort(mergeOrder);
  if (sorted.some((e) => e.kind === 'declared' || e.kind === 'amend' || e.kind === 'redact' || mergeOrder(e, last) <= 0)) return null;
  if (corrected(sorted.map((e) => e.id))) return null;
  let next = state;
  let updatedAt = state.updatedAt;
  for (const event of sorted) {
    next = applyEvent(next, asFolded(event));
    if (event.recordedAt > updatedAt) updatedAt = event.recordedAt;
  }
  return { ...next, updatedAt, eventCount: head.count, headHash: head.hash, headEventId: head.id };
}

/** What a shared incident's stored state is the fold of. */
export interface FoldMark {
  state: IncidentState;
  /** The last folded event in merge order. */
  last: MergeKey;
  /** Folded: other laptops' events (not refused) up to this device_events.seq, and this laptop's first localCount. */
  deviceSeq: number;
  localCount: number;
}

/**
 * The marks of the shared incidents folded in this session. Each is set in the transaction that
 * writes the state and is good only while a row of the connection's TEMP table (in memory,
 * transactional like the rest) still holds its nonce: a write rolled back, or a savepoint, takes
 * the mark with it, so a mark never describes a state that is not the one stored.
 */
export class FoldMarks {
  private readonly marks = new Map<string, FoldMark & { nonce: number }>();
  private nonce = 0;
  private readonly s;

  /** Made when the store opens, outside any transaction (a TEMP table made in one that rolls back would go with it). */
  constructor(private readonly db: WritableDB) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS fold_marks (incident_id TEXT PRIMARY KEY, nonce INTEGER NOT NULL)');
    this.s = {
      get: db.prepare<[string], number>('SELECT nonce FROM temp.fold_marks WHERE incident_id = ?').pluck(),
      set: db.prepare('INSERT INTO temp.fold_marks (incident_id, nonce) VALUES (?, ?) ON CONFLICT (incident_id) DO UPDATE SET nonce = excluded.nonce'),
    };
  }

  get(incidentId: string): FoldMark | null {
    const mark = this.marks.get(incidentId);
    return mark && this.s.get.get(incidentId) === mark.nonce ? mark : null;
  }

  /** Inside the transaction that writes `mark.state` as the incident's state. */
  set(incidentId: string, mark: FoldMark): void {
    if (!this.db.inTransaction) throw new Error('a fold mark is set only with the state it describes');
    this.nonce += 1;
    this.s.set.run(incidentId, this.nonce);
    this.marks.set(incidentId, { ...mark, nonce: this.nonce });
  }
}
