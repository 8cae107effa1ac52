import type { TimeZone } from './elapsed';

// The arithmetic of the activity chart, apart from React and the DOM: scales, "nice" ticks for
// counts and for times (aligned to the clock the user reads, local or UTC), which severity
// labels fit, and the zoom window over the buckets.

const MIN = 60_000;
const DAY = 1440 * MIN;
/** Tick steps a person reads at a glance, smallest first. */
export const TIME_TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * MIN);

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** Integer ticks from 0 with a 1/2/5×10ⁿ step, at most `maxTicks` + 1 of them, the last ≥ `max`. */
export function countTicks(max: number, maxTicks = 4): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let magnitude = 1; ; magnitude *= 10) {
    const fit = [1, 2, 5].map((m) => m * magnitude).find((s) => top / s <= maxTicks);
    if (fit !== undefined) {
      step = fit;
      break;
    }
  }
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) ticks.push(v);
  return ticks;
}

/** The smallest nice step giving at most `maxTicks` ticks over `spanMs` (whole weeks beyond the list). */
export function timeTickStep(spanMs: number, maxTicks: number): number {
  const n = Math.max(1, maxTicks);
  for (const step of TIME_TICK_STEPS) if (spanMs / step <= n) return step;
  const week = 10080 * MIN;
  return Math.ceil(spanMs / n / week) * week;
}

/**
 * Tick instants (UTC ms) in [start, end] on round wall-clock times of `zone` ("09:15", midnight),
 * so a local axis shows 09:00 and not 09:00 UTC shifted by the offset.
 */
export function timeTicks(start: number, end: number, maxTicks: number, zone: TimeZone): { step: number; ticks: number[] } {
  const step = timeTickStep(end - start, maxTicks);
  const offset = (ms: number) => zone.offsetMinutes(ms) * MIN;
  const ticks: number[] = [];
  let wall = Math.ceil((start + offset(start)) / step) * step;
  // Bounded: the step was chosen so that at most maxTicks + 1 fit.
  for (let i = 0; i <= maxTicks + 1; i++, wall += step) {
    const t = wall - offset(wall - offset(start));
    if (t > end) break;
    if (t >= start) ticks.push(t);
  }
  return { step, ticks };
}

/** Whether an axis with this tick step names days rather than times of day. */
export const ticksAreDays = (step: number): boolean => step >= DAY;

/**
 * Which severity labels to draw: the calls at pixel `xs` (time order) each need `widths[i]` px
 * to the right. The latest call is the one in force, so it is always named; an earlier one is
 * named only when its label ends `gap` px before the next named one begins.
 */
export function namedMarkers(xs: readonly number[], widths: readonly number[], gap = 4): boolean[] {
  const named = xs.map(() => false);
  let limit = Infinity;
  for (let i = xs.length - 1; i >= 0; i--) {
    const x = xs[i] ?? 0;
    if (x + (widths[i] ?? 0) + gap <= limit) {
      named[i] = true;
      limit = x;
    }
  }
  return named;
}

export interface TimeWindow {
  start: number;
  end: number;
}
export type ZoomAction = 'in' | 'out' | 'earlier' | 'later' | 'all';

/**
 * The next zoom window (null = everything) over `full`, after `action` around `centre`.
 * Zooming in halves the span, zooming out doubles it, panning moves half a span; windows fall on
 * whole buckets of `bucket` ms from the start (never narrower than one), so no bar is cut in two;
 * a window as wide as `full` is null.
 */
export function zoomWindow(full: TimeWindow, view: TimeWindow | null, action: ZoomAction, centre: number, bucket: number): TimeWindow | null {
  const current = view ?? full;
  const span = current.end - current.start;
  const fullSpan = full.end - full.start;
  const whole = (ms: number) => Math.max(1, Math.round(ms / bucket)) * bucket;
  const onGrid = (t: number) => full.start + Math.round((t - full.start) / bucket) * bucket;
  let next: TimeWindow;
  if (action === 'all') return null;
  if (action === 'in' || action === 'out') {
    const nextSpan = whole(action === 'in' ? span / 2 : span * 2);
    if (nextSpan >= fullSpan) return null;
    const start = onGrid(centre - nextSpan / 2);
    next = { start, end: start + nextSpan };
  } else {
    const shift = (action === 'later' ? 1 : -1) * whole(span / 2);
    next = { start: current.start + shift, end: current.end + shift };
  }
  const width = next.end - next.start;
  if (next.start < full.start) next = { start: full.start, end: full.start + width };
  if (next.end > full.end) next = { start: full.end - width, end: full.end };
  return next.end - next.start >= fullSpan ? null : next;
}
