import type { EventView } from '../events/read-models';
import { phaseChanges, timeOf } from './timeline-filter';

// Data for the activity chart: events per time bucket, phase bands, severity markers.
// One pass over the events; the bucket size is picked from "nice" steps for the span.

const MIN = 60_000;
/** Nice bucket sizes, smallest first. */
export const BUCKET_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * MIN);

export interface ActivityBucket {
  /** UTC ms, inclusive. */
  start: number;
  /** UTC ms, exclusive. */
  end: number;
  count: number;
  keyCount: number;
}

export interface PhaseBand {
  phase: string;
  start: number;
  /** The next phase change, or `now`. */
  end: number;
}

export interface SeverityMarker {
  at: number;
  severity: string;
  eventId: string;
}

export interface Activity {
  bucketMs: number;
  buckets: ActivityBucket[];
  bands: PhaseBand[];
  markers: SeverityMarker[];
}

/** The smallest nice step giving at most `maxBuckets` buckets over `spanMs`. */
export function pickBucketSize(spanMs: number, maxBuckets = 60): number {
  for (const step of BUCKET_STEPS) if (spanMs / step <= maxBuckets) return step;
  const last = BUCKET_STEPS[BUCKET_STEPS.length - 1] ?? 10080 * MIN;
  return Math.ceil(spanMs / maxBuckets / last) * last;
}

/**
 * Buckets from the first event to `now` (or the last event if later), aligned to the bucket
 * size in UTC. Redacted events still count (something happened then), as amend/redact do not:
 * corrections are about the log, not the incident.
 */
export function activity(events: readonly EventView[], now: number, maxBuckets = 60): Activity {
  let first = Infinity;
  let last = -Infinity;
  for (const e of events) {
    if (e.kind === 'amend' || e.kind === 'redact') continue;
    const t = timeOf(e);
    if (t < first) first = t;
    if (t > last) last = t;
  }
  if (first === Infinity) return { bucketMs: BUCKET_STEPS[0] ?? MIN, buckets: [], bands: [], markers: [] };
  const end = Math.max(last, now);
  const bucketMs = pickBucketSize(end - first, maxBuckets);
  const origin = Math.floor(first / bucketMs) * bucketMs;
  const n = Math.floor((end - origin) / bucketMs) + 1;
  const buckets: ActivityBucket[] = Array.from({ length: n }, (_, i) => ({ start: origin + i * bucketMs, end: origin + (i + 1) * bucketMs, count: 0, keyCount: 0 }));
  const markers: SeverityMarker[] = [];
  for (const e of events) {
    if (e.kind === 'amend' || e.kind === 'redact') continue;
    const t = timeOf(e);
    const b = buckets[Math.floor((t - origin) / bucketMs)];
    if (b) {
      b.count += 1;
      if (e.key) b.keyCount += 1;
    }
    if (e.redactedBy !== null) continue;
    const severity = e.kind === 'severity_changed' ? e.effectivePayload?.severity : e.kind === 'declared' ? e.effectivePayload?.severity : undefined;
    if (typeof severity === 'string') markers.push({ at: t, severity, eventId: e.id });
  }
  markers.sort((a, b) => a.at - b.at);
  return { bucketMs, buckets, bands: phaseBands(events, end), markers };
}

/** Start and end of each phase, from the phase changes (a phase entered twice gives two bands). */
export function phaseBands(events: readonly EventView[], now: number): PhaseBand[] {
  const changes = phaseChanges(events);
  return changes.map((c, i) => ({ phase: c.phase, start: c.at, end: Math.max(c.at, changes[i + 1]?.at ?? now) }));
}

/**
 * A phase label cut to the width of its band ("Containm…"), or null when not even three
 * characters fit. Bands never overlap, so labels kept inside their band never overprint one
 * another; the full name stays in the chart's title and tooltip.
 */
export function fitLabel(text: string, widthPx: number, charPx: number): string | null {
  const fits = Math.floor((widthPx - 4) / charPx);
  if (fits >= text.length) return text;
  if (fits < 3) return null;
  return `${text.slice(0, fits - 1).trimEnd()}…`;
}
