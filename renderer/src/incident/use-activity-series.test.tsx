import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CordonApi } from '../../../shared/ipc/contract';
import { recountGapMs, useActivitySeries } from './use-activity-series';

// When the war room asks the store for the chart's counts: not before the timeline is open (its
// first rows would queue behind the count), and not on every event of a busy incident.

const answer = (count: number) => ({ ok: true, value: { bucketMs: 60_000, buckets: [{ start: 0, end: 60_000, count, keyCount: 0 }], bands: [], markers: [], total: count } });

let asked: { incidentId: string; now: number }[];
beforeEach(() => {
  vi.useFakeTimers();
  asked = [];
  const api = {
    timelineBuckets: vi.fn(async (input: { incidentId: string; now: number }) => {
      asked.push({ incidentId: input.incidentId, now: input.now });
      return answer(asked.length);
    }),
  };
  Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const flush = () => act(async () => {});

describe('useActivitySeries', () => {
  it('asks once the incident is open, then at most every gap while events arrive, and always for the last one', async () => {
    const { result, rerender } = renderHook(({ count }: { count: number | null }) => useActivitySeries('inc', 0, count), { initialProps: { count: null as number | null } });
    await flush();
    expect(asked).toEqual([]);
    rerender({ count: 10 });
    await flush();
    expect(asked).toHaveLength(1);
    expect(result.current.buckets[0]?.count).toBe(1);
    // Three events in quick succession: nothing asked before the gap is over, then once.
    for (const count of [11, 12, 13]) {
      rerender({ count });
      await act(async () => void vi.advanceTimersByTime(recountGapMs / 10));
    }
    expect(asked).toHaveLength(1);
    await act(async () => void vi.advanceTimersByTime(recountGapMs));
    expect(asked).toHaveLength(2);
    expect(result.current.buckets[0]?.count).toBe(2);
    // Well after the gap, the next event is counted at once.
    await act(async () => void vi.advanceTimersByTime(recountGapMs * 2));
    rerender({ count: 14 });
    await flush();
    expect(asked).toHaveLength(3);
  });

  it('asks at once for another minute or another incident, and never shows an older incident’s answer', async () => {
    let release: (() => void) | null = null;
    const api = window.cordon as unknown as { timelineBuckets: ReturnType<typeof vi.fn> };
    const { result, rerender } = renderHook(({ id, now }: { id: string; now: number }) => useActivitySeries(id, now, 5), { initialProps: { id: 'a', now: 0 } });
    await flush();
    rerender({ id: 'a', now: 60_000 });
    await flush();
    expect(asked.map((q) => q.now)).toEqual([0, 60_000]);
    // The first incident's answer is held back until the second incident was asked.
    api.timelineBuckets.mockImplementationOnce(async (input: { incidentId: string; now: number }) => {
      asked.push(input);
      await new Promise<void>((resolve) => (release = resolve));
      return answer(99);
    });
    rerender({ id: 'a', now: 120_000 });
    await flush();
    rerender({ id: 'b', now: 120_000 });
    await flush();
    expect(asked.map((q) => q.incidentId)).toEqual(['a', 'a', 'a', 'b']);
    expect(result.current.buckets[0]?.count).toBe(4);
    await act(async () => release?.());
    expect(result.current.buckets[0]?.count).not.toBe(99);
  });
});
