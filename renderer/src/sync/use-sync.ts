import { useCallback, useEffect, useState } from 'react';
import type { EventKind } from '../../../shared/events/kinds';
import type { MethodOutput } from '../../../shared/ipc/contract';
import type { SyncStatus } from '../../../shared/ipc/sync-contract';
import { cordon } from '../platform/cordon';

type SyncIncident = MethodOutput<'syncIncident'>;
type SyncTimeline = MethodOutput<'syncTimeline'>;

/** Sync's status, re-read whenever the main process says sync or an incident changed. */
export function useSyncStatus(): [SyncStatus | null, () => void] {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const reload = useCallback(() => {
    void cordon()
      .syncStatus()
      .then((r) => r.ok && setStatus(r.value));
  }, []);
  useEffect(() => {
    reload();
    return cordon().subscribe((event) => {
      if (event.topic === 'sync.changed' || event.topic === 'channel.opened') reload();
    });
  }, [reload]);
  return [status, reload];
}

/**
 * The events that change the members or the conflicts shown: laptops joining, admitted or
 * removed; the facts two laptops can disagree on (severity, ticks, the commander); a correction.
 * Re-reading the merged timeline on every note cost the main process its whole length.
 */
const membersOrConflicts = new Set<EventKind>(['device_joined', 'device_admitted', 'device_removed', 'severity_changed', 'checklist_item_set', 'role_assigned', 'amend', 'redact', 'declared']);

/** One incident's members and merged timeline across laptops. */
export function useSyncIncident(incidentId: string): { incident: SyncIncident | null; timeline: SyncTimeline | null; reload: () => void } {
  const [incident, setIncident] = useState<SyncIncident | null>(null);
  const [timeline, setTimeline] = useState<SyncTimeline | null>(null);
  const reload = useCallback(() => {
    void cordon()
      .syncIncident({ incidentId })
      .then(async (r) => {
        if (!r.ok) return;
        setIncident(r.value);
        // An incident kept on this laptop only has no other laptops' events to merge.
        if (!r.value.shared) return;
        const merged = await cordon().syncTimeline({ incidentId });
        if (merged.ok) setTimeline(merged.value);
      });
  }, [incidentId]);
  useEffect(() => {
    reload();
    return cordon().subscribe((event) => {
      if (event.topic === 'sync.changed' || event.topic === 'channel.opened' || (event.topic === 'incident.changed' && event.incidentId === incidentId && membersOrConflicts.has(event.kind))) reload();
    });
  }, [reload, incidentId]);
  return { incident, timeline, reload };
}
