import { z } from 'zod';
import { audienceKindSchema } from '../comms/audiences';
import { updateTextSchema } from '../events/comms-payload';
import { refIdSchema, shortTextSchema } from '../events/primitives';
import { storedEventSchema } from './store-schemas';

// Stakeholder updates: Cordon drafts them and sends nothing; the team sends each by hand and
// marks it sent here. Spread into `contract` in contract.ts.

const cordonId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Cordon id');

/**
 * An update marked as sent. `audience` names one of the incident's audiences; `newAudience`
 * adds one on the spot (its key is made from its name by the main process). No actor, no time:
 * the main process stamps who (the name in settings) and when (now, and exercise time).
 */
export const commsUpdateSendInputSchema = z
  .object({
    incidentId: cordonId,
    audience: refIdSchema.optional(),
    newAudience: z.object({ name: shortTextSchema, kind: audienceKindSchema }).strict().optional(),
    subject: shortTextSchema.optional(),
    text: updateTextSchema,
    format: z.enum(['plain', 'markdown']).default('plain'),
    channel: shortTextSchema.optional(),
    templateKey: refIdSchema.optional(),
    nextUpdateMinutes: z.number().int().min(1, 'the next update must be at least a minute away').max(43_200, 'the next update must be within 30 days').optional(),
    dutyKey: refIdSchema.optional(),
  })
  .strict()
  .refine((v) => (v.audience === undefined) !== (v.newAudience === undefined), { message: 'name one audience: an existing one, or a new one', path: ['audience'] });

export const commsContract = {
  commsUpdateSend: { input: commsUpdateSendInputSchema, output: storedEventSchema },
} as const;

export type CommsMethodName = keyof typeof commsContract;
