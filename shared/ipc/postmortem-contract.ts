import { z } from 'zod';
import { actionItemTypeSchema } from '../events/payloads';
import { personSchema, refIdSchema, shortTextSchema } from '../events/primitives';
import { deliverySchema } from './file-schemas';

// The post-mortem's methods: the draft from the record, revisions (each save a
// postmortem_saved event), status, action items, and the three exports. Spread into
// `contract` in contract.ts.

const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Cordon id');

export const postmortemStatusSchema = z.enum(['draft', 'in_review', 'published']);
export const actionItemStatusSchema = z.enum(['open', 'in_progress', 'done', 'wont_do']);
export const maxPostmortemChars = 1_000_000;

export const actionItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.string().nullable(),
  dueDate: z.string().nullable(),
  type: actionItemTypeSchema.nullable(),
  status: actionItemStatusSchema,
  createdAt: z.string(),
  createdBy: z.string(),
});

export const revisionInfoSchema = z.object({
  revision: z.number().int(),
  savedAt: z.string(),
  actor: z.string(),
  eventId: z.string(),
  chars: z.number().int(),
  redacted: z.boolean(),
});

export const postmortemDraftInputSchema = z
  .object({ incidentId: id, template: refIdSchema.optional(), timeline: z.enum(['key', 'all']).optional() })
  .strict();
export const postmortemDraftOutputSchema = z.object({ markdown: z.string(), template: z.string() });

export const postmortemGetInputSchema = z.object({ incidentId: id }).strict();
export const postmortemViewSchema = z.object({
  incidentId: z.string(),
  /** The latest readable revision's text; null before the first save. */
  markdown: z.string().nullable(),
  /** The latest revision number (pass it as baseRevision when saving); 0 before the first save. */
  revision: z.number().int(),
  status: z.enum(['none', 'draft', 'in_review', 'published']),
  revisions: z.array(revisionInfoSchema),
  actionItems: z.array(actionItemSchema),
  templates: z.array(z.object({ key: z.string(), name: z.string() })),
});
export type PostmortemView = z.infer<typeof postmortemViewSchema>;

export const postmortemSaveInputSchema = z
  .object({
    incidentId: id,
    markdown: z.string().max(maxPostmortemChars, 'the post-mortem is longer than a million characters'),
    /** The revision the text was based on; a stale one is a conflict (someone saved meanwhile). */
    baseRevision: z.number().int().min(0),
  })
  .strict();
export const postmortemSaveOutputSchema = z.object({ revision: z.number().int(), eventId: z.string(), savedAt: z.string() });

export const postmortemRevisionInputSchema = z.object({ incidentId: id, revision: z.number().int().positive() }).strict();
export const postmortemRevisionOutputSchema = z.object({
  revision: z.number().int(),
  markdown: z.string(),
  savedAt: z.string(),
  actor: z.string(),
});

export const postmortemSetStatusInputSchema = z.object({ incidentId: id, status: postmortemStatusSchema }).strict();

const dueDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-05-31');
export const actionItemSaveInputSchema = z
  .object({
    incidentId: id,
    /** Absent: create a new item. */
    actionItemId: refIdSchema.optional(),
    title: shortTextSchema.optional(),
    owner: personSchema.nullable().optional(),
    dueDate: dueDate.nullable().optional(),
    type: actionItemTypeSchema.nullable().optional(),
    status: actionItemStatusSchema.optional(),
  })
  .strict()
  .refine((p) => p.actionItemId !== undefined || p.title !== undefined, { message: 'a new action item needs a title', path: ['title'] });

/** No path: the main process offers the file (a native save dialog, or a browser download). */
export const exportInputSchema = z.object({ incidentId: id, pageSize: z.enum(['A4', 'Letter']).optional() }).strict();
/** The exerciseReport's output (inline bytes for the page to download). */
export const exportOutputSchema = z.object({
  /** Where the file was written; null when returned inline. */
  path: z.string().nullable(),
  fileName: z.string(),
  mediaType: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  chainHead: z.string(),
  base64: z.string().optional(),
});
export type ExportOutput = z.infer<typeof exportOutputSchema>;
export const exportResultSchema = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  chainHead: z.string(),
  delivery: deliverySchema,
});
export type ExportResult = z.infer<typeof exportResultSchema>;

export const postmortemContract = {
  postmortemDraft: { input: postmortemDraftInputSchema, output: postmortemDraftOutputSchema },
  postmortemGet: { input: postmortemGetInputSchema, output: postmortemViewSchema },
  postmortemSave: { input: postmortemSaveInputSchema, output: postmortemSaveOutputSchema },
  postmortemRevision: { input: postmortemRevisionInputSchema, output: postmortemRevisionOutputSchema },
  postmortemSetStatus: { input: postmortemSetStatusInputSchema, output: postmortemViewSchema },
  actionItemSave: { input: actionItemSaveInputSchema, output: z.array(actionItemSchema) },
  exportMarkdown: { input: exportInputSchema, output: exportResultSchema },
  exportPdf: { input: exportInputSchema, output: exportResultSchema },
  exportBundle: { input: exportInputSchema, output: exportResultSchema },
} as const;

export type PostmortemMethodName = keyof typeof postmortemContract;
