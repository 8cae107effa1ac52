import { describe, expect, it } from 'vitest';
import { makeEvent } from '../../../shared/warroom/fixtures';
import { activityFromEvents } from './activity-from-events';

const t0 = Date.parse('2024-05-01T07:00:00Z');
const iso = (min: number) => new Date(t0 + min * 60_000).toISOString();

describe('activityFromEvents', () => {
  const events = [
    makeEvent('declared', { title: 'x', kind: 'real', severity: 'sev2' }, { occurredAt: iso(0) }),
    makeEvent('note', { text: 'a' }, { occurredAt: iso(3) }),
    makeEvent('phase_changed', { phase: 'containment' }, { occurredAt: iso(10) }),
    makeEvent('severity_changed', { severity: 'sev1' }, { occurredAt: iso(20) }),
    makeEvent('note', { text: 'b' }, { occurredAt: iso(21) }),
  ];

  it('gives the chart ISO buckets from the first event to now, phase bands and severity calls', () => {
    const series = activityFromEvents(events, t0 + 30 * 60_000, 60);
    expect(series.buckets).toHaveLength(31);
    expect(series.buckets[0]).toEqual({ start: iso(0), end: iso(1), count: 1 });
    expect(series.buckets.reduce((n, b) => n + b.count, 0)).toBe(5);
    expect(series.phases).toEqual([{ phase: 'containment', start: iso(10), end: iso(30) }]);
    expect(series.severities).toEqual([
      { at: iso(0), severity: 'sev2' },
      { at: iso(20), severity: 'sev1' },
    ]);
  });

  it('computes again only for new events or a new minute', () => {
    const a = activityFromEvents(events, t0 + 30 * 60_000);
    expect(activityFromEvents(events, t0 + 30 * 60_000)).toBe(a);
    const later = activityFromEvents(events, t0 + 31 * 60_000);
    expect(later).not.toBe(a);
    expect(later.buckets).toHaveLength(32);
    const more = [...events, makeEvent('note', { text: 'c' }, { occurredAt: iso(22) })];
    expect(activityFromEvents(more, t0 + 31 * 60_000).buckets.reduce((n, b) => n + b.count, 0)).toBe(6);
  });

  it('gives an empty series before anything happened', () => {
    expect(activityFromEvents([], t0)).toEqual({ buckets: [], phases: [], severities: [] });
  });
});
