import { z } from 'zod';
import { refIdSchema } from '../events/primitives';
import {
  actionSaveInputSchema,
  listedActionSchema,
  paramValuesSchema,
  runPlanSchema,
  scriptOutputSchema,
  scriptRunSchema,
} from '../containment/model';

const cordonId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Cordon id');

const runRequest = z.object({ incidentId: cordonId, actionId: refIdSchema, params: paramValuesSchema.default({}) });

/** What a run call answers: started; or, for a destructive action or a shell, the plan to confirm (harness) or the person declined (Electron's dialog). */
export const runAnswerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('started'), run: scriptRunSchema }).strict(),
  z.object({ status: z.literal('needs_confirmation'), plan: runPlanSchema, confirmation: z.string(), expiresAt: z.string() }).strict(),
  z.object({ status: z.literal('declined') }).strict(),
]);
export type RunAnswer = z.infer<typeof runAnswerSchema>;

/** Containment actions and their runs; spread into `contract` in contract.ts. */
export const actionContract = {
  /** The incident's actions (its pinned playbook's, then the user's); without an incident, the user's library. */
  actionList: { input: z.object({ incidentId: cordonId.optional() }).strict(), output: z.array(listedActionSchema) },
  /** Creates (no id) or replaces a user action. Secret values are stored encrypted and never returned. */
  actionSave: { input: actionSaveInputSchema, output: listedActionSchema },
  actionDelete: { input: z.object({ id: refIdSchema }).strict(), output: z.object({ id: z.string() }) },
  /** What would run, after the same checks as a run; nothing runs. */
  actionDryRun: { input: runRequest.strict(), output: runPlanSchema },
  /**
   * Starts a run (or, in an exercise, logs its simulated outcome). A run that must be confirmed is
   * confirmed by the main process: in Electron a native dialog; in the harness the first call
   * answers needs_confirmation with a one-time token for the exact plan, and a second call brings it.
   */
  actionRun: {
    input: runRequest.extend({ confirmation: z.string().max(200).regex(/^[0-9a-f]{32}\.[0-9a-f]{64}$/, 'must be the token Cordon gave').optional() }).strict(),
    output: runAnswerSchema,
  },
  actionCancel: { input: z.object({ runId: refIdSchema }).strict(), output: z.object({ runId: z.string(), cancelled: z.boolean() }) },
  scriptOutput: { input: z.object({ runId: refIdSchema }).strict(), output: scriptOutputSchema },
  scriptRuns: { input: z.object({ incidentId: cordonId }).strict(), output: z.array(scriptRunSchema) },
} as const;

export type ActionMethodName = keyof typeof actionContract;
