import { z } from 'zod';
import { shortTextSchema } from '../events/primitives';

// Files in and out of Cordon. The renderer never names a path: what it writes out is offered by
// the main process (Electron: a native save dialog; the browser harness: a one-time download the
// page then fetches), and what it reads in arrives as bytes the page was given by the user
// (a file picker or a drop), sent in chunks.

/** What happened to a file the main process offered. The renderer fetches `url` for a download. */
export const deliverySchema = z.discriminatedUnion('kind', [
  /** Written where the user chose in the native save dialog; the name only, for the message. */
  z.object({ kind: z.literal('saved'), fileName: z.string() }),
  /** A one-time, same-origin link that streams the bytes as an attachment (browser harness). */
  z.object({ kind: z.literal('download'), fileName: z.string(), url: z.string().regex(/^\/download\/[A-Za-z0-9_-]{16,64}$/) }),
  /** The user closed the save dialog: nothing was written and nothing was recorded. */
  z.object({ kind: z.literal('cancelled') }),
]);
export type Delivery = z.infer<typeof deliverySchema>;

/** Bytes per upload chunk: with base64 and JSON around it, well inside the request limit below. */
export const uploadChunkBytes = 1024 * 1024;
/**
 * The largest request body the harness reads, checked before any parsing. The largest real
 * calls: a post-mortem save (a million characters; up to 6 bytes each in JSON for control
 * characters: 6 MB), a playbook save (2 MB of Markdown source beside its parsed model and the
 * blocks not understood, each escaped: a few times the source) and an upload chunk (1.4 MB of
 * base64). 16 MB holds all of them with room; files of any size travel as chunks instead.
 */
export const maxRequestBytes = 16 * 1024 * 1024;

export const uploadPurposeSchema = z.enum(['evidence', 'restore', 'sync_exchange']);
export const uploadBeginInputSchema = z
  .object({
    purpose: uploadPurposeSchema,
    name: shortTextSchema.refine((n) => !/[\\/\0]/.test(n), 'must be a file name, not a path'),
    mediaType: z
      .string()
      .max(200)
      .regex(/^([\w.+-]+\/[\w.+-]+)?$/, 'must be a media type like text/plain')
      .transform((t) => t || 'application/octet-stream'),
    size: z.number().int().min(1, 'the file is empty: there is nothing to keep').max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export const uploadBeginOutputSchema = z.object({ uploadId: z.string(), chunkBytes: z.number().int() });
export const uploadId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be an upload id');
export const uploadChunkInputSchema = z
  .object({
    uploadId,
    offset: z.number().int().min(0),
    dataBase64: z
      .string()
      .min(1)
      .max(Math.ceil(uploadChunkBytes / 3) * 4, 'a chunk is at most 1 MiB')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  })
  .strict();
export const uploadChunkOutputSchema = z.object({ received: z.number().int(), complete: z.boolean() });

/** The whole store's check: pages, search index, chains; with what to do when damaged. */
export const storeHealthSchema = z.object({
  state: z.enum(['intact', 'damaged', 'unchecked']),
  checkedAt: z.string().nullable(),
  problems: z.array(z.string()),
  incidents: z.number().int(),
  events: z.number().int(),
  /** When damaged: the newest backup that opens, passes the same check, and so can be restored. */
  newestGoodBackup: z.object({ name: z.string(), createdAt: z.string() }).nullable(),
});
export type StoreHealthView = z.infer<typeof storeHealthSchema>;
