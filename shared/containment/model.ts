import { z } from 'zod';
import { refIdSchema, sha256HexSchema } from '../events/primitives';
import { envNameProblem } from './env-names';

// Containment actions as the runner, the store and the UI see them. An action is either an argv
// template (run without a shell) or a shell snippet (run as a fixed `sh -c` script, parameters
// passed only as CORDON_PARAM_<NAME> environment variables). See shared/containment/plan.ts.

export const actionParamKinds = ['string', 'identifier', 'ip', 'cidr', 'hostname', 'path', 'enum', 'integer', 'regex'] as const;
export const actionParamKindSchema = z.enum(actionParamKinds);
export type ActionParamKind = z.infer<typeof actionParamKindSchema>;

/** A parameter name is also an environment variable suffix and a `{NAME}` placeholder. */
export const paramNameSchema = z
  .string()
  .min(1, 'give the parameter a name')
  .max(64)
  .regex(/^[A-Z][A-Z0-9_]*$/, 'use capitals, digits and _ (like USER_ID)');

/** An environment variable name as stored (older actions may hold names the allow-list now refuses: a run refuses them). */
const envNameShape = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and _ (like API_TOKEN)');
/** Environment variable names an author may set: an allow-list of plain names (see env-names.ts). */
export const envNameSchema = envNameShape.superRefine((name, ctx) => {
  const problem = envNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const actionParamSchema = z
  .object({
    name: paramNameSchema,
    label: z.string().max(200).optional(),
    kind: actionParamKindSchema,
    /** enum: the allowed values. */
    options: z.array(z.string().min(1).max(200)).max(100).optional(),
    /** regex: the whole value must match this (JavaScript syntax, Unicode mode). */
    pattern: z.string().min(1).max(500).optional(),
    /** integer bounds. */
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    /** A value starting with "-" is refused (option smuggling) unless this is set. */
    allowDash: z.boolean().optional(),
    /** integer: negative numbers are refused unless this is set (`kill -HUP -1` signals every process). */
    signed: z.boolean().optional(),
    placeholder: z.string().max(200).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.kind === 'enum' && (!p.options || p.options.length === 0)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'an enum parameter needs its allowed values' });
    if (p.kind === 'regex') {
      if (!p.pattern) ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'a regex parameter needs a pattern' });
      else if (!compiles(p.pattern)) ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'the pattern is not a valid regular expression' });
    }
    if (p.min !== undefined && p.max !== undefined && p.min > p.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max is below min' });
    if (p.kind === 'integer' && !p.signed && p.min !== undefined && p.min < 0) ctx.addIssue({ code: 'custom', path: ['min'], message: 'a negative minimum needs “may be negative” (signed)' });
  });
export type ActionParam = z.infer<typeof actionParamSchema>;

function compiles(pattern: string): boolean {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
    return true;
  } catch {
    return false;
  }
}

/** An environment entry as the UI sees it: a secret's value never comes back, only whether it is set. */
export const envEntryViewSchema = z.object({ name: envNameShape, secret: z.boolean(), value: z.string().max(4_000).nullable(), set: z.boolean() }).strict();
export type EnvEntryView = z.infer<typeof envEntryViewSchema>;

/** An environment entry as saved: a secret without a value keeps the value stored before. */
export const envEntryInputSchema = z
  .object({ name: envNameSchema, secret: z.boolean(), value: z.string().max(4_000).refine((v) => !v.includes('\0'), 'must not contain NUL').optional() })
  .strict();

export const simulatedOutcomeSchema = z.object({ exitCode: z.number().int().min(0).max(255), output: z.string().max(20_000) }).strict();
export type SimulatedOutcome = z.infer<typeof simulatedOutcomeSchema>;

export const actionModeSchema = z.enum(['argv', 'snippet']);
export type ActionMode = z.infer<typeof actionModeSchema>;

const argTemplateSchema = z.string().max(4_000).refine((v) => !v.includes('\0'), 'must not contain NUL');
/** The most a snippet may hold: it is recorded whole in the script_started event. */
export const maxSnippetChars = 4_000;

const actionBodyShape = {
  name: z.string().trim().min(1, 'give the action a name').max(200),
  description: z.string().max(2_000).default(''),
  phaseKey: z.string().max(100).nullable().default(null),
  mode: actionModeSchema,
  /** argv mode: the program then its arguments; `{NAME}` inside an argument is replaced by that parameter's value. */
  argv: z.array(argTemplateSchema).max(200).default([]),
  /** snippet mode: the script, run as `sh -c <script>`; parameters arrive as $CORDON_PARAM_<NAME>. */
  script: z.string().max(maxSnippetChars).refine((v) => !v.includes('\0'), 'must not contain NUL').default(''),
  shell: z.enum(['sh', 'bash']).default('sh'),
  params: z.array(actionParamSchema).max(50).default([]),
  /** Absolute working directory; empty = the user's home folder. */
  cwd: z.string().max(4_000).default(''),
  timeoutSeconds: z.number().int().min(1).max(86_400).default(300),
  destructive: z.boolean().default(false),
  simulated: simulatedOutcomeSchema.default({ exitCode: 0, output: '' }),
};

function checkBody(a: { mode: ActionMode; argv: string[]; script: string; params: ActionParam[]; cwd: string }, ctx: z.RefinementCtx): void {
  if (a.mode === 'argv' && (a.argv[0] ?? '').trim() === '') ctx.addIssue({ code: 'custom', path: ['argv'], message: 'name the program to run' });
  if (a.mode === 'argv' && /\{[A-Z][A-Z0-9_]*\}/.test(a.argv[0] ?? '')) ctx.addIssue({ code: 'custom', path: ['argv', 0], message: 'the program itself cannot be a parameter' });
  if (a.mode === 'snippet' && a.script.trim() === '') ctx.addIssue({ code: 'custom', path: ['script'], message: 'write the script' });
  if (a.cwd !== '' && !a.cwd.startsWith('/')) ctx.addIssue({ code: 'custom', path: ['cwd'], message: 'use an absolute folder path (starting with /)' });
  const names = new Set<string>();
  for (const [i, p] of a.params.entries()) {
    if (names.has(p.name)) ctx.addIssue({ code: 'custom', path: ['params', i, 'name'], message: `${p.name} is listed twice` });
    names.add(p.name);
  }
}

/** What the editor saves (a user action). */
export const actionSaveInputSchema = z
  .object({
    /** Absent = a new action. */
    id: refIdSchema.optional(),
    /** Duplicating: secrets not given are copied from this action. */
    copySecretsFrom: refIdSchema.optional(),
    ...actionBodyShape,
    env: z.array(envEntryInputSchema).max(50).default([]),
  })
  .strict()
  .superRefine((a, ctx) => {
    checkBody(a, ctx);
    const names = new Set<string>();
    for (const [i, e] of a.env.entries()) {
      if (names.has(e.name)) ctx.addIssue({ code: 'custom', path: ['env', i, 'name'], message: `${e.name} is listed twice` });
      names.add(e.name);
    }
  });
export type ActionSaveInput = z.infer<typeof actionSaveInputSchema>;

/** An action as listed: playbook ones (read-only, from the incident's pinned playbook) and user ones. */
export const actionViewSchema = z
  .object({
    id: refIdSchema,
    source: z.enum(['playbook', 'user']),
    ...actionBodyShape,
    env: z.array(envEntryViewSchema),
    /** Playbook actions: the command as written in the playbook. */
    original: z.string().nullable(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .strict();
export type ActionView = z.infer<typeof actionViewSchema>;

/**
 * An action as listed to the page: with what the main process worked out about it, so the page
 * does not carry the shell parser to know it (issue 16: the renderer loads what it shows).
 */
export const listedActionSchema = actionViewSchema.extend({
  /** Its argv starts a shell (sh -c, ssh, sudo -s…) that values reach: a run may need confirming. */
  handsToShell: z.boolean(),
});
export type ListedAction = z.infer<typeof listedActionSchema>;

/** Parameter values as typed: name -> text. Validated against each parameter's kind before anything runs. */
export const paramValuesSchema = z.record(z.string().max(64), z.string().max(4_000)).refine((r) => Object.keys(r).length <= 50, 'too many parameters');

/** A layer that parses a string as code (a shell the action starts, a remote shell…) and the exact text it will parse. */
export const codeLayerSchema = z.object({ parser: z.string(), depth: z.number().int(), text: z.string() });

/** What would run: shown before a destructive run and by Dry run. */
export const runPlanSchema = z.object({
  actionId: refIdSchema,
  actionName: z.string(),
  mode: actionModeSchema,
  argv: z.array(z.string()),
  /** Every layer that will parse part of the command as code, outermost first, with the exact text it will see. */
  layers: z.array(codeLayerSchema),
  /** The parameter values as checked (a snippet receives them as CORDON_PARAM_ variables). */
  params: z.record(z.string(), z.string()),
  /** The program as found on PATH (null in an exercise, where nothing runs). */
  executable: z.string().nullable(),
  cwd: z.string(),
  /** Names only: values (and secrets) never cross back to the UI. */
  envNames: z.array(z.string()),
  timeoutSeconds: z.number().int(),
  destructive: z.boolean(),
  /** True when the run must be confirmed (destructive, or a shell snippet that must be shown first). */
  needsConfirmation: z.boolean(),
  simulated: z.boolean(),
});
export type RunPlan = z.infer<typeof runPlanSchema>;

export const runStates = ['running', 'succeeded', 'failed', 'cancelled', 'timed_out', 'simulated', 'interrupted'] as const;
export const runStateSchema = z.enum(runStates);
export type RunState = z.infer<typeof runStateSchema>;

export const scriptRunSchema = z.object({
  runId: refIdSchema,
  incidentId: z.string(),
  actionId: z.string(),
  actionName: z.string(),
  argv: z.array(z.string()),
  simulated: z.boolean(),
  state: runStateSchema,
  startedAt: z.string(),
  startedBy: z.string(),
  finishedAt: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  outputBytes: z.number().int(),
  keptBytes: z.number().int(),
  outputSha256: sha256HexSchema.nullable(),
  truncated: z.boolean(),
});
export type ScriptRun = z.infer<typeof scriptRunSchema>;

export const outputStreamSchema = z.enum(['stdout', 'stderr']);
export type OutputStream = z.infer<typeof outputStreamSchema>;
export const outputSegmentSchema = z.object({ stream: outputStreamSchema, text: z.string() });
export type OutputSegment = z.infer<typeof outputSegmentSchema>;

export const scriptOutputSchema = z.object({ run: scriptRunSchema, segments: z.array(outputSegmentSchema) });

/** Characters of one live chunk pushed to the UI; more in 50 ms is dropped from the live view (kept in the record). */
export const maxLiveChunkChars = 64 * 1024;
