import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivitySeries } from '../../../shared/warroom/activity-series';
import { fixedZone } from '../../../shared/warroom/elapsed';
import { samplePlaybook } from '../../../shared/warroom/fixtures';
import { ActivityChart } from './ActivityChart';

afterEach(cleanup);

const t0 = Date.parse('2024-05-01T07:00:00Z');
const MIN = 60_000;
const iso = (min: number) => new Date(t0 + min * MIN).toISOString();
/** One bucket per `size` minutes from t0, with these counts. */
const bucketsOf = (counts: number[], size = 5) => counts.map((count, i) => ({ start: iso(i * size), end: iso((i + 1) * size), count }));

const series: ActivitySeries = {
  buckets: bucketsOf([3, 0, 12, 1]),
  phases: [
    { phase: 'detection', start: iso(0), end: iso(10) },
    { phase: 'containment', start: iso(10), end: iso(20) },
  ],
  severities: [
    { at: iso(0), severity: 'sev2' },
    { at: iso(12), severity: 'sev1' },
  ],
};

function renderChart(over: Partial<Parameters<typeof ActivityChart>[0]> = {}) {
  const onJump = vi.fn();
  const view = render(<ActivityChart {...series} playbook={samplePlaybook} zone={fixedZone(120)} timeMode="local" onJump={onJump} width={600} height={160} {...over} />);
  return { ...view, onJump };
}

describe('ActivityChart', () => {
  it('names every bar by its time span and count, in the clock the user chose', () => {
    renderChart();
    const bars = within(screen.getByRole('group', { name: /^Events per 5m/ })).getAllByRole('button');
    expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual(['09:00–09:05: 3 events', '09:05–09:10: 0 events', '09:10–09:15: 12 events', '09:15–09:20: 1 event']);
    cleanup();
    renderChart({ timeMode: 'utc' });
    expect(screen.getByRole('button', { name: '07:10–07:15: 12 events' })).toBeTruthy();
  });

  it('sums up the activity for a screen reader', () => {
    const { container } = renderChart();
    expect(screen.getByRole('figure', { name: 'Activity over time' })).toBeTruthy();
    expect(container.querySelector('figcaption')?.textContent).toBe(
      '16 events in 4 buckets of 5m; busiest at 09:10 with 12. Phases: Detection & Analysis from 09:00, Containment from 09:10. Severity calls: SEV2 (High) at 09:00, SEV1 (Critical) at 09:12.',
    );
  });

  it('draws bars as high as their counts, phase bands with their names, and severity calls', () => {
    const { container } = renderChart();
    const heights = [...container.querySelectorAll('rect.wr-bar')].map((r) => Number(r.getAttribute('height')));
    expect(heights).toHaveLength(3);
    expect(heights[1]! / heights[0]!).toBeCloseTo(12 / 3);
    expect(container.querySelectorAll('.wr-activity-band rect')).toHaveLength(2);
    expect(container.textContent).toContain('Containment');
    expect(container.querySelectorAll('.wr-activity-calls line')).toHaveLength(2);
    expect(container.querySelector('.wr-activity-calls')?.textContent).toContain('SEV1 (Critical)');
  });

  it('names only the call in force when two calls would overprint', () => {
    const { container } = renderChart({ severities: [{ at: iso(0), severity: 'sev3' }, { at: new Date(t0 + 20_000).toISOString(), severity: 'sev1' }] });
    expect(container.querySelectorAll('.wr-activity-calls line')).toHaveLength(2);
    expect([...container.querySelectorAll('.wr-activity-calls text')].map((t) => t.textContent)).toEqual(['SEV1 (Critical)']);
  });

  it('jumps to the bucket a bar stands for, by click and by keyboard', () => {
    const { onJump } = renderChart();
    fireEvent.click(screen.getByRole('button', { name: '09:10–09:15: 12 events' }));
    expect(onJump).toHaveBeenLastCalledWith(t0 + 10 * MIN);
    fireEvent.keyDown(screen.getByRole('button', { name: '09:00–09:05: 3 events' }), { key: 'Enter' });
    expect(onJump).toHaveBeenLastCalledWith(t0);
  });

  it('is one tab stop; arrows, Home and End move between bars', () => {
    renderChart();
    const tabbable = screen.getAllByRole('button').filter((b) => b.getAttribute('tabindex') === '0');
    // The latest bucket with events is where a commander looks first.
    expect(tabbable.map((b) => b.getAttribute('aria-label'))).toEqual(['09:15–09:20: 1 event']);
    fireEvent.keyDown(tabbable[0]!, { key: 'ArrowLeft' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('09:10–09:15: 12 events');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('09:00–09:05: 3 events');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('09:15–09:20: 1 event');
    expect(screen.getAllByRole('button').filter((b) => b.getAttribute('tabindex') === '0')).toHaveLength(1);
  });

  it('shows a tip with the span and count for the bar under the pointer', () => {
    const { container } = renderChart();
    fireEvent.mouseEnter(screen.getByRole('button', { name: '09:10–09:15: 12 events' }));
    expect(container.querySelector('.wr-activity-tip')?.textContent).toBe('09:10–09:15 12 events · Containment');
    fireEvent.mouseLeave(screen.getByRole('button', { name: '09:10–09:15: 12 events' }));
    expect(container.querySelector('.wr-activity-tip')).toBeNull();
  });

  it('zooms into a long incident and pans, with buttons and keys', () => {
    const counts = Array.from({ length: 40 }, (_, i) => i % 7);
    renderChart({ buckets: bucketsOf(counts, 1), phases: [], severities: [] });
    expect(screen.getAllByRole('button', { name: /events?$/ })).toHaveLength(40);
    expect(screen.getByRole('button', { name: 'Zoom out' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(screen.getAllByRole('button', { name: /events?$/ })).toHaveLength(20);
    expect(screen.getByText(/^Showing 09:20–09:40/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Earlier' }));
    expect(screen.getByText(/^Showing 09:10–09:30/)).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('button', { name: '09:10–09:11: 3 events' }), { key: 'ArrowLeft' });
    expect(screen.getByText(/^Showing 09:09–09:29/)).toBeTruthy();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('09:09–09:10: 2 events');
    // Panned away from the bar last used: the latest bar with events in view takes the tab stop.
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.getByText(/^Showing 09:19–09:39/)).toBeTruthy();
    const stops = screen.getAllByRole('button', { name: /events?$/ }).filter((b) => b.getAttribute('tabindex') === '0');
    expect(stops.map((b) => b.getAttribute('aria-label'))).toEqual(['09:38–09:39: 3 events']);
    fireEvent.keyDown(stops[0]!, { key: '-' });
    expect(screen.queryByText(/^Showing/)).toBeNull();
    expect(screen.getAllByRole('button', { name: /events?$/ })).toHaveLength(40);
  });

  it('offers no zoom for a short incident', () => {
    renderChart();
    expect(screen.queryByRole('button', { name: 'Zoom in' })).toBeNull();
  });

  it('draws larger type in presenter mode', () => {
    const { container } = renderChart({ presenter: true, height: undefined });
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('font-size')).toBe('16');
    expect(svg.getAttribute('height')).toBe('220');
  });

  it('keeps a lone bucket’s bar narrow instead of filling the chart', () => {
    const { container } = renderChart({ buckets: bucketsOf([4], 1), phases: [], severities: [] });
    const bar = container.querySelector('rect.wr-bar')!;
    expect(Number(bar.getAttribute('width'))).toBe(48);
    expect(screen.getByRole('button', { name: '09:00–09:01: 4 events' }).getAttribute('width')).not.toBe('48');
  });

  it('says when there is no activity', () => {
    const { container } = renderChart({ buckets: [], phases: [], severities: [] });
    expect(container.querySelector('figcaption')?.textContent).toBe('No activity yet.');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
