import { z } from 'zod';
import { eventKinds } from './kinds';
import { incidentKindSchema, incidentStatusSchema } from './primitives';

// What the store hands out about incidents and their events: the log as stored, the log as the
// timeline shows it, and an incident's summary. The IPC contract and every domain folder read
// these from here, so no domain folder needs shared/ipc.

export const storedEventSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  n: z.number().int(),
  kind: z.enum(eventKinds),
  actor: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type StoredEvent = z.infer<typeof storedEventSchema>;

/** An event as the timeline shows it: its latest amend applied, its content gone if redacted. */
export const eventViewSchema = storedEventSchema.extend({
  /** occurredAt after amends (the original stays in `occurredAt`). */
  effectiveOccurredAt: z.string(),
  /** Payload after amends; null when redacted. */
  effectivePayload: z.record(z.string(), z.unknown()).nullable(),
  amendedBy: z.array(z.string()),
  redactedBy: z.string().nullable(),
  key: z.boolean(),
});
export type EventView = z.infer<typeof eventViewSchema>;

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
