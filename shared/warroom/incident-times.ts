import { detectedAtOf, type IncidentState } from '../events/fold';
import type { EventView } from '../events/read-models';

// The three times that start an incident, each meaning one thing:
// - detected: when the problem was noticed; the declared event's occurredAt, which people may
//   backdate ("we saw the alert 25 minutes ago"). SLAs run from it: impact is what they protect.
// - declared: when the incident was written into Cordon (the declared event's recordedAt).
// - acknowledged: when a commander first took it, by recorded time (the declaration naming a
//   commander, or the first commander assignment). A backdated detection never moves it.
// Read from the events, so a state materialised by an older version (whose acknowledgedAt was
// the detection time) still gives the right answer.

export interface IncidentTimes {
  detected: string;
  declared: string;
  acknowledged: string | null;
}

type TimedEvent = Pick<EventView, 'kind' | 'recordedAt' | 'effectiveOccurredAt' | 'effectivePayload' | 'redactedBy'>;

export function incidentTimes(events: readonly TimedEvent[], state: Pick<IncidentState, 'declaredAt' | 'detectedAt' | 'acknowledgedAt'>): IncidentTimes {
  const declaredEvent = events.find((e) => e.kind === 'declared');
  if (!declaredEvent) return { detected: detectedAtOf(state), declared: state.declaredAt, acknowledged: state.acknowledgedAt };
  let acknowledged: string | null = null;
  for (const e of events) {
    const p = e.effectivePayload;
    if (p === null || e.redactedBy !== null) continue;
    const takes =
      (e.kind === 'declared' && typeof p.commander === 'string' && p.commander !== '') ||
      (e.kind === 'role_assigned' && p.role === 'commander' && typeof p.person === 'string');
    if (takes) {
      acknowledged = e.recordedAt;
      break;
    }
  }
  return { detected: declaredEvent.effectiveOccurredAt, declared: declaredEvent.recordedAt, acknowledged };
}
