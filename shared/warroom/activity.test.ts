import { describe, expect, it } from 'vitest';
import { activity, fitLabel, phaseBands, pickBucketSize } from './activity';
import { makeEvent } from './fixtures';

const M = 60_000;
const t0 = Date.parse('2024-05-01T09:00:00Z');
const iso = (min: number) => new Date(t0 + min * M).toISOString();

describe('pickBucketSize', () => {
  it('picks nice steps for the span', () => {
    expect(pickBucketSize(30 * M)).toBe(M);
    expect(pickBucketSize(3 * 60 * M)).toBe(5 * M);
    expect(pickBucketSize(24 * 60 * M)).toBe(30 * M);
    expect(pickBucketSize(10 * 24 * 60 * M)).toBe(6 * 60 * M);
    expect(pickBucketSize(1000 * 24 * 60 * M)).toBe(3 * 7 * 24 * 60 * M);
  });
});

describe('activity', () => {
  const events = [
    makeEvent('declared', { title: 'x', kind: 'real', severity: 'sev3' }, { occurredAt: iso(0) }),
    makeEvent('note', { text: 'a' }, { occurredAt: iso(1) }),
    makeEvent('note', { text: 'b', key: true }, { occurredAt: iso(7) }),
    makeEvent('phase_changed', { phase: 'containment' }, { occurredAt: iso(10) }),
    makeEvent('severity_changed', { severity: 'sev1' }, { occurredAt: iso(20) }),
    makeEvent('phase_changed', { phase: 'recovery' }, { occurredAt: iso(40) }),
    makeEvent('amend', { targetEventId: 'x', reason: 'r', key: true }, { occurredAt: iso(59) }),
  ];

  it('buckets events, with key counts, up to now', () => {
    const a = activity(events, t0 + 60 * M);
    expect(a.bucketMs).toBe(M);
    expect(a.buckets).toHaveLength(61);
    expect(a.buckets[0]).toEqual({ start: t0, end: t0 + M, count: 1, keyCount: 1 });
    expect(a.buckets[7]?.keyCount).toBe(1);
    expect(a.buckets.reduce((s, b) => s + b.count, 0)).toBe(6);
  });

  it('gives phase bands and severity markers', () => {
    const a = activity(events, t0 + 60 * M);
    expect(a.bands).toEqual([
      { phase: 'containment', start: t0 + 10 * M, end: t0 + 40 * M },
      { phase: 'recovery', start: t0 + 40 * M, end: t0 + 60 * M },
    ]);
    expect(a.markers.map((m) => [m.severity, (m.at - t0) / M])).toEqual([
      ['sev3', 0],
      ['sev1', 20],
    ]);
    expect(phaseBands([], 0)).toEqual([]);
    expect(activity([], 0).buckets).toEqual([]);
  });

  it('handles 100k events in one pass', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => makeEvent('note', { text: 'n' }, { occurredAt: new Date(t0 + i * 10_000).toISOString() }));
    const a = activity(many, t0 + 100_000 * 10_000);
    expect(a.buckets.length).toBeLessThanOrEqual(61);
    expect(a.buckets.reduce((s, b) => s + b.count, 0)).toBe(100_000);
  });

  it('cuts a phase label to its band so neighbours never overprint', () => {
    expect(fitLabel('Containment', 200, 6)).toBe('Containment');
    expect(fitLabel('Containment', 40, 6)).toBe('Conta…'); // 6 characters fit in 36 px, the last one the ellipsis
    expect(fitLabel('Containment', 20, 6)).toBeNull(); // fewer than 3 fit: none, the band's tooltip names it
    expect(fitLabel('Recovery', 0, 6)).toBeNull();
  });
});
