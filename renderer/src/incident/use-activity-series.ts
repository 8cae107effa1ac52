import { useEffect, useState } from 'react';
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
 * The activity chart's series, counted by the store (issue 16: the renderer never walks the
 * incident's events). Asked again when the minute turns or the log grows; an answer that
 * arrives after a newer question was asked is dropped.
 */
export function useActivitySeries(incidentId: string, now: number, eventCount: number): ActivitySeries {
  const [series, setSeries] = useState<ActivitySeries>(empty);
  useEffect(() => {
    let current = true;
    void cordon()
      .timelineBuckets({ incidentId, now, maxBuckets: 60 })
      .then((result) => {
        // A failed count leaves the last chart up: the timeline itself shows the store's errors.
        if (current && result.ok) setSeries(seriesFromBuckets(result.value));
      });
    return () => {
      current = false;
    };
  }, [incidentId, now, eventCount]);
  return series;
}
