import type { CommittedListener } from '../store/commit-signal';
import type { PushBus } from './push-bus';

/**
 * The one place the windows hear that an incident changed: every event the store committed,
 * once, after its COMMIT, as `incident.changed`. Services never publish it (lint refuses it
 * anywhere else in services/), so a rolled-back write can never reach a window.
 */
export function bridgeCommitsToWindows(onCommitted: (listener: CommittedListener) => () => void, bus: PushBus): () => void {
  return onCommitted((events) => {
    for (const event of events) bus.publish({ topic: 'incident.changed', incidentId: event.incidentId, eventId: event.id, kind: event.kind });
  });
}
