import { memo, type ReactNode } from 'react';
import type { IncidentKind, IncidentStatus } from '../../../shared/events/primitives';
import type { ComplianceDuty, SeverityLevel } from '../../../shared/playbook/model';
import { formatInstant, formatStopwatch, toMs, type TimeMode, type TimeZone } from '../../../shared/warroom/elapsed';
import { regulatoryClocks, slaClocks } from '../../../shared/warroom/sla';
import { exerciseTimeAt, type ClockState } from '../../../shared/exercises/clock';
import { formatExerciseTime } from '../../../shared/exercises/exercise-time';
import { CountdownChip } from './CountdownChip';
import { SeverityChip } from './SeverityChip';
import { presentText } from './PresenterMode';
import { useNow } from './use-now';

const statusLabels: Record<IncidentStatus, string> = { active: 'Active', mitigated: 'Mitigated', resolved: 'Resolved', closed: 'Closed' };

export interface IncidentHeaderProps {
  title: string;
  kind?: IncidentKind;
  status: IncidentStatus;
  /** The severity level from the playbook, or null when unset/unknown. */
  level: SeverityLevel | null;
  /** The raw severity key, shown when `level` is null but a severity is set. */
  severityKey?: string | null;
  /** The current phase's display name. */
  phaseName: string | null;
  commander: string | null;
  declaredAt: string;
  /** When the problem was detected (if earlier than the declaration); SLAs run from it. */
  detectedAt?: string | null;
  /** Stops the response SLA clock. */
  acknowledgedAt?: string | null;
  /** Stops both SLA clocks (IncidentState.resolvedAt). */
  resolvedAt?: string | null;
  compliance?: readonly ComplianceDuty[];
  /** When personal data was found to be involved: starts the regulatory clocks. */
  personalDataAt?: string | null;
  /** Per duty key, when the regulator was notified: stops that clock. */
  notifiedAt?: Readonly<Record<string, string>>;
  zone: TimeZone;
  timeMode: TimeMode;
  presenter?: boolean;
  /** Fixed "now" for tests and screenshots; when absent the header ticks every second. */
  now?: number;
  /** More clocks, shown after the SLA and regulatory ones (the stakeholder update due). */
  children?: ReactNode;
  /**
   * An exercise's clock: every time shown becomes exercise time (T+0 when the facilitator
   * started the clock, at its speed, stopped while paused), as the participants live it.
   */
  exerciseClock?: ClockState | null;
}

/** The header's instants, as milliseconds on the clock participants read. */
interface Frame {
  now: number;
  declared: number;
  detected: number | null;
  acknowledged: number | null;
  resolved: number | null;
  personalData: number | null;
  notified: Record<string, number>;
  /** The deadline of a countdown, as shown. */
  due?: (ms: number) => string;
}

function frameOf(props: IncidentHeaderProps, now: number): Frame {
  const clock = props.exerciseClock;
  const map = clock ? (iso: string) => exerciseTimeAt(clock, toMs(iso)) : toMs;
  const opt = (iso: string | null | undefined) => (iso ? map(iso) : null);
  return {
    now: clock ? exerciseTimeAt(clock, now) : now,
    // An exercise counts from T+0: it is declared and detected when its clock starts.
    declared: clock ? 0 : toMs(props.declaredAt),
    detected: clock ? null : opt(props.detectedAt),
    acknowledged: opt(props.acknowledgedAt),
    resolved: opt(props.resolvedAt),
    personalData: opt(props.personalDataAt),
    notified: Object.fromEntries(Object.entries(props.notifiedAt ?? {}).map(([k, v]) => [k, map(v)])),
    ...(clock ? { due: (ms: number) => formatExerciseTime(ms) } : {}),
  };
}

/** Title, severity, status, phase, commander, elapsed clocks, SLA and regulatory countdowns. */
export const IncidentHeader = memo(function IncidentHeader(props: IncidentHeaderProps) {
  const ticking = useNow(1000, props.now === undefined);
  const wallNow = props.now ?? ticking;
  const { zone, timeMode } = props;
  const f = frameOf(props, wallNow);
  const now = f.now;
  const clocks = slaClocks({ level: props.level, startAt: f.detected ?? f.declared, acknowledgedAt: f.acknowledged, resolvedAt: f.resolved, now });
  const regulatory = regulatoryClocks({ duties: props.compliance ?? [], personalDataAt: f.personalData, notifiedAt: f.notified, now });
  const stoppedAt = f.resolved ?? now;
  const exercise = props.exerciseClock !== undefined && props.exerciseClock !== null;
  const at = (iso: string) => `${formatInstant(iso, timeMode, zone, { seconds: false, relativeTo: now })}${timeMode === 'utc' ? ' UTC' : ''}`;
  return (
    <header className="wr-header" aria-label="Incident summary">
      <div className="wr-header-main">
        <h1 className="wr-title">
          {props.kind === 'exercise' && <span className="wr-exercise">Exercise</span>}
          {presentText(props.title, props.presenter ?? false)}
        </h1>
        <dl className="wr-header-facts">
          <div>
            <dt>Severity</dt>
            <dd>
              <SeverityChip level={props.level} fallback={props.severityKey ?? null} />
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd className={`wr-status wr-status-${props.status}`}>{statusLabels[props.status]}</dd>
          </div>
          <div>
            <dt>Phase</dt>
            <dd>{props.phaseName ?? 'Not set'}</dd>
          </div>
          <div>
            <dt>Commander</dt>
            <dd>{props.commander ?? <span className="wr-missing">Unassigned</span>}</dd>
          </div>
        </dl>
      </div>
      <div className="wr-header-clocks">
        <span
          className="wr-elapsed"
          role="timer"
          aria-label={`Since declared${exercise ? ' (exercise time)' : ''}: ${formatStopwatch(stoppedAt - f.declared)}`}
          title={exercise ? 'Exercise time: T+0 when the facilitator started the clock' : `Declared ${at(props.declaredAt)}`}
          data-testid="since-declared"
        >
          <span className="wr-clock-label">{exercise ? 'Since declared · exercise time' : 'Since declared'}</span>
          <span className="wr-clock-value">{formatStopwatch(stoppedAt - f.declared)}</span>
        </span>
        {f.detected !== null && props.detectedAt && (
          <span className="wr-elapsed" role="timer" aria-label={`Since detected: ${formatStopwatch(stoppedAt - f.detected)}`} title={`Detected ${at(props.detectedAt)}`}>
            <span className="wr-clock-label">Since detected</span>
            <span className="wr-clock-value">{formatStopwatch(stoppedAt - f.detected)}</span>
          </span>
        )}
        {props.level && (
          <>
            <CountdownChip label="Response SLA" countdown={clocks.response} zone={zone} timeMode={timeMode} now={now} target={props.level.responseSla?.text ?? null} formatDue={f.due} />
            <CountdownChip label="Resolution SLA" countdown={clocks.resolution} zone={zone} timeMode={timeMode} now={now} target={props.level.resolutionSla?.text ?? null} formatDue={f.due} />
          </>
        )}
        {regulatory.map((r) => (
          <CountdownChip key={r.duty.key} label={`${r.label} notification`} countdown={r} zone={zone} timeMode={timeMode} now={now} target={r.duty.deadline?.text ?? null} formatDue={f.due} />
        ))}
        {props.children}
      </div>
    </header>
  );
});
