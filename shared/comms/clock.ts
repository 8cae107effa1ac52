import type { IncidentStatus } from '../events/primitives';
import type { ComplianceDuty, SeverityLevel } from '../playbook/model';
import { countdown, regulatoryClocks, type Countdown, type RegulatoryClock } from '../warroom/sla';
import type { Audience } from './audiences';
import { cadenceFor, type Cadence, type CadenceRule } from './cadence';
import type { SentUpdate } from './updates';

// The countdown to each audience's next update: the same clock as the SLA chips (amber with a
// quarter of the window or 15 minutes left, red when overdue), restarted by every update sent.
// In an exercise every instant is exercise time (ms from T+0), so a 30-minute cadence at 60x
// speed comes round in 30 seconds of wall time and a paused exercise's clock stands still.

export interface CadenceOverride {
  minutes: number | null;
  /** The severity it was chosen at: it lapses when the severity changes. */
  severity: string | null;
}

export interface AudienceClock {
  audience: Audience;
  cadence: Cadence;
  countdown: Countdown;
  last: SentUpdate | null;
  /** For the regulator: the compliance duty whose clock is the deadline. */
  duty: RegulatoryClock | null;
  /** Resolved, and nothing sent to this audience since: a closing update is owed. */
  closingDue: boolean;
}

export interface ClockInput {
  audiences: readonly Audience[];
  rules: readonly CadenceRule[];
  level: SeverityLevel | null;
  status: IncidentStatus;
  /** Latest update per audience key. */
  last: ReadonlyMap<string, SentUpdate>;
  /** Cadences the user chose in this session, per audience key. */
  overrides?: ReadonlyMap<string, CadenceOverride>;
  /** Wall or exercise time of "now", in the same unit as `startAt`. */
  now: number;
  /** When the first update's clock starts (the declaration; 0 = T+0 in an exercise). */
  startAt: number;
  /** When given, the time of an update in this unit (exercise time); default its wall time. */
  timeOf?: (u: SentUpdate) => number;
  resolvedAt: string | null;
  compliance: readonly ComplianceDuty[];
  personalDataAt: string | null;
  notified: Readonly<Record<string, string>>;
  /** Wall time now, for the compliance clocks (they always run on the wall clock, as in the header). */
  wallNow: number;
}

/** The cadence in force: the user's choice at this severity, else the last update's promise at it, else the playbook's or the default. */
export function effectiveCadence(audience: Audience, input: Pick<ClockInput, 'rules' | 'level' | 'last' | 'overrides'>): Cadence {
  const severity = input.level?.key ?? null;
  const override = input.overrides?.get(audience.key);
  if (override && override.severity === severity) return { minutes: override.minutes, from: 'user', text: null };
  const promised = input.last.get(audience.key);
  const base = cadenceFor(audience.kind, input.level, input.rules);
  if (promised && promised.severity === severity && promised.nextUpdateMinutes !== null && promised.nextUpdateMinutes !== base.minutes) {
    return { minutes: promised.nextUpdateMinutes, from: 'user', text: null };
  }
  return base;
}

const NONE: Countdown = { state: 'none', remainingMs: null, dueAt: null, windowMs: null };

export function audienceClocks(input: ClockInput): AudienceClock[] {
  const timeOf = input.timeOf ?? ((u: SentUpdate) => Date.parse(u.at));
  const regulatory = regulatoryClocks({ duties: input.compliance, personalDataAt: input.personalDataAt, notifiedAt: input.notified, now: input.wallNow });
  const resolved = input.status === 'resolved' || input.status === 'closed';
  return input.audiences.map((audience) => {
    const cadence = effectiveCadence(audience, input);
    const last = input.last.get(audience.key) ?? null;
    const closingDue = resolved && input.resolvedAt !== null && (last === null ? audience.kind !== 'regulator' && cadence.minutes !== null : Date.parse(last.at) < Date.parse(input.resolvedAt));
    if (audience.kind === 'regulator' && cadence.from !== 'user') {
      const duty = regulatory.find((r) => r.state !== 'met') ?? null;
      return { audience, cadence, countdown: duty ?? NONE, last, duty, closingDue: false };
    }
    const running = resolved ? NONE : countdown({ minutes: cadence.minutes, startAt: last ? timeOf(last) : input.startAt, now: input.now });
    return { audience, cadence, countdown: running, last, duty: null, closingDue };
  });
}

/** The clock most in need of attention (red before amber, then the soonest due), or null when none is amber or red. */
export function mostUrgent(clocks: readonly AudienceClock[]): AudienceClock | null {
  const rank = (c: AudienceClock) => (c.countdown.state === 'red' ? 0 : c.countdown.state === 'amber' ? 1 : 2);
  const due = clocks.filter((c) => rank(c) < 2);
  due.sort((a, b) => rank(a) - rank(b) || (a.countdown.remainingMs ?? 0) - (b.countdown.remainingMs ?? 0));
  return due[0] ?? null;
}
