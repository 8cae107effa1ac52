import type { EventView } from '../../../shared/ipc/store-schemas';
import { activity } from '../../../shared/warroom/activity';
import type { ActivitySeries } from '../../../shared/warroom/activity-series';

// The activity chart's data computed in the renderer from the events it already holds, until
// the store serves the same series (issue 16: buckets at the zoom shown). Swapping this file
// for a store query is the whole change: the chart only sees an ActivitySeries.

const iso = (ms: number) => new Date(ms).toISOString();

function compute(events: readonly EventView[], now: number, maxBuckets: number): ActivitySeries {
  const { buckets, bands, markers } = activity(events, now, maxBuckets);
  return {
    buckets: buckets.map((b) => ({ start: iso(b.start), end: iso(b.end), count: b.count })),
    phases: bands.map((b) => ({ phase: b.phase, start: iso(b.start), end: iso(b.end) })),
    severities: markers.map((m) => ({ at: iso(m.at), severity: m.severity })),
  };
}

// One entry: the war room re-renders for many reasons, and re-bucketing 100,000 events on each
// would cost what the timeline saves. A new events array or a new minute computes again.
let last: { events: readonly EventView[]; now: number; maxBuckets: number; series: ActivitySeries } | null = null;

/** The chart's series from the incident's events, from the first event to `now`. */
export function activityFromEvents(events: readonly EventView[], now: number, maxBuckets = 60): ActivitySeries {
  if (last?.events === events && last.now === now && last.maxBuckets === maxBuckets) return last.series;
  const series = compute(events, now, maxBuckets);
  last = { events, now, maxBuckets, series };
  return series;
}
