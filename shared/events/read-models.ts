import { z } from 'zod';
import { eventKinds, type EventKind } from './kinds';
import { payloadSchemas, type PayloadOf } from './payloads';
import { incidentKindSchema, incidentStatusSchema } from './primitives';

// What the store hands out about incidents and their events: the log as stored, the log as the
// timeline shows it, and an incident's summary. The IPC contract and every domain folder read
// these from here, so no domain folder needs shared/ipc. Events are one union discriminated by
// `kind`: narrowing on the kind types the payload, so a renamed payload field fails to compile
// wherever it is read (see typed-events.typecheck.ts).

const eventFields = {
  id: z.string(),
  incidentId: z.string(),
  /** 1-based position in the incident's chain. */
  n: z.number().int(),
  actor: z.string(),
  /** When it happened in the world (UTC ISO); changed only by a later amend event. */
  occurredAt: z.string(),
  /** When it was written (UTC ISO); never changes. */
  recordedAt: z.string(),
  prevHash: z.string(),
  hash: z.string(),
};

/** What the timeline adds to an event: its corrections, applied. */
const correctionFields = {
  /** occurredAt after amends (the original stays in `occurredAt`). */
  effectiveOccurredAt: z.string(),
  amendedBy: z.array(z.string()),
  redactedBy: z.string().nullable(),
  key: z.boolean(),
};

/** An event another laptop wrote (sync): which laptop, and whether it arrived late or from a skewed clock. */
export const eventOriginSchema = z.object({
  device: z.string(),
  deviceName: z.string(),
  /** Reached this laptop more than a minute after it was written. */
  late: z.boolean(),
  /** Written with a clock more than two minutes ahead of this laptop's. */
  skewed: z.boolean(),
});
export type EventOrigin = z.output<typeof eventOriginSchema>;

type EventFields = { [F in keyof typeof eventFields]: z.output<(typeof eventFields)[F]> };
type CorrectionFields = { [F in keyof typeof correctionFields]: z.output<(typeof correctionFields)[F]> };

/** One event as stored, of kind K. */
export type StoredEventOf<K extends EventKind> = EventFields & { kind: K; payload: PayloadOf<K> };
export type StoredEvent = { [K in EventKind]: StoredEventOf<K> }[EventKind];

/** An event as the timeline shows it: its latest amend applied, its content gone if redacted. */
export type EventViewOf<K extends EventKind> = StoredEventOf<K> &
  CorrectionFields & {
    /** Payload after amends (an amend's replacement is checked against the kind by the store); null when redacted. */
    effectivePayload: PayloadOf<K> | null;
    /** Set on another laptop's event; absent on this laptop's own. */
    origin?: EventOrigin;
  };
export type EventView = { [K in EventKind]: EventViewOf<K> }[EventKind];

// One variant per kind. zod cannot infer a union built from a list, so the schema is declared
// to be the union above; each variant is exactly that kind's fields.
const storedVariant = (kind: EventKind) => z.object({ ...eventFields, kind: z.literal(kind), payload: payloadSchemas[kind] });
const viewVariant = (kind: EventKind) =>
  z.object({ ...eventFields, ...correctionFields, kind: z.literal(kind), payload: payloadSchemas[kind], effectivePayload: payloadSchemas[kind].nullable(), origin: eventOriginSchema.optional() });
type Variants<T> = [T, ...T[]];

export const storedEventSchema = z.discriminatedUnion('kind', eventKinds.map(storedVariant) as Variants<ReturnType<typeof storedVariant>>) as unknown as z.ZodType<StoredEvent>;
export const eventViewSchema = z.discriminatedUnion('kind', eventKinds.map(viewVariant) as Variants<ReturnType<typeof viewVariant>>) as unknown as z.ZodType<EventView>;

/**
 * What a window of the war room's timeline carries of an event: its view without the chain's
 * hashes and the incident's id, which no row shows (the chain is checked in the main process
 * and by the integrity card); they were 40% of each row sent. An EventView is one too.
 */
type ChainFields = 'prevHash' | 'hash' | 'incidentId';
export type TimelineRowOf<K extends EventKind> = Omit<EventViewOf<K>, ChainFields>;
export type TimelineRow = { [K in EventKind]: TimelineRowOf<K> }[EventKind];
const rowVariant = (kind: EventKind) => viewVariant(kind).omit({ prevHash: true, hash: true, incidentId: true });
export const timelineRowSchema = z.discriminatedUnion('kind', eventKinds.map(rowVariant) as Variants<ReturnType<typeof rowVariant>>) as unknown as z.ZodType<TimelineRow>;

/** An event's view as a timeline row. */
export function timelineRow(view: EventView): TimelineRow {
  const { prevHash: _prevHash, hash: _hash, incidentId: _incidentId, ...row } = view;
  return row;
}

export const incidentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: incidentKindSchema,
  status: incidentStatusSchema,
  severity: z.string().nullable(),
  phase: z.string().nullable(),
  declaredAt: z.string(),
  updatedAt: z.string(),
  eventCount: z.number().int(),
  commander: z.string().nullable(),
  /** The pinned playbook version, "id:version" (see shared/playbook/library.ts). */
  playbookRef: z.string().nullable(),
  headHash: z.string(),
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;
