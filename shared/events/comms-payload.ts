import { z } from 'zod';
import { audienceKindSchema } from '../comms/audiences';
import { refIdSchema, severitySchema, shortTextSchema } from './primitives';

/** The longest update Cordon logs: a long e-mail, far below what would bloat the log. */
export const maxUpdateChars = 20_000;

export const updateTextSchema = z
  .string()
  .trim()
  .min(1, 'the update is empty: write or draft its text first')
  .max(maxUpdateChars, `the update is longer than ${maxUpdateChars.toLocaleString('en')} characters`);

/**
 * `comms_update_sent`: an update the team sent by hand (Cordon sends nothing). The main process
 * fills in the audience's name and kind from the incident's audiences, the severity at the time
 * and, in an exercise, the exercise time; the text is what was sent.
 */
export const commsUpdatePayloadSchema = z
  .object({
    audience: refIdSchema,
    audienceName: shortTextSchema,
    audienceKind: audienceKindSchema,
    subject: shortTextSchema.optional(),
    text: updateTextSchema,
    format: z.enum(['plain', 'markdown']),
    channel: shortTextSchema.optional(),
    templateKey: refIdSchema.optional(),
    /** The next update promised, in minutes from this one. */
    nextUpdateMinutes: z.number().int().min(1).max(43_200).optional(),
    severity: severitySchema.optional(),
    /** The compliance duty a regulator notice meets (a regulator_notified event is written with it). */
    dutyKey: refIdSchema.optional(),
    exerciseMs: z.number().int().nonnegative().optional(),
  })
  .strict();
