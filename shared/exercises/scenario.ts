import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { parseExerciseTime } from './exercise-time';

// A tabletop scenario: what the facilitator plays into an exercise incident, when, and what the
// participants are expected to do about each inject. See README.md for the YAML format.

const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'may hold only letters, digits and . _ : -');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

// Minutes, up to 31 days: multi-day exercises ("Day 9 09:00") are real.
const timeSchema = z
  .union([z.number().nonnegative().max(31 * 24 * 60), z.string().max(40)])
  .transform((v, ctx) => {
    const ms = parseExerciseTime(v);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: 'must be minutes (15) or a time like "T+1h30m"' });
      return z.NEVER;
    }
    return ms;
  });

export const expectedActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('severity_changed'), severity: id.optional() }).strict(),
  z.object({ kind: z.literal('phase_changed'), phase: id.optional() }).strict(),
  z.object({ kind: z.literal('script_started'), action: text(200).optional() }).strict(),
  z.object({ kind: z.literal('note'), contains: text(200).optional() }).strict(),
  z.object({ kind: z.literal('role_assigned'), role: id.optional() }).strict(),
  z.object({ kind: z.literal('status_changed'), status: z.enum(['active', 'mitigated', 'resolved', 'closed']).optional() }).strict(),
  z.object({ kind: z.literal('checklist_item_set'), item: id.optional() }).strict(),
]);
export type ExpectedAction = z.infer<typeof expectedActionSchema>;

const expectSchema = z
  .object({
    action: expectedActionSchema,
    /** Minutes of exercise time after the inject fired. */
    deadline: timeSchema,
    description: text(300).optional(),
  })
  .strict();

export const injectSchema = z
  .object({
    id,
    title: text(200),
    text: text(20_000),
    /** Who receives it: "all", a role, "commander"... shown with the inject. */
    audience: text(100).default('all'),
    at: timeSchema.optional(),
    /** An event kind (severity_changed) or another inject's id: the inject is due `delay` after it. */
    after: id.optional(),
    delay: timeSchema.optional(),
    expect: z.array(expectSchema).max(20).default([]),
    /** Discussion questions for the facilitator to put to the room after the inject. */
    questions: z.array(text(2_000)).max(50).default([]),
    /** What the team should do, as the document words it (the `expect` list is what is scored). */
    expectedActions: z.array(text(2_000)).max(50).default([]),
    /** For the facilitator only: what to listen for, how to play the inject. */
    notes: z.array(text(2_000)).max(50).default([]),
  })
  .strict()
  .refine((i) => (i.at === undefined) !== (i.after === undefined), { message: 'give either `at` or `after`', path: ['at'] });
export type Inject = z.infer<typeof injectSchema>;

export const outcomeSchema = z
  .object({ description: text(500), action: expectedActionSchema.optional() })
  .strict();

export const rubricSchema = z
  .object({
    // Kept so older scenarios still load; the score no longer mixes these (see score.ts): it
    // counts the expected actions only, and shows the checklist and objectives beside it.
    /** Expected actions hit by their deadline. */
    actions: z.number().min(0).max(100).default(60),
    /** Expected outcomes reached by the end. */
    outcomes: z.number().min(0).max(100).default(25),
    /** Checklist items done of the playbook's. */
    checklist: z.number().min(0).max(100).default(15),
  })
  .strict()
  .refine((r) => r.actions + r.outcomes + r.checklist > 0, 'at least one weight must be above zero');

export const scenarioSchema = z
  .object({
    id,
    title: text(200),
    summary: text(5_000),
    playbook: id.optional(),
    roles: z.array(text(100)).max(30).default([]),
    injects: z.array(injectSchema).min(1, 'a scenario needs at least one inject').max(200),
    outcomes: z.array(outcomeSchema).max(50).default([]),
    scoring: rubricSchema.default({ actions: 60, outcomes: 25, checklist: 15 }),
  })
  .strict()
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    s.injects.forEach((inj, i) => {
      if (ids.has(inj.id)) ctx.addIssue({ code: 'custom', message: `inject id "${inj.id}" is used twice`, path: ['injects', i, 'id'] });
      ids.add(inj.id);
    });
    s.injects.forEach((inj, i) => {
      if (inj.after !== undefined && inj.after === inj.id) {
        ctx.addIssue({ code: 'custom', message: 'an inject cannot follow itself', path: ['injects', i, 'after'] });
      }
    });
  });
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

export function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`);
}

/**
 * The scenario in its written form (times in minutes), which is what is stored: validating the
 * parsed form again would read its milliseconds as minutes.
 */
export function scenarioToInput(s: Scenario): ScenarioInput {
  const min = (ms: number): number => ms / 60_000;
  return {
    ...s,
    injects: s.injects.map((i) => ({
      ...i,
      ...(i.at !== undefined ? { at: min(i.at) } : {}),
      ...(i.delay !== undefined ? { delay: min(i.delay) } : {}),
      expect: i.expect.map((e) => ({ ...e, deadline: min(e.deadline) })),
    })),
  };
}

export function validateScenario(value: unknown): ParseResult {
  const parsed = scenarioSchema.safeParse(value);
  return parsed.success ? { ok: true, scenario: parsed.data } : { ok: false, errors: issuesOf(parsed.error) };
}

export function parseScenarioYaml(source: string): ParseResult {
  let value: unknown;
  try {
    value = parseYaml(source, { maxAliasCount: 50 });
  } catch (error) {
    return { ok: false, errors: [`not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`] };
  }
  return validateScenario(value);
}

/** An event kind an `after:` may name (besides an inject id). */
export const triggerKinds = ['severity_changed', 'phase_changed', 'script_started', 'note', 'role_assigned', 'status_changed', 'checklist_item_set'] as const;

export function describeAction(a: ExpectedAction): string {
  switch (a.kind) {
    case 'severity_changed':
      return a.severity ? `Severity set to ${a.severity}` : 'Severity set';
    case 'phase_changed':
      return a.phase ? `Phase moved to ${a.phase}` : 'Phase advanced';
    case 'script_started':
      return a.action ? `Action “${a.action}” run` : 'A containment action run';
    case 'note':
      return a.contains ? `Note mentioning “${a.contains}”` : 'A note on the timeline';
    case 'role_assigned':
      return a.role ? `Role ${a.role} assigned` : 'A role assigned';
    case 'status_changed':
      return a.status ? `Status set to ${a.status}` : 'Status changed';
    case 'checklist_item_set':
      return a.item ? `Checklist item ${a.item} ticked` : 'A checklist item ticked';
  }
}
