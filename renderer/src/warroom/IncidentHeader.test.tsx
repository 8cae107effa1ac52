import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedZone } from '../../../shared/warroom/elapsed';
import { samplePlaybook } from '../../../shared/warroom/fixtures';
import { IncidentHeader } from './IncidentHeader';

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

  it('redacts the title in presenter mode', () => {
    render(<IncidentHeader {...base} title="Leak of password=hunter2" presenter now={t(1)} />);
    expect(screen.getByRole('heading').textContent).toBe('Leak of password=•••');
  });
});
