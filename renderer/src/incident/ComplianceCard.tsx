import { useState } from 'react';
import type { ComplianceDuty } from '../../../shared/playbook/model';

interface Props {
  duties: readonly ComplianceDuty[];
  personalDataAt: string | null;
  notified: Readonly<Record<string, string>>;
  onFlag(involved: boolean, reason?: string): void;
  onNotified(dutyKey: string, authority?: string): void;
}

/**
 * "Personal data involved" starts the playbook's regulatory clocks (shown in the header);
 * marking a duty as notified stops its clock. Both are timeline events.
 */
export function ComplianceCard({ duties, personalDataAt, notified, onFlag, onNotified }: Props) {
  const [authority, setAuthority] = useState<Record<string, string>>({});
  return (
    <section className="card" aria-labelledby="compliance-title">
      <h2 id="compliance-title">Compliance</h2>
      <label className="checkbox">
        <input type="checkbox" checked={personalDataAt !== null} onChange={(e) => onFlag(e.target.checked)} />
        Personal data is involved
      </label>
      {personalDataAt && (
        <p className="muted small">Flagged at {new Date(personalDataAt).toLocaleString()}; regulatory clocks are running.</p>
      )}
      {duties.length === 0 ? (
        <p className="muted small">The playbook names no compliance duties.</p>
      ) : (
        <ul className="duties">
          {duties.map((duty) => (
            <li key={duty.key}>
              <strong>
                {duty.framework} {duty.control}
              </strong>
              {duty.deadline && <span className="muted"> · {duty.deadline.text}</span>}
              <div className="muted small">{duty.description}</div>
              {notified[duty.key] !== undefined ? (
                <p className="small">Notified at {new Date(notified[duty.key] ?? '').toLocaleString()}</p>
              ) : (
                personalDataAt && (
                  <div className="duty-notify">
                    <label className="visually-hidden" htmlFor={`authority-${duty.key}`}>
                      Authority notified for {duty.framework} {duty.control}
                    </label>
                    <input
                      id={`authority-${duty.key}`}
                      className="input"
                      placeholder="Authority (optional)"
                      value={authority[duty.key] ?? ''}
                      onChange={(e) => setAuthority({ ...authority, [duty.key]: e.target.value })}
                    />
                    <button type="button" className="button" onClick={() => onNotified(duty.key, authority[duty.key]?.trim() || undefined)}>
                      Mark notified
                    </button>
                  </div>
                )
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
