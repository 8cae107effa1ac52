import { z } from 'zod';
import { amendChangesShape, amendsSomething } from '../events/payloads';
import {
  incidentKindSchema,
  incidentStatusSchema,
  longTextSchema,
  personSchema,
  reasonSchema,
  refIdSchema,
  severitySchema,
  shortTextSchema,
  utcTimestampSchema,
} from '../events/primitives';
import {
  eventViewSchema,
  incidentSummarySchema,
  storedEventSchema,
  type EventView,
  type IncidentSummary,
  type StoredEvent,
  type TimelineRow,
} from '../events/read-models';
import { incidentStateSchema } from '../events/state-schema';
import { minimumPassphraseLength } from '../vault/passphrase-strength';
import { deliverySchema, uploadId } from './file-schemas';

// Inputs and outputs of the store's IPC methods (vault, incidents, events, evidence, backups).
// No input names its actor: the main process stamps the user's display name (electron/ipc/stamp.ts).

const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Cordon id');
const passphrase = z.string().max(1024, 'is too long (1024 characters at most)');

// ---- vault
export const vaultStateSchema = z.enum(['uninitialised', 'locked', 'unlocked']);
export const vaultStatusSchema = z.object({
  state: vaultStateSchema,
  /** The OS keychain can wrap the key here (not Linux's basic_text backend). */
  keychainAvailable: z.boolean(),
  /** The key is also wrapped by the keychain, so vaultUnlock {keychain: true} may work. */
  keychainEnrolled: z.boolean(),
  autoLockMinutes: z.number().nonnegative(),
});
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

export const vaultCreateInputSchema = z
  .object({ passphrase: passphrase.min(minimumPassphraseLength, `must be at least ${minimumPassphraseLength} characters`) })
  .strict();
export const vaultUnlockInputSchema = z.union([
  z.object({ passphrase: passphrase.min(1, 'is required') }).strict(),
  z.object({ keychain: z.literal(true) }).strict(),
]);
export const vaultChangePassphraseInputSchema = z
  .object({
    current: passphrase.min(1, 'is required'),
    next: passphrase.min(minimumPassphraseLength, `must be at least ${minimumPassphraseLength} characters`),
  })
  .strict();

// ---- incidents and events
// The read models live with the events; the contract names them from there.
export { eventViewSchema, incidentSummarySchema, storedEventSchema };
export type { EventView, IncidentSummary, StoredEvent, TimelineRow };

export const incidentDeclareInputSchema = z
  .object({
    title: shortTextSchema,
    kind: incidentKindSchema.default('real'),
    severity: severitySchema.optional(),
    summary: longTextSchema.optional(),
    playbookId: refIdSchema.optional(),
    commander: personSchema.optional(),
    occurredAt: utcTimestampSchema.optional(),
  })
  .strict();

export const incidentListInputSchema = z
  .object({
    status: z.array(incidentStatusSchema).max(4).optional(),
    severity: z.array(severitySchema).max(20).optional(),
    kind: incidentKindSchema.optional(),
    /** Full-text search over titles and notes; words are ANDed, the last one as a prefix. */
    query: z.string().trim().max(200).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export const incidentListOutputSchema = z.object({ items: z.array(incidentSummarySchema), total: z.number().int() });

export const incidentGetInputSchema = z
  .object({
    incidentId: id,
    /** Return events with n greater than this (0 = from the start). */
    after: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export const incidentGetOutputSchema = z.object({
  incident: incidentSummarySchema,
  /** The full materialised IncidentState (see shared/events/fold.ts). */
  state: incidentStateSchema,
  events: z.array(eventViewSchema),
  /** Pass as `after` for the next page; null at the end of the log. */
  nextAfter: z.number().int().nullable(),
});

export const eventAmendInputSchema = z
  .object({ incidentId: id, targetEventId: id, reason: reasonSchema, ...amendChangesShape })
  .strict()
  .refine(amendsSomething, { message: 'say what to change: occurredAt, payload or key' });
export const eventRedactInputSchema = z.object({ incidentId: id, targetEventId: id, reason: reasonSchema }).strict();

export const chainVerdictSchema = z.object({
  incidentId: z.string(),
  ok: z.boolean(),
  events: z.number().int(),
  headHash: z.string().nullable(),
  /** The first event whose link does not hold, when not ok. */
  firstBadEventId: z.string().nullable(),
  firstBadN: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type ChainVerdict = z.infer<typeof chainVerdictSchema>;
export const incidentVerifyInputSchema = z.object({ incidentId: id.optional() }).strict();
export const incidentVerifyOutputSchema = z.object({ ok: z.boolean(), incidents: z.array(chainVerdictSchema) });

// ---- evidence
export const maxEvidenceBytes = 50 * 1024 * 1024;
export const custodySchema = z.object({ at: z.string(), actor: z.string(), destination: z.string(), eventId: z.string() });
export const evidenceSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  addedAt: z.string(),
  addedBy: z.string(),
  eventId: z.string(),
  /** What the person who attached it said about it. */
  note: z.string().nullable().optional(),
  /** Every copy written out (evidence_exported events), oldest first; only in evidenceList. */
  custody: z.array(custodySchema).optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;
// The bytes arrive first, in chunks (uploadBegin/uploadChunk with purpose 'evidence'); no path.
export const evidenceAddInputSchema = z.object({ incidentId: id, uploadId, note: longTextSchema.optional() }).strict();
export const evidenceListInputSchema = z.object({ incidentId: id }).strict();
export const evidenceExportInputSchema = z.object({ evidenceId: id }).strict();
export const evidenceExportOutputSchema = z.object({ evidence: evidenceSchema, delivery: deliverySchema, eventId: z.string().nullable() });

// ---- backups
export const backupInfoSchema = z.object({
  /** The file name in Cordon's backups folder: what backupRestore takes. */
  name: z.string(),
  path: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
  automatic: z.boolean(),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;
/** Always into Cordon's own backups folder: the main process picks the place and the name. */
export const backupCreateInputSchema = z.object({}).strict();
const backupName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.db$/, 'must be the name of a backup in the list');
/** One of the listed backups by name, or a backup file the user uploaded (purpose 'restore'). */
export const backupRestoreInputSchema = z.union([z.object({ backup: backupName }).strict(), z.object({ uploadId }).strict()]);
export const backupRestoreOutputSchema = z.object({ incidents: z.number().int(), events: z.number().int() });
