import type { TimelineRow, TimelineRowOf } from '../events/read-models';

/** An amend or a redaction: an event that points at another. */
export type Correction = TimelineRowOf<'amend'> | TimelineRowOf<'redact'>;

// The corrections of each event (amends and its redaction), for "show history" and for the
// "Redacted: <reason>" line. One pass over the log; rows look themselves up in O(1).

export interface CorrectionIndex {
  /** targetEventId -> the amend/redact events pointing at it, in log order. */
  byTarget: ReadonlyMap<string, readonly Correction[]>;
}

export function buildCorrectionIndex(events: readonly TimelineRow[]): CorrectionIndex {
  const byTarget = new Map<string, Correction[]>();
  for (const e of events) {
    if (e.kind !== 'amend' && e.kind !== 'redact') continue;
    const target = e.payload.targetEventId;
    const list = byTarget.get(target);
    if (list) list.push(e);
    else byTarget.set(target, [e]);
  }
  for (const list of byTarget.values()) list.sort((a, b) => a.n - b.n);
  return { byTarget };
}

export type HistoryEntry =
  | { kind: 'original'; occurredAt: string; recordedAt: string; actor: string; payload: Record<string, unknown> }
  | {
      kind: 'amend';
      eventId: string;
      recordedAt: string;
      actor: string;
      reason: string;
      occurredAt?: string;
      payload?: Record<string, unknown>;
      key?: boolean;
    }
  | { kind: 'redact'; eventId: string; recordedAt: string; actor: string; reason: string };

/** The original event, then each correction in the order it was written. */
export function historyOf(event: TimelineRow, index: CorrectionIndex): HistoryEntry[] {
  const out: HistoryEntry[] = [
    { kind: 'original', occurredAt: event.occurredAt, recordedAt: event.recordedAt, actor: event.actor, payload: event.payload },
  ];
  for (const c of index.byTarget.get(event.id) ?? []) {
    const { reason } = c.payload;
    if (c.kind === 'redact') out.push({ kind: 'redact', eventId: c.id, recordedAt: c.recordedAt, actor: c.actor, reason });
    else {
      const { occurredAt, payload, key } = c.payload;
      out.push({
        kind: 'amend',
        eventId: c.id,
        recordedAt: c.recordedAt,
        actor: c.actor,
        reason,
        ...(occurredAt !== undefined ? { occurredAt } : {}),
        ...(payload !== undefined ? { payload } : {}),
        ...(key !== undefined ? { key } : {}),
      });
    }
  }
  return out;
}

/** The reason of the redaction of `event`, if it is redacted and the redact event is loaded. */
export function redactionReason(event: TimelineRow, index: CorrectionIndex): string | null {
  if (event.redactedBy === null) return null;
  const r = index.byTarget.get(event.id)?.find((c) => c.id === event.redactedBy);
  return r?.payload.reason ?? null;
}
