import { z } from 'zod';
import { personSchema, refIdSchema } from '../events/primitives';
import {
  actionSaveInputSchema,
  actionViewSchema,
  paramValuesSchema,
  runPlanSchema,
  scriptOutputSchema,
  scriptRunSchema,
} from '../actions/model';

const cordonId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Cordon id');

const runRequest = z.object({ incidentId: cordonId, actionId: refIdSchema, params: paramValuesSchema.default({}) });

/** Containment actions and their runs; spread into `contract` in contract.ts. */
export const actionContract = {
  /** The incident's actions (its pinned playbook's, then the user's); without an incident, the user's library. */
  actionList: { input: z.object({ incidentId: cordonId.optional() }).strict(), output: z.array(actionViewSchema) },
  /** Creates (no id) or replaces a user action. Secret values are stored encrypted and never returned. */
  actionSave: { input: actionSaveInputSchema, output: actionViewSchema },
  actionDelete: { input: z.object({ id: refIdSchema, actor: personSchema }).strict(), output: z.object({ id: z.string() }) },
  /** What would run, after the same checks as a run; nothing runs. */
  actionDryRun: { input: runRequest.strict(), output: runPlanSchema },
  /** Starts a run (or, in an exercise, logs its simulated outcome). Destructive actions and snippets need confirmed: true. */
  actionRun: {
    input: runRequest.extend({ actor: personSchema, confirmed: z.literal(true).optional() }).strict(),
    output: scriptRunSchema,
  },
  actionCancel: { input: z.object({ runId: refIdSchema }).strict(), output: z.object({ runId: z.string(), cancelled: z.boolean() }) },
  scriptOutput: { input: z.object({ runId: refIdSchema }).strict(), output: scriptOutputSchema },
  scriptRuns: { input: z.object({ incidentId: cordonId }).strict(), output: z.array(scriptRunSchema) },
} as const;

export type ActionMethodName = keyof typeof actionContract;
