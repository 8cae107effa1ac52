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

// Picked per kind, so the kind still says what the payload holds.
type TimedEvent = EventView extends infer E ? (E extends EventView ? Pick<E, 'kind' | 'recordedAt' | 'effectiveOccurredAt' | 'effectivePayload' | 'redactedBy'> : never) : never;

export function incidentTimes(events: readonly TimedEvent[], state: Pick<IncidentState, 'declaredAt' | 'detectedAt' | 'acknowledgedAt'>): IncidentTimes {
  const declaredEvent = events.find((e) => e.kind === 'declared');
  if (!declaredEvent) return { detected: detectedAtOf(state), declared: state.declaredAt, acknowledged: state.acknowledgedAt };
  let acknowledged: string | null = null;
  for (const e of events) {
    if (e.effectivePayload === null || e.redactedBy !== null) continue;
    const takes =
      (e.kind === 'declared' && Boolean(e.effectivePayload.commander)) ||
      (e.kind === 'role_assigned' && e.effectivePayload.role === 'commander' && e.effectivePayload.person !== null);
    if (takes) {
      acknowledged = e.recordedAt;
      break;
    }
  }
  return { detected: declaredEvent.effectiveOccurredAt, declared: declaredEvent.recordedAt, acknowledged };
}
