import { z } from 'zod';
import { playbookSchema, importChoiceSchema } from './model';

// The playbook library as the IPC contract sees it. An incident pins one version by a
// reference "id:version", which fits the event log's id format.

export const playbookIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lowercase slug like acme-security');

export const unparsedBlockSchema = z.object({ line: z.number().int().nonnegative(), text: z.string().max(20_000) });

export const playbookSummarySchema = z.object({
  id: playbookIdSchema,
  version: z.number().int().positive(),
  title: z.string(),
  savedAt: z.string(),
  savedBy: z.string(),
  builtIn: z.boolean(),
  counts: z.object({ severities: z.number(), phases: z.number(), items: z.number(), roles: z.number(), actions: z.number() }),
});
export type PlaybookSummary = z.infer<typeof playbookSummarySchema>;

export const storedPlaybookSchema = playbookSummarySchema.extend({
  playbook: playbookSchema,
  source: z.string().nullable(),
  unparsed: z.array(unparsedBlockSchema),
});
export type StoredPlaybook = z.infer<typeof storedPlaybookSchema>;

export interface PlaybookRef {
  id: string;
  version: number;
}

export const formatPlaybookRef = (ref: PlaybookRef): string => `${ref.id}:${ref.version}`;

export function parsePlaybookRef(text: string): PlaybookRef | null {
  const match = /^([a-z0-9][a-z0-9-]*):([1-9]\d{0,8})$/.exec(text);
  const [, id, version] = match ?? [];
  return id && version ? { id, version: Number(version) } : null;
}

export const playbookImportSchema = z.object({
  playbook: playbookSchema,
  unparsed: z.array(unparsedBlockSchema),
  warnings: z.array(z.string()),
  choices: z.array(importChoiceSchema).default([]),
});

/** The largest Markdown file Cordon imports as a playbook. */
export const maxPlaybookMarkdownBytes = 2 * 1024 * 1024;
