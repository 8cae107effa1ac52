import { memo, type ReactNode } from 'react';
import type { IncidentKind, IncidentStatus } from '../../../shared/events/primitives';
import type { ComplianceDuty, SeverityLevel } from '../../../shared/playbook/model';
import { formatInstant, formatStopwatch, toMs, type TimeMode, type TimeZone } from '../../../shared/warroom/elapsed';
import { regulatoryClocks, slaClocks } from '../../../shared/warroom/sla';
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
}

/** Title, severity, status, phase, commander, elapsed clocks, SLA and regulatory countdowns. */
export const IncidentHeader = memo(function IncidentHeader(props: IncidentHeaderProps) {
  const ticking = useNow(1000, props.now === undefined);
  const now = props.now ?? ticking;
  const { zone, timeMode } = props;
  const startAt = props.detectedAt ?? props.declaredAt;
  const clocks = slaClocks({ level: props.level, startAt, acknowledgedAt: props.acknowledgedAt, resolvedAt: props.resolvedAt, now });
  const regulatory = regulatoryClocks({ duties: props.compliance ?? [], personalDataAt: props.personalDataAt, notifiedAt: props.notifiedAt, now });
  const stoppedAt = props.resolvedAt ? toMs(props.resolvedAt) : now;
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
        <span className="wr-elapsed" role="timer" aria-label={`Since declared: ${formatStopwatch(stoppedAt - toMs(props.declaredAt))}`} title={`Declared ${at(props.declaredAt)}`}>
          <span className="wr-clock-label">Since declared</span>
          <span className="wr-clock-value">{formatStopwatch(stoppedAt - toMs(props.declaredAt))}</span>
        </span>
        {props.detectedAt && (
          <span className="wr-elapsed" role="timer" aria-label={`Since detected: ${formatStopwatch(stoppedAt - toMs(props.detectedAt))}`} title={`Detected ${at(props.detectedAt)}`}>
            <span className="wr-clock-label">Since detected</span>
            <span className="wr-clock-value">{formatStopwatch(stoppedAt - toMs(props.detectedAt))}</span>
          </span>
        )}
        {props.level && (
          <>
            <CountdownChip label="Response SLA" countdown={clocks.response} zone={zone} timeMode={timeMode} now={now} target={props.level.responseSla?.text ?? null} />
            <CountdownChip label="Resolution SLA" countdown={clocks.resolution} zone={zone} timeMode={timeMode} now={now} target={props.level.resolutionSla?.text ?? null} />
          </>
        )}
        {regulatory.map((r) => (
          <CountdownChip key={r.duty.key} label={`${r.label} notification`} countdown={r} zone={zone} timeMode={timeMode} now={now} target={r.duty.deadline?.text ?? null} />
        ))}
        {props.children}
      </div>
    </header>
  );
});
