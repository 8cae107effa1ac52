import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedZone } from '../../../shared/warroom/elapsed';
import { makeEvent } from '../../../shared/warroom/fixtures';
import { ActivityChart } from './ActivityChart.lazy';

beforeAll(() => {
  // recharts asks for ResizeObserver even with a fixed size.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

describe('the lazily loaded activity chart', () => {
  it('says it is loading, then shows the chart once its chunk has arrived', async () => {
    const t0 = Date.parse('2024-05-01T07:00:00Z');
    const events = [makeEvent('declared', { title: 'x', kind: 'real', severity: 'sev2' }, { occurredAt: new Date(t0).toISOString() })];
    render(<ActivityChart events={events} now={t0 + 10 * 60_000} zone={fixedZone(0)} timeMode="utc" onJump={() => {}} width={600} height={160} />);
    expect(screen.getByRole('status').textContent).toBe('Loading the activity chart…');
    expect((await screen.findByRole('figure', { name: 'Activity over time' })).querySelector('figcaption')?.textContent).toMatch(/^1 event/);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
