import type { LoggedEvent } from './event';
import { effectiveEvent, type EventCorrections } from './fold';
import type { EventKind } from './kinds';
import type { PayloadOf } from './payloads';
import type { EventView, EventViewOf } from './read-models';

/**
 * An event as the timeline shows it: its latest amend applied, its content gone if redacted.
 * The one place an amend's replacement payload (a record on the amend) becomes the target's
 * payload type: the store checked it against the target's kind when the amend was written.
 */
export function eventView(event: LoggedEvent, corrections: EventCorrections, key: boolean): EventView {
  const effective = effectiveEvent(event, corrections);
  const redactedBy = corrections.redactedBy.get(event.id) ?? null;
  return {
    ...event,
    effectiveOccurredAt: effective.occurredAt,
    effectivePayload: redactedBy ? null : effective.payload,
    amendedBy: corrections.amendedBy.get(event.id) ?? [],
    redactedBy,
    key,
  } as EventView;
}

/** An event that is not redacted, so its payload (amends applied) is there to read. */
export type LiveEventOf<K extends EventKind> = EventViewOf<K> & { effectivePayload: PayloadOf<K>; redactedBy: null };
export type LiveEventView = { [K in EventKind]: LiveEventOf<K> }[EventKind];

export const isLive = (e: EventView): e is LiveEventView => e.redactedBy === null && e.effectivePayload !== null;

/** An event's kind and its payload as views read it (amends applied); null when redacted. */
export type EffectiveBody = { [K in EventKind]: { kind: K; payload: PayloadOf<K> | null } }[EventKind];

export const effectiveBody = (e: EventView): EffectiveBody => ({ kind: e.kind, payload: e.redactedBy === null ? e.effectivePayload : null }) as EffectiveBody;
