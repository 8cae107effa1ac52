import { z } from 'zod';
import type { IncidentState } from './fold';
import { incidentKindSchema, incidentStatusSchema } from './primitives';

/**
 * IncidentState (fold.ts) as a schema, for the contract's incidentGet output. The check below
 * fails to compile when the fold's type and this schema say different things.
 */
export const incidentStateSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: incidentKindSchema,
  summary: z.string().nullable(),
  playbookId: z.string().nullable(),
  status: incidentStatusSchema,
  severity: z.string().nullable(),
  severityCell: z.object({ row: z.string(), column: z.string() }).nullable(),
  phase: z.string().nullable(),
  declaredAt: z.string(),
  detectedAt: z.string().optional(),
  declaredBy: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  personalDataAt: z.string().nullable(),
  notified: z.record(z.string(), z.string()),
  assignments: z.record(z.string(), z.string()),
  roles: z.record(z.string(), z.object({ person: z.string(), since: z.string() })),
  checklist: z.record(
    z.string(),
    z.object({ done: z.boolean(), phase: z.string().nullable(), label: z.string().nullable(), by: z.string(), at: z.string() }),
  ),
  keyEventIds: z.array(z.string()),
  notesCount: z.number().int(),
  evidence: z.record(z.string(), z.object({ name: z.string(), sha256: z.string(), size: z.number().int(), exports: z.number().int() })),
  postmortem: z.object({ status: z.enum(['none', 'draft', 'in_review', 'published']) }),
  injects: z.number().int(),
  eventCount: z.number().int(),
  amendedEventIds: z.array(z.string()),
  redactedEventIds: z.array(z.string()),
  headEventId: z.string(),
  headHash: z.string(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesFold: Same<z.output<typeof incidentStateSchema>, IncidentState> = true;
void schemaMatchesFold;
