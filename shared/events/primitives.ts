import { z } from 'zod';

// Building blocks shared by the payload schemas and the IPC contract.

/** A UTC instant as ISO 8601 with a Z suffix; stored normalised to milliseconds. */
export const utcTimestampSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/, 'must be a UTC time like 2024-05-01T09:12:00Z')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date')
  .transform((value) => new Date(value).toISOString());

/** Identifiers chosen by the app or a playbook (run ids, checklist item ids, level ids). */
export const refIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'may hold only letters, digits and . _ : -');

export const shortTextSchema = z.string().trim().min(1, 'must not be empty').max(200);
export const longTextSchema = z.string().trim().min(1, 'must not be empty').max(20_000);
export const reasonSchema = z.string().trim().min(1, 'say why').max(2_000);
export const personSchema = z.string().trim().min(1, 'must name a person').max(100);
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase SHA-256 hex digest');

export const incidentKindSchema = z.enum(['real', 'exercise']);
export type IncidentKind = z.infer<typeof incidentKindSchema>;

export const incidentStatusSchema = z.enum(['active', 'mitigated', 'resolved', 'closed']);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/** Severity levels come from the playbook's scheme (SEV1, P2, ...), so any short id. */
export const severitySchema = refIdSchema;
