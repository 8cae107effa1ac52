import type { Countdown } from '../../../shared/warroom/sla';
import { formatInstant, formatStopwatch, type TimeMode, type TimeZone } from '../../../shared/warroom/elapsed';

const stateWords: Record<Countdown['state'], string> = { ok: 'on track', amber: 'due soon', red: 'breached', met: 'met', none: 'no target' };

export interface CountdownChipProps {
  label: string;
  countdown: Countdown;
  zone: TimeZone;
  timeMode: TimeMode;
  /** The SLA as the playbook wrote it, e.g. "15 minutes". */
  target?: string | null;
  /** For the due time's "same day?" check. */
  now: number;
  /** How to show the deadline when it is not a wall-clock instant (an exercise's "T+30m"). */
  formatDue?: (dueAt: number) => string;
}

/** "Response SLA · 12:05 left · on track": the state is spelled out, colour only reinforces it. */
export function CountdownChip({ label, countdown, zone, timeMode, target, now, formatDue }: CountdownChipProps) {
  const { state, remainingMs, dueAt } = countdown;
  let value = '—';
  if (remainingMs !== null) {
    if (state === 'met') value = `${formatStopwatch(remainingMs)} to spare`;
    else if (remainingMs >= 0) value = `${formatStopwatch(remainingMs)} left`;
    else value = `over by ${formatStopwatch(-remainingMs)}`;
  }
  const due = dueAt !== null && formatDue ? `due ${formatDue(dueAt)}` : dueAt !== null ? `due ${formatInstant(dueAt, timeMode, zone, { seconds: false, date: 'auto', relativeTo: now })}${timeMode === 'utc' ? ' UTC' : ''}` : null;
  return (
    <span className={`wr-clock wr-clock-${state}`} role="timer" aria-label={`${label}: ${state === 'none' ? (target ?? 'no duration') : `${value}, ${stateWords[state]}`}`} title={[target, due].filter(Boolean).join(' · ') || undefined}>
      <span className="wr-clock-label">{label}</span>
      <span className="wr-clock-value">{state === 'none' ? (target ?? '—') : value}</span>
      <span className="wr-clock-state">{stateWords[state]}</span>
    </span>
  );
}
