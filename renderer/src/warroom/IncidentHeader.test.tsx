import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedZone } from '../../../shared/warroom/elapsed';
import { samplePlaybook } from '../../../shared/warroom/fixtures';
import { IncidentHeader } from './IncidentHeader';
import { controlClock, newClock } from '../../../shared/exercises/clock';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const sev1 = samplePlaybook.severities[0]!;
const declaredAt = '2024-05-01T09:00:00.000Z';
const t = (min: number) => Date.parse(declaredAt) + min * 60_000;
const base = {
  title: 'Payments DB down',
  status: 'active' as const,
  level: sev1,
  phaseName: 'Containment',
  commander: 'alice',
  declaredAt,
  zone: fixedZone(120, 'Europe/Paris'),
  timeMode: 'local' as const,
};

describe('IncidentHeader', () => {
  it('names severity, status, phase and commander in words', () => {
    render(<IncidentHeader {...base} now={t(5)} />);
    expect(screen.getByRole('heading', { name: 'Payments DB down' })).toBeTruthy();
    expect(screen.getByText('SEV1')).toBeTruthy();
    expect(screen.getByText(/Critical/)).toBeTruthy();
    expect(screen.getByText('Active')).toBeTruthy();
    expect(screen.getByText('Containment')).toBeTruthy();
    expect(screen.getByText('alice')).toBeTruthy();
  });

  it('turns SLA chips amber then red, and says so in words', () => {
    const { rerender } = render(<IncidentHeader {...base} now={t(5)} />);
    expect(screen.getByRole('timer', { name: 'Response SLA: 10:00 left, due soon' }).className).toContain('wr-clock-amber');
    expect(screen.getByRole('timer', { name: 'Resolution SLA: 3:55:00 left, on track' }).className).toContain('wr-clock-ok');
    rerender(<IncidentHeader {...base} now={t(20)} />);
    expect(screen.getByRole('timer', { name: 'Response SLA: over by 05:00, breached' }).className).toContain('wr-clock-red');
    rerender(<IncidentHeader {...base} acknowledgedAt={new Date(t(3)).toISOString()} now={t(20)} />);
    expect(screen.getByRole('timer', { name: 'Response SLA: 12:00 to spare, met' })).toBeTruthy();
  });

  it('shows the since-declared and since-detected clocks and the regulatory clock', () => {
    render(
      <IncidentHeader
        {...base}
        detectedAt={new Date(t(-30)).toISOString()}
        compliance={samplePlaybook.compliance}
        personalDataAt={new Date(t(60)).toISOString()}
        now={t(90)}
      />,
    );
    expect(screen.getByRole('timer', { name: 'Since declared: 1:30:00' })).toBeTruthy();
    expect(screen.getByRole('timer', { name: 'Since detected: 2:00:00' })).toBeTruthy();
    expect(screen.getByRole('timer', { name: 'GDPR Art. 33 notification: 2d 23:30:00 left, on track' })).toBeTruthy();
  });

  it('ticks every second on its own', () => {
    vi.useFakeTimers();
    vi.setSystemTime(t(1));
    render(<IncidentHeader {...base} />);
    expect(screen.getByRole('timer', { name: 'Since declared: 01:00' })).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.getByRole('timer', { name: 'Since declared: 01:02' })).toBeTruthy();
  });

  it('counts in exercise time in an exercise: T+25m at 60x is 25 minutes, not 25 seconds', () => {
    const start = t(10); // the facilitator starts the clock ten wall minutes after the declaration
    let clock = controlClock(newClock(60), { action: 'start' }, start);
    const sev2 = samplePlaybook.severities[1]!; // response SLA 30 minutes
    const props = { ...base, kind: 'exercise' as const, level: sev2, acknowledgedAt: null };
    const { rerender } = render(<IncidentHeader {...props} exerciseClock={clock} now={start + 25_000} />);
    expect(screen.getByRole('timer', { name: 'Since declared (exercise time): 25:00' })).toBeTruthy();
    expect(screen.getByRole('timer', { name: 'Response SLA: 05:00 left, due soon' }).getAttribute('title')).toContain('due T+30m');
    // Paused for a wall hour: exercise time stands still.
    clock = controlClock(clock, { action: 'pause' }, start + 25_000);
    rerender(<IncidentHeader {...props} exerciseClock={clock} now={start + 25_000 + 3_600_000} />);
    expect(screen.getByRole('timer', { name: 'Since declared (exercise time): 25:00' })).toBeTruthy();
    // A commander who took it at exercise T+20m met the 30-minute SLA with 10 minutes to spare.
    rerender(<IncidentHeader {...props} exerciseClock={clock} acknowledgedAt={new Date(start + 20_000).toISOString()} now={start + 25_000} />);
    expect(screen.getByRole('timer', { name: 'Response SLA: 10:00 to spare, met' })).toBeTruthy();
    expect(screen.queryByRole('timer', { name: /Since detected/ })).toBeNull();
  });

  it('redacts the title in presenter mode', () => {
    render(<IncidentHeader {...base} title="Leak of password=hunter2" presenter now={t(1)} />);
    expect(screen.getByRole('heading').textContent).toBe('Leak of password=•••');
  });
});
