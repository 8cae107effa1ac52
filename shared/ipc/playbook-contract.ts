import { z } from 'zod';
import { playbookSchema } from '../playbook/model';
import {
  maxPlaybookMarkdownBytes,
  playbookIdSchema,
  playbookImportSchema,
  playbookSummarySchema,
  storedPlaybookSchema,
  unparsedBlockSchema,
} from '../playbook/library';

/** The playbook library's methods; spread into `contract` in contract.ts. */
export const playbookContract = {
  playbookList: { input: z.object({}).strict(), output: z.array(playbookSummarySchema) },
  playbookGet: {
    input: z.object({ id: playbookIdSchema, version: z.number().int().positive().optional() }).strict(),
    output: storedPlaybookSchema,
  },
  playbookVersions: { input: z.object({ id: playbookIdSchema }).strict(), output: z.array(playbookSummarySchema) },
  /** Imports Markdown for review; nothing is saved until playbookSave. */
  playbookPreview: {
    input: z
      .object({
        markdown: z
          .string()
          .min(1, 'the file is empty')
          .max(maxPlaybookMarkdownBytes, 'the file is larger than 2 MB, the most Cordon imports as a playbook'),
        sourceName: z.string().max(255).optional(),
        /** Answers to the choices of an earlier preview of the same text (choice id -> option value). */
        choices: z.record(z.string().max(100), z.string().max(100)).optional(),
      })
      .strict(),
    output: playbookImportSchema,
  },
  /** Saves a new version (of `id`, or of a new playbook named after its title). */
  playbookSave: {
    input: z
      .object({
        id: playbookIdSchema.optional(),
        playbook: playbookSchema,
        source: z.string().max(maxPlaybookMarkdownBytes).nullable().default(null),
        unparsed: z.array(unparsedBlockSchema).max(10_000).default([]),
      })
      .strict(),
    output: storedPlaybookSchema,
  },
} as const;
