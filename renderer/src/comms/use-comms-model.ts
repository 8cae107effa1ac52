import { useMemo } from 'react';
import { audiencesFor, type Audience } from '../../../shared/comms/audiences';
import { playbookCadences } from '../../../shared/comms/cadence';
import { audienceClocks, type AudienceClock } from '../../../shared/comms/clock';
import { lastSentByAudience, sentUpdates, type SentUpdate } from '../../../shared/comms/updates';
import type { IncidentState } from '../../../shared/events/fold';
import { exerciseTimeAt, type ClockState } from '../../../shared/exercises/clock';
import type { EventView, IncidentSummary } from '../../../shared/ipc/store-schemas';
import type { StoredPlaybook } from '../../../shared/playbook/library';
import type { PostmortemSource } from '../../../shared/postmortem/source';
import { utc } from '../../../shared/postmortem/format';
import { formatTPlus } from '../../../shared/warroom/elapsed';
import { useComms } from './comms-store';

export interface CommsRecord {
  summary: IncidentSummary;
  state: IncidentState;
  events: readonly EventView[];
  stored: StoredPlaybook | null;
  /** The exercise clock, for an exercise incident. */
  exerciseClock: ClockState | null;
}

export interface CommsModel {
  source: PostmortemSource;
  audiences: Audience[];
  updates: SentUpdate[];
  last: Map<string, SentUpdate>;
  clocks: AudienceClock[];
  /** "now" in the clocks' unit: wall ms, or exercise ms from T+0. */
  now: number;
  exercise: boolean;
  /** How the next update's time reads in a draft, `minutes` from now. */
  nextUpdateLabel(minutes: number | null): string | null;
}

/** Audiences, their cadences and countdowns, from the record; `wallNow` ticks. */
export function useCommsModel(record: CommsRecord, wallNow: number): CommsModel {
  const { summary, state, events, stored, exerciseClock } = record;
  const playbook = stored?.playbook ?? null;
  const added = useComms((s) => s.added);
  const overrides = useComms((s) => s.overrides);
  const rules = useMemo(() => playbookCadences(playbook, stored?.source ?? null), [playbook, stored?.source]);
  const audiences = useMemo(() => audiencesFor(playbook, events, added), [playbook, events, added]);
  const updates = useMemo(() => sentUpdates(events), [events]);
  const last = useMemo(() => lastSentByAudience(updates), [updates]);
  const source = useMemo<PostmortemSource>(() => ({ incident: summary, state, events, playbook }), [summary, state, events, playbook]);
  const exercise = summary.kind === 'exercise' && exerciseClock !== null;
  const now = exercise && exerciseClock ? exerciseTimeAt(exerciseClock, wallNow) : wallNow;
  const declaredAt = Date.parse(events[0]?.recordedAt ?? state.declaredAt);
  const clocks = audienceClocks({
    audiences,
    rules,
    level: playbook?.severities.find((l) => l.key === state.severity) ?? null,
    status: state.status,
    last,
    overrides,
    now,
    startAt: exercise ? 0 : declaredAt,
    ...(exercise && exerciseClock ? { timeOf: (u: SentUpdate) => u.exerciseMs ?? exerciseTimeAt(exerciseClock, Date.parse(u.at)) } : {}),
    resolvedAt: state.resolvedAt,
    compliance: playbook?.compliance ?? [],
    personalDataAt: state.personalDataAt,
    notified: state.notified,
    wallNow,
  });
  const nextUpdateLabel = (minutes: number | null) => {
    if (minutes === null) return null;
    return exercise ? `${formatTPlus(now + minutes * 60_000)} (exercise time)` : utc(wallNow + minutes * 60_000);
  };
  return { source, audiences, updates, last, clocks, now, exercise, nextUpdateLabel };
}
