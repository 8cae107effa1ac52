import { useEffect, useState } from 'react';
import type { ClockState } from '../../../shared/exercises/clock';
import { cordon } from '../platform/cordon';

/**
 * The exercise clock behind an exercise incident's war room, kept fresh by 'exercise.changed'
 * pushes (start, pause, speed). Participants read every time in exercise time from it; null for
 * a real incident, or until loaded.
 */
export function useExerciseClock(incidentId: string, isExercise: boolean): ClockState | null {
  const [loaded, setLoaded] = useState<{ incidentId: string; clock: ClockState } | null>(null);
  useEffect(() => {
    if (!isExercise) return undefined;
    let exerciseId: string | null = null;
    let live = true;
    const load = async () => {
      if (exerciseId === null) {
        const list = await cordon().exerciseList({});
        exerciseId = list.ok ? (list.value.find((e) => e.incidentId === incidentId)?.id ?? null) : null;
      }
      if (exerciseId === null) return;
      const r = await cordon().exerciseGet({ exerciseId });
      if (live && r.ok) setLoaded({ incidentId, clock: r.value.clock });
    };
    void load();
    const stop = cordon().subscribe((event) => {
      if (event.topic === 'channel.opened' || (event.topic === 'exercise.changed' && event.incidentId === incidentId)) void load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [incidentId, isExercise]);
  // A clock loaded for another incident (the war room was switched) is not this one's.
  return isExercise && loaded?.incidentId === incidentId ? loaded.clock : null;
}
