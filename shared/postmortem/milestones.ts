import { isLive } from '../events/views';
import type { Playbook } from '../playbook/model';
import { incidentTimes } from '../warroom/incident-times';
import { recordIndex } from './record-index';
import type { PostmortemSource } from './source';

// The response's milestones and durations, computed from the events (never typed in):
// - impact start: the earliest thing on the timeline (a backdated "deploy at 09:12" note
//   moves it earlier than the detection);
// - detected: when the declared event says it happened (its occurredAt, which the declare
//   dialog lets people backdate to the detection);
// - declared: when the incident was written into Cordon (the declared event's recordedAt);
// - acknowledged: when a commander first took the incident, by recorded time (never the
//   backdated detection; see shared/warroom/incident-times.ts);
// - contained: the first move to a phase named like "containment", or to status mitigated,
//   whichever came first;
// - resolved: IncidentState.resolvedAt.
// Durations are from detection, except time to detect (impact start -> detection).

export interface Milestones {
  impactStart: string | null;
  detected: string;
  declared: string;
  acknowledged: string | null;
  contained: string | null;
  resolved: string | null;
}

export interface Durations {
  toDetect: number | null;
  toAcknowledge: number | null;
  toContain: number | null;
  toResolve: number | null;
}

const containPhase = /contain/i;


function isContainmentPhase(key: string, playbook: Playbook | null): boolean {
  const name = playbook?.phases.find((p) => p.key === key)?.name ?? '';
  return containPhase.test(key) || containPhase.test(name);
}

const computed = new WeakMap<PostmortemSource, { milestones: Milestones; durations: Durations }>();

/** Every section asks for them: worked out once per source. */
export function milestones(source: PostmortemSource): { milestones: Milestones; durations: Durations } {
  let found = computed.get(source);
  if (!found) {
    found = milestonesOf(source);
    computed.set(source, found);
  }
  return found;
}

function milestonesOf(source: PostmortemSource): { milestones: Milestones; durations: Durations } {
  const { events, state, playbook } = source;
  const times = incidentTimes(events, state);
  const detected = times.detected;
  const index = recordIndex(source);
  // The earliest thing on the timeline that is not a correction: the first in time order.
  let impactStart: number | null = null;
  for (const e of index.chronological) {
    if (e.kind === 'amend' || e.kind === 'redact') continue;
    impactStart = Date.parse(e.effectiveOccurredAt);
    break;
  }
  let contained: number | null = null;
  for (const e of index.chronologicalOf(['phase_changed', 'status_changed'], true)) {
    if (!isLive(e)) continue;
    const containing =
      (e.kind === 'phase_changed' && isContainmentPhase(e.effectivePayload.phase, playbook)) ||
      (e.kind === 'status_changed' && e.effectivePayload.status === 'mitigated');
    if (containing) {
      contained = Date.parse(e.effectiveOccurredAt);
      break;
    }
  }
  const detectedMs = Date.parse(detected);
  const since = (iso: string | null) => (iso === null ? null : Math.max(0, Date.parse(iso) - detectedMs));
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const m: Milestones = {
    impactStart: iso(impactStart),
    detected,
    declared: times.declared,
    acknowledged: times.acknowledged,
    contained: iso(contained),
    resolved: state.resolvedAt,
  };
  return {
    milestones: m,
    durations: {
      toDetect: impactStart === null ? null : Math.max(0, detectedMs - impactStart),
      toAcknowledge: since(m.acknowledged),
      toContain: since(m.contained),
      toResolve: since(m.resolved),
    },
  };
}
