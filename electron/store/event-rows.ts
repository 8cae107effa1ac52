import type { LoggedEvent } from '../../shared/events/event';
import type { EventKind } from '../../shared/events/kinds';

/** The events table's columns, in the order every SELECT in the store lists them. */
export const eventColumns =
  'seq, id, incident_id, n, kind, actor, occurred_at, recorded_at, payload, prev_hash, hash';

export interface EventRow {
  seq: number;
  id: string;
  incident_id: string;
  n: number;
  kind: string;
  actor: string;
  occurred_at: string;
  recorded_at: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

export function rowToEvent(row: EventRow): LoggedEvent {
  return {
    id: row.id,
    incidentId: row.incident_id,
    n: row.n,
    kind: row.kind as EventKind,
    actor: row.actor,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  } as LoggedEvent;
}
