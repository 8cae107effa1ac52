import { z } from 'zod';
import { personSchema, refIdSchema } from '../events/primitives';
import type { ClockState } from '../exercises/clock';
import type { Scenario } from '../exercises/scenario';
import type { InjectState, ScoreReport } from '../exercises/score';
import type { UnderstoodLine } from '../exercises/import-markdown';
import type { CarriedItem, Objective, ReviewRecord } from '../exercises/review';
import type { ActionItem } from '../postmortem/action-items';
import { exportOutputSchema } from './postmortem-contract';

// Tabletop exercises: the scenario library (built-in + imported), the run of one exercise
// (its clock, its injects, the facilitator's notes), live scoring and the after-action report.
// Spread into `contract` in contract.ts. Outputs are typed, not re-validated (the router
// validates inputs only).

const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Cordon id');
const exerciseRef = { exerciseId: id };

export interface ScenarioListItem {
  id: string;
  title: string;
  summary: string;
  playbook: string | null;
  injects: number;
  expectedActions: number;
  source: 'builtin' | 'imported';
  runs: number;
  /** Set when a stored scenario no longer passes validation: it is listed, not run, and says why. */
  errors?: string[];
}

export interface ScenarioImportOutput {
  /** The first scenario read (kept for callers that import one). */
  scenario: ScenarioListItem | null;
  /** Every scenario the document holds, each stored. */
  scenarios: ScenarioListItem[];
  errors: string[];
  unparsed: UnderstoodLine[];
}

export interface ExerciseView {
  id: string;
  incidentId: string;
  scenario: Scenario;
  playbookId: string | null;
  clock: ClockState;
  /** Exercise time now (ms), when the view was made. */
  nowMs: number;
  /** Wall time the view was made (ms), so the console can tick the clock between refreshes. */
  at: number;
  injects: InjectState[];
  notes: string;
  score: ScoreReport;
  createdAt: string;
  createdBy: string;
  /** Who commands the exercise incident now; null when no one does. */
  commander: string | null;
  /** The after-action review so far: decisions, assessments, hot wash (from the timeline). */
  review: ReviewRecord;
  objectives: Objective[];
  /** This run's improvement plan: the exercise incident's action items. */
  plan: ActionItem[];
  /** The improvement plans of earlier runs of the same scenario, shown in this one. */
  carried: CarriedItem[];
}

export interface ExerciseListItem {
  id: string;
  incidentId: string;
  scenarioId: string;
  title: string;
  createdAt: string;
  running: boolean;
  finished: boolean;
  score: number;
}

export const scenarioImportInputSchema = z
  .object({
    format: z.enum(['markdown', 'yaml']),
    text: z.string().min(1, 'the document is empty').max(500_000, 'the document is longer than 500,000 characters'),
    /** Check only: parse and report, store nothing. */
    dryRun: z.boolean().optional(),
  })
  .strict();

export const exerciseStartInputSchema = z
  .object({
    scenarioId: refIdSchema,
    playbookId: refIdSchema.optional(),
    speed: z.number().int().min(1).max(60).optional(),
    /** Who commands the exercise incident: named at its declaration, so it has a commander from T+0. */
    commander: personSchema.optional(),
  })
  .strict();

export const exerciseControlInputSchema = z
  .object({
    ...exerciseRef,
    action: z.enum(['start', 'pause', 'resume', 'speed', 'finish']),
    speed: z.number().int().min(1).max(60).optional(),
  })
  .strict()
  .refine((p) => (p.action === 'speed') === (p.speed !== undefined), { message: 'give a speed (1 to 60) with action speed, and only then', path: ['speed'] });

const injectRef = z.object({ ...exerciseRef, injectId: refIdSchema });

export const injectEditInputSchema = injectRef
  .extend({
    title: z.string().trim().min(1).max(200).optional(),
    text: z.string().trim().min(1, 'the inject needs some text').max(20_000).optional(),
    /** New due time in exercise minutes. */
    atMinutes: z.number().min(0).max(7 * 24 * 60).optional(),
  })
  .strict()
  .refine((p) => p.title !== undefined || p.text !== undefined || p.atMinutes !== undefined, { message: 'change the title, the text or the time' });

export const exerciseReportInputSchema = z
  .object({ ...exerciseRef, format: z.enum(['md', 'pdf']), inline: z.literal(true) })
  .strict();

// The after-action review: each its own event kind on the exercise's timeline (see
// shared/events/README.md). Text the facilitator types is hostile like any other input.
const reviewText = z.string().trim().min(1, 'type something first').max(10_000, 'keep it under 10,000 characters');

export const exerciseDecisionInputSchema = z.object({ ...exerciseRef, injectId: refIdSchema, text: reviewText }).strict();

export const objectiveAssessInputSchema = z
  .object({
    ...exerciseRef,
    objectiveId: z.string().regex(/^o[1-9]\d{0,2}$/, 'must be an objective id like o1'),
    rating: z.enum(['met', 'partly', 'not_met']),
    note: z.string().trim().max(10_000, 'keep it under 10,000 characters').optional(),
  })
  .strict();

export const hotWashAddInputSchema = z.object({ ...exerciseRef, category: z.enum(['went_well', 'to_improve']), text: reviewText }).strict();

const noInput = z.object({}).strict();
const view = z.custom<ExerciseView>();

export const exerciseContract = {
  scenarioList: { input: noInput, output: z.custom<ScenarioListItem[]>() },
  scenarioImport: {
    input: scenarioImportInputSchema,
    output: z.custom<ScenarioImportOutput>(),
  },
  exerciseList: { input: noInput, output: z.custom<ExerciseListItem[]>() },
  exerciseStart: { input: exerciseStartInputSchema, output: view },
  exerciseGet: { input: z.object(exerciseRef).strict(), output: view },
  exerciseControl: { input: exerciseControlInputSchema, output: view },
  injectFire: { input: injectRef.strict(), output: view },
  injectSkip: { input: injectRef.strict(), output: view },
  injectEdit: { input: injectEditInputSchema, output: view },
  exerciseNotes: { input: z.object({ ...exerciseRef, notes: z.string().max(100_000) }).strict(), output: view },
  exerciseScore: { input: z.object(exerciseRef).strict(), output: z.custom<ScoreReport>() },
  exerciseReport: { input: exerciseReportInputSchema, output: exportOutputSchema },
  exerciseDecision: { input: exerciseDecisionInputSchema, output: view },
  objectiveAssess: { input: objectiveAssessInputSchema, output: view },
  hotWashAdd: { input: hotWashAddInputSchema, output: view },
} as const;

export type ExerciseMethodName = keyof typeof exerciseContract;
