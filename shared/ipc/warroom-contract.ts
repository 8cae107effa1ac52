import { z } from 'zod';
import {
  incidentStatusSchema,
  longTextSchema,
  personSchema,
  reasonSchema,
  refIdSchema,
  severitySchema,
  shortTextSchema,
  utcTimestampSchema,
} from '../events/primitives';
import { storedEventSchema } from '../events/read-models';

// What a person does in the war room: one method per intent, each with its own strict input.
// No input names an actor, a kind or a payload: the main process stamps who, and a pure
// function in shared/warroom/intents.ts turns the command and the incident's current state into
// the one event it records (or refuses it, saying why). Spread into `contract` in contract.ts.

const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Cordon id');
const command = <T extends z.ZodRawShape>(shape: T) => z.object({ incidentId: id, ...shape }).strict();
const checklistItem = { phase: refIdSchema, itemId: refIdSchema };

export const noteAddInputSchema = command({ text: longTextSchema, key: z.boolean().optional(), occurredAt: utcTimestampSchema.optional() });
export const eventStarInputSchema = command({ eventId: id, key: z.boolean() });
export const severityCallInputSchema = command({
  severity: severitySchema,
  rationale: reasonSchema,
  cell: z.object({ row: shortTextSchema, column: shortTextSchema }).strict().optional(),
});
export const statusSetInputSchema = command({ status: incidentStatusSchema, reason: reasonSchema.optional() });
export const phaseStartInputSchema = command({ phase: refIdSchema });
export const roleAssignInputSchema = command({ role: refIdSchema, person: personSchema });
export const roleHandoffInputSchema = command({ role: refIdSchema, to: personSchema });
export const roleReleaseInputSchema = command({ role: refIdSchema });
export const checklistTickInputSchema = command(checklistItem);
export const checklistUntickInputSchema = command(checklistItem);
export const checklistAssignInputSchema = command({ ...checklistItem, assignee: personSchema.nullable() });
// Longer text is cut to the label's 200 characters, as the checklist shows it.
export const checklistAddInputSchema = command({ phase: refIdSchema, text: z.string().trim().min(1, 'must not be empty').max(2_000) });
export const personalDataFlagInputSchema = command({ involved: z.boolean(), reason: reasonSchema.optional() });
export const regulatorNotifiedInputSchema = command({ dutyKey: refIdSchema, authority: shortTextSchema.optional() });

export const warRoomContract = {
  noteAdd: { input: noteAddInputSchema, output: storedEventSchema },
  eventStar: { input: eventStarInputSchema, output: storedEventSchema },
  severityCall: { input: severityCallInputSchema, output: storedEventSchema },
  statusSet: { input: statusSetInputSchema, output: storedEventSchema },
  phaseStart: { input: phaseStartInputSchema, output: storedEventSchema },
  roleAssign: { input: roleAssignInputSchema, output: storedEventSchema },
  roleHandoff: { input: roleHandoffInputSchema, output: storedEventSchema },
  roleRelease: { input: roleReleaseInputSchema, output: storedEventSchema },
  checklistTick: { input: checklistTickInputSchema, output: storedEventSchema },
  checklistUntick: { input: checklistUntickInputSchema, output: storedEventSchema },
  checklistAssign: { input: checklistAssignInputSchema, output: storedEventSchema },
  checklistAdd: { input: checklistAddInputSchema, output: storedEventSchema },
  personalDataFlag: { input: personalDataFlagInputSchema, output: storedEventSchema },
  regulatorNotified: { input: regulatorNotifiedInputSchema, output: storedEventSchema },
} as const;

export type WarRoomMethodName = keyof typeof warRoomContract;
