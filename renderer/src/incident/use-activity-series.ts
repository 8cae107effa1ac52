import { startTransition, useEffect, useRef, useState } from 'react';
import type { TimelineBuckets } from '../../../shared/ipc/timeline-contract';
import type { ActivitySeries } from '../../../shared/warroom/activity-series';
import { cordon } from '../platform/cordon';

const iso = (ms: number) => new Date(ms).toISOString();

/** The store's buckets in the chart's shape (ISO instants). */
export function seriesFromBuckets(answer: TimelineBuckets): ActivitySeries {
  return {
    buckets: answer.buckets.map((b) => ({ start: iso(b.start), end: iso(b.end), count: b.count })),
    phases: answer.bands.map((b) => ({ phase: b.phase, start: iso(b.start), end: iso(b.end) })),
    severities: answer.markers.map((m) => ({ at: iso(m.at), severity: m.severity })),
  };
}

const empty: ActivitySeries = { buckets: [], phases: [], severities: [] };

/**
 * While events keep arriving the chart is counted again at most this often: at 100,000 events
 * a count takes the main process 40-100 ms, and every request queues behind it (the row of the
 * note just typed, the next search key). The last change is always counted.
 */
export const recountGapMs = 2_000;

/**
 * The activity chart's series, counted by the store (issue 16: the renderer never walks the
 * incident's events). Asked once the incident is open (`eventCount` null before: the timeline's
 * first rows are asked first, not queued behind the count), again when the minute turns, and as
 * the log grows, at most every recountGapMs. An answer that arrives after a newer question was
 * asked is dropped.
 */
export function useActivitySeries(incidentId: string, now: number, eventCount: number | null): ActivitySeries {
  const [series, setSeries] = useState<ActivitySeries>(empty);
  // The question last sent (its number, when, and for which incident and minute): only its answer is shown.
  const asked = useRef({ seq: 0, at: 0, incidentId: '', now: 0 });
  const open = eventCount !== null;
  // Another incident's answer, still on its way, is never shown for this one.
  useEffect(
    () => () => {
      asked.current = { ...asked.current, seq: asked.current.seq + 1, incidentId: '' };
    },
    [incidentId],
  );
  useEffect(() => {
    if (!open) return;
    const ask = () => {
      const seq = asked.current.seq + 1;
      asked.current = { seq, at: Date.now(), incidentId, now };
      void cordon()
        .timelineBuckets({ incidentId, now, maxBuckets: 60 })
        .then((result) => {
          // A failed count leaves the last chart up: the timeline itself shows the store's errors.
          // Drawn as a transition: the chart (15-27 ms of rendering) gives way, between its
          // components, to a key typed meanwhile and to the answer that key is waiting for.
          if (asked.current.seq === seq && result.ok) startTransition(() => setSeries(seriesFromBuckets(result.value)));
        });
    };
    // Only a longer log waits its turn; another incident or minute is asked at once.
    const last = asked.current;
    const wait = last.incidentId === incidentId && last.now === now ? last.at + recountGapMs - Date.now() : 0;
    if (wait <= 0) return void ask();
    const timer = setTimeout(ask, wait);
    return () => clearTimeout(timer);
  }, [incidentId, now, eventCount, open]);
  return series;
}
