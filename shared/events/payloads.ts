import { z } from 'zod';
import type { EventKind } from './kinds';
import { commsUpdatePayloadSchema } from './comms-payload';
import {
  incidentKindSchema,
  incidentStatusSchema,
  longTextSchema,
  personSchema,
  reasonSchema,
  refIdSchema,
  severitySchema,
  sha256HexSchema,
  shortTextSchema,
  utcTimestampSchema,
} from './primitives';

// One strict schema per event kind: unknown keys are refused rather than stored, so what is
// hashed is exactly what the schema describes. See README.md for the meaning of each field.

export const actionItemTypeSchema = z.enum(['detective', 'preventive', 'corrective']);
export type ActionItemType = z.infer<typeof actionItemTypeSchema>;

const deviceKeySchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a device key');
const fingerprintSchema = z.string().regex(/^\d{3} \d{3} \d{3}$/, 'must be a nine-digit fingerprint');

const uuidLike = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be an id');

/** What an amend may change; the amend payload and the eventAmend method share it. */
export const amendChangesShape = {
  occurredAt: utcTimestampSchema.optional(),
  // Replaces the target's whole payload; validated against the target's kind by the store.
  payload: z.record(z.string(), z.unknown()).optional(),
  key: z.boolean().optional(),
};

/** An amend that changes nothing is refused. */
export const amendsSomething = (p: { occurredAt?: unknown; payload?: unknown; key?: unknown }): boolean =>
  p.occurredAt !== undefined || p.payload !== undefined || p.key !== undefined;

export const payloadSchemas = {
  declared: z
    .object({
      title: shortTextSchema,
      kind: incidentKindSchema,
      severity: severitySchema.optional(),
      summary: longTextSchema.optional(),
      playbookId: refIdSchema.optional(),
      commander: personSchema.optional(),
    })
    .strict(),
  note: z.object({ text: longTextSchema, key: z.boolean().optional() }).strict(),
  severity_changed: z
    .object({
      severity: severitySchema,
      reason: reasonSchema.optional(),
      // The impact x urgency cell the call was made on, when it was made on the matrix.
      cell: z.object({ row: shortTextSchema, column: shortTextSchema }).strict().optional(),
    })
    .strict(),
  status_changed: z.object({ status: incidentStatusSchema, reason: reasonSchema.optional() }).strict(),
  phase_changed: z.object({ phase: refIdSchema, reason: reasonSchema.optional() }).strict(),
  role_assigned: z.object({ role: refIdSchema, person: personSchema.nullable() }).strict(),
  checklist_item_set: z
    .object({ itemId: refIdSchema, phase: refIdSchema.optional(), label: shortTextSchema.optional(), done: z.boolean() })
    .strict(),
  checklist_item_assigned: z
    // `label`: the item as shown when it was assigned, so an item added during the incident reads as text, not an id.
    .object({ itemId: refIdSchema, phase: refIdSchema.optional(), label: shortTextSchema.optional(), assignee: personSchema.nullable() })
    .strict(),
  personal_data_flagged: z.object({ involved: z.boolean(), reason: reasonSchema.optional() }).strict(),
  regulator_notified: z
    .object({ dutyKey: refIdSchema, authority: shortTextSchema.optional(), reference: shortTextSchema.optional() })
    .strict(),
  script_started: z
    .object({
      runId: refIdSchema,
      actionId: refIdSchema,
      argv: z.array(z.string().max(4_000)).min(1).max(200),
      simulated: z.boolean(),
      // The action's name when the run started, and the checked parameter values (a snippet
      // receives them as environment variables, so argv alone would not show them). Optional:
      // older runs have neither. Secret environment values are never recorded.
      name: shortTextSchema.optional(),
      params: z.record(z.string().max(64), z.string().max(4_000)).optional(),
    })
    .strict(),
  script_finished: z
    .object({
      runId: refIdSchema,
      outcome: z.enum(['succeeded', 'failed', 'cancelled', 'timed_out', 'simulated']),
      exitCode: z.number().int().nullable(),
      signal: z.string().max(20).nullable().optional(),
      durationMs: z.number().int().nonnegative(),
      outputSha256: sha256HexSchema,
      outputBytes: z.number().int().nonnegative(),
      truncated: z.boolean().optional(),
      // Processes still in the run's process group after the program exited, ended by Cordon.
      stragglersKilled: z.number().int().positive().optional(),
    })
    .strict(),
  evidence_added: z
    .object({
      evidenceId: uuidLike,
      name: shortTextSchema,
      mediaType: z.string().min(1).max(200),
      size: z.number().int().nonnegative(),
      sha256: sha256HexSchema,
      /** What the person attaching it said about it (optional; absent in events before it existed). */
      note: longTextSchema.optional(),
    })
    .strict(),
  evidence_exported: z
    .object({
      evidenceId: uuidLike,
      sha256: sha256HexSchema,
      size: z.number().int().nonnegative(),
      destination: z.string().min(1).max(4_000),
    })
    .strict(),
  postmortem_saved: z
    .object({ revision: z.number().int().positive(), markdown: z.string().max(1_000_000) })
    .strict(),
  postmortem_status: z.object({ status: z.enum(['draft', 'in_review', 'published']) }).strict(),
  action_item_created: z
    .object({
      actionItemId: refIdSchema,
      title: shortTextSchema,
      owner: personSchema.optional(),
      dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-05-31').optional(),
      // What the follow-up does about the failure (post-mortem practice): find it sooner,
      // stop it happening, or repair what it broke. Optional: older items have none.
      type: actionItemTypeSchema.optional(),
    })
    .strict(),
  action_item_updated: z
    .object({
      actionItemId: refIdSchema,
      title: shortTextSchema.optional(),
      owner: personSchema.nullable().optional(),
      dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
      status: z.enum(['open', 'in_progress', 'done', 'wont_do']).optional(),
      type: actionItemTypeSchema.nullable().optional(),
    })
    .strict(),
  amend: z
    .object({ targetEventId: uuidLike, reason: reasonSchema, ...amendChangesShape })
    .strict()
    .refine(amendsSomething, { message: 'an amend must change occurredAt, payload or key' }),
  redact: z.object({ targetEventId: uuidLike, reason: reasonSchema }).strict(),
  inject: z
    .object({ title: shortTextSchema, text: longTextSchema, injectId: refIdSchema.optional() })
    .strict(),
  comms_update_sent: commsUpdatePayloadSchema,
  document_exported: z
    .object({
      document: z.enum(['postmortem', 'after_action_report', 'bundle']),
      format: z.enum(['markdown', 'pdf', 'zip']),
      fileName: shortTextSchema,
      bytes: z.number().int().nonnegative(),
      sha256: sha256HexSchema,
      // The head the export carries: the chain just before this event.
      chainHead: sha256HexSchema,
      // The post-mortem revision exported (0: the draft from the record, never saved).
      revision: z.number().int().nonnegative().optional(),
      destination: z.string().min(1).max(4_000),
    })
    .strict(),
  exercise_decision: z.object({ injectId: refIdSchema, text: longTextSchema }).strict(),
  objective_assessed: z
    .object({ objectiveId: refIdSchema, rating: z.enum(['met', 'partly', 'not_met']), note: longTextSchema.optional() })
    .strict(),
  hot_wash_noted: z.object({ category: z.enum(['went_well', 'to_improve']), text: longTextSchema }).strict(),
  device_joined: z.object({ deviceId: deviceKeySchema, name: shortTextSchema, fingerprint: fingerprintSchema }).strict(),
  device_admitted: z.object({ deviceId: deviceKeySchema, name: shortTextSchema, fingerprint: fingerprintSchema }).strict(),
  device_removed: z.object({ deviceId: deviceKeySchema, name: shortTextSchema, cutoff: z.number().int().nonnegative() }).strict(),
} as const satisfies Record<EventKind, z.ZodType>;

export type PayloadOf<K extends EventKind> = z.output<(typeof payloadSchemas)[K]>;

/** An event body as written: the kind and its payload, discriminated on `kind`. */
export const eventBodySchema = z.discriminatedUnion(
  'kind',
  (Object.keys(payloadSchemas) as EventKind[]).map((kind) =>
    z.object({ kind: z.literal(kind), payload: payloadSchemas[kind] }),
  ) as unknown as [EventBodyVariant, ...EventBodyVariant[]],
);
type EventBodyVariant = z.ZodObject<{ kind: z.ZodLiteral<EventKind>; payload: z.ZodType }>;

export type EventBody = { [K in EventKind]: { kind: K; payload: PayloadOf<K> } }[EventKind];

/** Validates one payload for a known kind; used by amend, whose replacement is typed by its target. */
export function parsePayload<K extends EventKind>(kind: K, payload: unknown) {
  return (payloadSchemas[kind] as unknown as z.ZodType<PayloadOf<K>>).safeParse(payload);
}
