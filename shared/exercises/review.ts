import type { EffectiveBody } from '../events/views';
import { exerciseTimeAt, type ClockState } from './clock';
import type { Scenario } from './scenario';
import type { ScoreReport } from './score';
import type { ActionItem } from '../postmortem/action-items';

// The after-action review beside the automatic score: what the team decided about each inject
// (typed by the facilitator), the evaluator's assessment of each objective, the hot wash, and
// the improvement plan (the exercise incident's action items, carried into the next run of the
// same scenario). All of it is events on the exercise's timeline; this reads them back. Pure.

export type Rating = 'met' | 'partly' | 'not_met';
export const ratingLabels: Record<Rating, string> = { met: 'Met', partly: 'Partly met', not_met: 'Not met' };

/** What a review needs of an event: the effective payload (null when redacted, then ignored). */
/** An event of the exercise's incident: its payload as views read it, null when redacted. */
export type ReviewEvent = EffectiveBody & { actor: string; recordedAt: string };

export interface Decision {
  injectId: string;
  text: string;
  actor: string;
  /** Exercise time it was recorded. */
  atMs: number;
}

export interface Assessment {
  rating: Rating;
  note: string | null;
  actor: string;
  recordedAt: string;
}

export interface HotWashPoint {
  category: 'went_well' | 'to_improve';
  text: string;
  actor: string;
}

export interface ReviewRecord {
  decisions: Decision[];
  /** The latest assessment per objective id. */
  assessments: Record<string, Assessment>;
  hotWash: HotWashPoint[];
}

/** An action item from an earlier run of the same scenario, shown in this one. */
export interface CarriedItem extends Pick<ActionItem, 'title' | 'owner' | 'dueDate' | 'status'> {
  exerciseId: string;
  runStartedAt: string | null;
}

export interface Objective {
  id: string;
  description: string;
  /** What the record shows, when a machine can tell. */
  automatic: ScoreReport['outcomes'][number] | null;
  assessment: Assessment | null;
}

/** Objective ids are the scenario's outcomes in order: o1, o2, ... */
export const objectiveIds = (scenario: Pick<Scenario, 'outcomes'>): string[] => scenario.outcomes.map((_, i) => `o${i + 1}`);

export function reviewFrom(events: readonly ReviewEvent[], clock: ClockState): ReviewRecord {
  const record: ReviewRecord = { decisions: [], assessments: {}, hotWash: [] };
  for (const e of events) {
    if (e.payload === null) continue;
    if (e.kind === 'exercise_decision') {
      record.decisions.push({ injectId: e.payload.injectId, text: e.payload.text, actor: e.actor, atMs: exerciseTimeAt(clock, Date.parse(e.recordedAt)) });
    } else if (e.kind === 'objective_assessed') {
      record.assessments[e.payload.objectiveId] = { rating: e.payload.rating, note: e.payload.note ?? null, actor: e.actor, recordedAt: e.recordedAt };
    } else if (e.kind === 'hot_wash_noted') {
      record.hotWash.push({ category: e.payload.category, text: e.payload.text, actor: e.actor });
    }
  }
  return record;
}

export function objectivesOf(scenario: Scenario, score: ScoreReport, review: ReviewRecord): Objective[] {
  return objectiveIds(scenario).map((id, i) => {
    const outcome = score.outcomes[i];
    return {
      id,
      description: scenario.outcomes[i]?.description ?? id,
      automatic: outcome?.automatic ? outcome : null,
      assessment: review.assessments[id] ?? null,
    };
  });
}
