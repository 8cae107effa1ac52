import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedZone } from '../../../shared/warroom/elapsed';
import { makeEvent, samplePlaybook } from '../../../shared/warroom/fixtures';
import { ActivityChart } from './ActivityChart';

beforeAll(() => {
  // recharts asks for ResizeObserver even with a fixed size.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

const t0 = Date.parse('2024-05-01T07:00:00Z');
const iso = (min: number) => new Date(t0 + min * 60_000).toISOString();

describe('ActivityChart', () => {
  const events = [
    makeEvent('declared', { title: 'x', kind: 'real', severity: 'sev2' }, { occurredAt: iso(0) }),
    makeEvent('note', { text: 'a' }, { occurredAt: iso(3) }),
    makeEvent('phase_changed', { phase: 'containment' }, { occurredAt: iso(10) }),
    makeEvent('severity_changed', { severity: 'sev1' }, { occurredAt: iso(20) }),
    makeEvent('note', { text: 'b' }, { occurredAt: iso(21) }),
  ];

  it('draws bars, phase bands and severity lines, and jumps on click', () => {
    const onJump = vi.fn();
    const { container } = render(
      <ActivityChart events={events} playbook={samplePlaybook} now={t0 + 30 * 60_000} zone={fixedZone(120)} timeMode="local" onJump={onJump} width={600} height={160} />,
    );
    expect(screen.getByRole('figure', { name: 'Activity over time' })).toBeTruthy();
    expect(container.querySelector('figcaption')?.textContent).toMatch(/^5 events in 31 buckets of 1m; busiest at 09:00/);
    expect(container.textContent).toContain('Containment');
    expect(container.textContent).toContain('SEV1 (Critical)');
    expect(container.querySelectorAll('.recharts-reference-area').length).toBe(1);
    expect(container.querySelectorAll('.recharts-reference-line').length).toBe(2);
    const bars = container.querySelectorAll('.recharts-bar-rectangle path, .recharts-bar-rectangle');
    expect(bars.length).toBeGreaterThan(0);
    const target = container.querySelector('.recharts-bar-rectangle path') ?? bars[0]!;
    fireEvent.click(target);
    expect(onJump).toHaveBeenCalledTimes(1);
    expect(typeof onJump.mock.calls[0]![0]).toBe('number');
  });

  it('names only the call in force when two fall in one bucket, so labels do not overprint', () => {
    const sameMinute = [
      makeEvent('declared', { title: 'x', kind: 'real', severity: 'sev3' }, { occurredAt: iso(0) }),
      makeEvent('severity_changed', { severity: 'sev1' }, { occurredAt: new Date(t0 + 20_000).toISOString() }),
      makeEvent('note', { text: 'a' }, { occurredAt: iso(5) }),
    ];
    const { container } = render(
      <ActivityChart events={sameMinute} playbook={samplePlaybook} now={t0 + 10 * 60_000} zone={fixedZone(0)} timeMode="utc" onJump={vi.fn()} width={600} height={160} />,
    );
    expect(container.querySelectorAll('.recharts-reference-line').length).toBe(2);
    const labels = [...container.querySelectorAll('.recharts-label')].map((l) => l.textContent);
    expect(labels.filter((l) => l?.startsWith('SEV'))).toEqual(['SEV1 (Critical)']);
  });

  it('says when there is no activity', () => {
    const { container } = render(<ActivityChart events={[]} now={t0} zone={fixedZone(0)} timeMode="utc" onJump={vi.fn()} width={300} />);
    expect(container.querySelector('figcaption')?.textContent).toBe('No activity yet.');
  });
});
