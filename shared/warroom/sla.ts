import type { ComplianceDuty, SeverityLevel, Sla } from '../playbook/model';
import { toMs } from './elapsed';

// SLA and regulatory countdowns. Pure: the header calls these once a second with `now`.

export type ClockState = 'ok' | 'amber' | 'red' | 'met' | 'none';

export interface Countdown {
  state: ClockState;
  /** dueAt − now while running; dueAt − stoppedAt once stopped (negative = breached by that much). Null for 'none'. */
  remainingMs: number | null;
  /** UTC ms of the deadline; null for 'none'. */
  dueAt: number | null;
  /** Length of the window in ms; null for 'none'. */
  windowMs: number | null;
}

/** Amber when less than this share of the window is left... */
export const AMBER_FRACTION = 0.25;
/** ...or less than this much time, whichever comes first. */
export const AMBER_FLOOR_MS = 15 * 60_000;

const NONE: Countdown = { state: 'none', remainingMs: null, dueAt: null, windowMs: null };

/**
 * One countdown. `stoppedAt` is when the clock's goal was reached (acknowledged for a response
 * SLA, resolved for a resolution SLA, regulator notified for a regulatory duty).
 * - none: no SLA, or one with no duration ("next sprint")
 * - met: stopped at or before the deadline
 * - red: past the deadline (still running, or stopped late: a missed SLA stays red)
 * - amber: running with < 25% of the window or < 15 min left
 * - ok: running with time to spare
 */
export function countdown(input: {
  minutes: number | null | undefined;
  startAt: string | number;
  stoppedAt?: string | number | null;
  now: number;
}): Countdown {
  const { minutes } = input;
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return NONE;
  const start = toMs(input.startAt);
  if (Number.isNaN(start)) return NONE;
  const windowMs = minutes * 60_000;
  const dueAt = start + windowMs;
  const stopped = input.stoppedAt === null || input.stoppedAt === undefined ? null : toMs(input.stoppedAt);
  if (stopped !== null && !Number.isNaN(stopped)) {
    const remainingMs = dueAt - stopped;
    return { state: remainingMs >= 0 ? 'met' : 'red', remainingMs, dueAt, windowMs };
  }
  const remainingMs = dueAt - input.now;
  let state: ClockState = 'ok';
  if (remainingMs <= 0) state = 'red';
  else if (remainingMs < windowMs * AMBER_FRACTION || remainingMs < AMBER_FLOOR_MS) state = 'amber';
  return { state, remainingMs, dueAt, windowMs };
}

export interface SlaClocks {
  response: Countdown;
  resolution: Countdown;
}

/**
 * Both SLA clocks of a severity level. They run from `startAt`: pass the detection time when
 * known (impact is what the SLA protects), else the declaration.
 */
export function slaClocks(input: {
  level: Pick<SeverityLevel, 'responseSla' | 'resolutionSla'> | null | undefined;
  startAt: string | number;
  acknowledgedAt?: string | number | null;
  resolvedAt?: string | number | null;
  now: number;
}): SlaClocks {
  const minutes = (sla: Sla | null | undefined) => sla?.minutes ?? null;
  return {
    response: countdown({ minutes: minutes(input.level?.responseSla), startAt: input.startAt, stoppedAt: input.acknowledgedAt ?? input.resolvedAt ?? null, now: input.now }),
    resolution: countdown({ minutes: minutes(input.level?.resolutionSla), startAt: input.startAt, stoppedAt: input.resolvedAt ?? null, now: input.now }),
  };
}

export interface RegulatoryClock extends Countdown {
  duty: ComplianceDuty;
  /** "GDPR Art. 33": what to show on the chip. */
  label: string;
}

/**
 * Regulatory clocks: one per compliance duty whose deadline is a duration ("within 72 hours"),
 * running from the moment personal data was found to be involved. Nothing before that moment.
 * `notifiedAt` (per duty key) stops a clock. Sorted by due time, soonest first.
 */
export function regulatoryClocks(input: {
  duties: readonly ComplianceDuty[];
  personalDataAt: string | number | null | undefined;
  notifiedAt?: Readonly<Record<string, string | number | null | undefined>>;
  now: number;
}): RegulatoryClock[] {
  if (input.personalDataAt === null || input.personalDataAt === undefined) return [];
  const personalDataAt = input.personalDataAt;
  return input.duties
    .filter((d) => d.deadline !== null && d.deadline.minutes !== null && d.deadline.minutes > 0)
    .map((duty) => ({
      ...countdown({ minutes: duty.deadline?.minutes, startAt: personalDataAt, stoppedAt: input.notifiedAt?.[duty.key] ?? null, now: input.now }),
      duty,
      label: [duty.framework, duty.control].filter((x) => x !== '').join(' '),
    }))
    .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));
}
