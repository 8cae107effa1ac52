import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedZone } from '../../../shared/warroom/elapsed';
import { ActivityChart } from './ActivityChart.lazy';

afterEach(cleanup);

describe('the lazily loaded activity chart', () => {
  it('says it is loading, then shows the chart once its chunk has arrived', async () => {
    const buckets = [{ start: '2024-05-01T07:00:00.000Z', end: '2024-05-01T07:01:00.000Z', count: 1 }];
    render(<ActivityChart buckets={buckets} phases={[]} severities={[]} zone={fixedZone(0)} timeMode="utc" onJump={() => {}} width={600} height={160} />);
    expect(screen.getByRole('status').textContent).toBe('Loading the activity chart…');
    expect((await screen.findByRole('figure', { name: 'Activity over time' })).querySelector('figcaption')?.textContent).toMatch(/^1 event in 1 bucket of 1m/);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
