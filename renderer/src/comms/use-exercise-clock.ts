import { useEffect, useState } from 'react';
import type { ClockState } from '../../../shared/exercises/clock';
import type { IncidentKind } from '../../../shared/events/primitives';
import { cordon } from '../platform/cordon';

/** The exercise clock of an exercise incident (null for a real one), following the facilitator's changes. */
export function useExerciseClock(incidentId: string, kind: IncidentKind | undefined): ClockState | null {
  const [loaded, setLoaded] = useState<{ incidentId: string; clock: ClockState } | null>(null);
  useEffect(() => {
    if (kind !== 'exercise') return;
    let exerciseId: string | null = null;
    let live = true;
    const load = async () => {
      if (exerciseId === null) {
        const list = await cordon().exerciseList();
        exerciseId = list.ok ? (list.value.find((e) => e.incidentId === incidentId)?.id ?? null) : null;
      }
      if (exerciseId === null) return;
      const view = await cordon().exerciseGet({ exerciseId });
      if (live && view.ok) setLoaded({ incidentId, clock: view.value.clock });
    };
    void load();
    const unsubscribe = cordon().subscribe((event) => {
      if (event.topic === 'channel.opened' || (event.topic === 'exercise.changed' && event.incidentId === incidentId)) void load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [incidentId, kind]);
  return kind === 'exercise' && loaded?.incidentId === incidentId ? loaded.clock : null;
}
