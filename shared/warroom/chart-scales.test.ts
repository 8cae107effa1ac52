import { describe, expect, it } from 'vitest';
import { countTicks, linearScale, namedMarkers, timeTicks, timeTickStep, ticksAreDays, zoomWindow } from './chart-scales';
import { fixedZone, utcZone } from './elapsed';

const MIN = 60_000;
const t0 = Date.parse('2024-05-01T07:00:00Z');

describe('linearScale', () => {
  it('maps the domain onto the range, and a zero-width domain to its start', () => {
    const x = linearScale(100, 200, 0, 50);
    expect([x(100), x(150), x(200)]).toEqual([0, 25, 50]);
    expect(linearScale(0, 100, 100, 0)(25)).toBe(75);
    expect(linearScale(5, 5, 10, 20)(5)).toBe(10);
  });
});

describe('countTicks', () => {
  it('uses 1, 2 or 5 times a power of ten and ends at or above the maximum', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(12)).toEqual([0, 5, 10, 15]);
    expect(countTicks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(countTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(countTicks(2.2, 2)).toEqual([0, 2, 4]);
  });
});

describe('time ticks', () => {
  it('picks the smallest nice step that fits, whole weeks beyond the list', () => {
    expect(timeTickStep(30 * MIN, 6)).toBe(5 * MIN);
    expect(timeTickStep(31 * MIN, 6)).toBe(10 * MIN);
    expect(timeTickStep(10 * 60 * MIN, 6)).toBe(120 * MIN);
    expect(timeTickStep(70 * 1440 * MIN, 5)).toBe(2 * 10080 * MIN);
    expect(ticksAreDays(1440 * MIN)).toBe(true);
    expect(ticksAreDays(720 * MIN)).toBe(false);
  });

  it('falls on round minutes of UTC', () => {
    const { step, ticks } = timeTicks(t0 + 3 * MIN, t0 + 33 * MIN, 6, utcZone);
    expect(step).toBe(5 * MIN);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['07:05', '07:10', '07:15', '07:20', '07:25', '07:30']);
  });

  it('falls on round hours of the local clock, not of UTC, in a half-hour zone', () => {
    // India: UTC+05:30. 07:00Z is 12:30 there; two-hour ticks land on even local hours.
    const zone = fixedZone(330);
    const { step, ticks } = timeTicks(t0, t0 + 10 * 60 * MIN, 6, zone);
    expect(step).toBe(120 * MIN);
    expect(ticks.map((t) => new Date(t + 330 * MIN).toISOString().slice(11, 16))).toEqual(['14:00', '16:00', '18:00', '20:00', '22:00']);
  });

  it('lands day ticks on local midnight', () => {
    const zone = fixedZone(120);
    const { ticks } = timeTicks(t0, t0 + 4 * 1440 * MIN, 4, zone);
    expect(ticks.map((t) => new Date(t + 120 * MIN).toISOString().slice(5, 16))).toEqual(['05-02T00:00', '05-03T00:00', '05-04T00:00', '05-05T00:00']);
  });

  it('gives no more ticks than asked for plus one, even over a zero span', () => {
    expect(timeTicks(t0, t0, 5, utcZone).ticks).toEqual([t0]);
    expect(timeTicks(t0 + 1, t0 + 59_000, 3, utcZone).ticks).toEqual([]);
    expect(timeTicks(t0, t0 + 600 * MIN, 3, utcZone).ticks.length).toBeLessThanOrEqual(4);
  });
});

describe('namedMarkers', () => {
  it('always names the call in force and drops earlier labels it would overprint', () => {
    expect(namedMarkers([10, 20, 200], [50, 50, 50])).toEqual([false, true, true]);
    expect(namedMarkers([10, 100, 200], [50, 50, 50])).toEqual([true, true, true]);
    expect(namedMarkers([50], [500])).toEqual([true]);
    expect(namedMarkers([], [])).toEqual([]);
  });
});

describe('zoomWindow', () => {
  const full = { start: 0, end: 1000 };
  it('halves around the centre, doubles back out, and is null when as wide as everything', () => {
    const in1 = zoomWindow(full, null, 'in', 500, 10);
    expect(in1).toEqual({ start: 250, end: 750 });
    expect(zoomWindow(full, in1, 'out', 500, 10)).toBeNull();
    expect(zoomWindow(full, in1, 'all', 500, 10)).toBeNull();
  });
  it('keeps the window inside the span, on whole buckets, never narrower than one', () => {
    expect(zoomWindow(full, null, 'in', 990, 10)).toEqual({ start: 500, end: 1000 });
    expect(zoomWindow(full, { start: 0, end: 20 }, 'in', 3, 10)).toEqual({ start: 0, end: 10 });
    expect(zoomWindow(full, { start: 0, end: 10 }, 'in', 3, 10)).toEqual({ start: 0, end: 10 });
    expect(zoomWindow(full, { start: 300, end: 370 }, 'in', 333, 10)).toEqual({ start: 310, end: 350 });
    expect(zoomWindow(full, { start: 300, end: 370 }, 'later', 0, 10)).toEqual({ start: 340, end: 410 });
    expect(zoomWindow(full, { start: 100, end: 300 }, 'earlier', 0, 10)).toEqual({ start: 0, end: 200 });
    expect(zoomWindow(full, { start: 700, end: 900 }, 'later', 0, 10)).toEqual({ start: 800, end: 1000 });
  });
});
