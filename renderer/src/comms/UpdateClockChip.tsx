import type { Countdown } from '../../../shared/warroom/sla';
import { formatStopwatch, formatTPlus } from '../../../shared/warroom/elapsed';
import { utc } from '../../../shared/postmortem/format';

const stateWords: Record<Countdown['state'], string> = { ok: 'on track', amber: 'due soon', red: 'overdue', met: 'sent in time', none: 'no schedule' };

/** The SLA chip's look and colours for an update's countdown; in an exercise, times are exercise time. */
export function UpdateClockChip({ label, countdown, exercise }: { label: string; countdown: Countdown; exercise: boolean }) {
  const { state, remainingMs, dueAt } = countdown;
  const value = remainingMs === null ? '—' : remainingMs >= 0 ? `${formatStopwatch(remainingMs)} left` : `over by ${formatStopwatch(-remainingMs)}`;
  const due = dueAt === null ? undefined : exercise ? `due at ${formatTPlus(dueAt)} exercise time` : `due ${utc(dueAt)}`;
  return (
    <span className={`wr-clock wr-clock-${state}`} role="timer" aria-label={`${label}: ${state === 'none' ? 'no schedule' : `${value}, ${stateWords[state]}`}`} title={due}>
      <span className="wr-clock-label">{label}</span>
      <span className="wr-clock-value">{state === 'none' ? '—' : value}</span>
      <span className="wr-clock-state">{stateWords[state]}</span>
    </span>
  );
}
