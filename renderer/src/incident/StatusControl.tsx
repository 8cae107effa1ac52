import { useId } from 'react';
import type { IncidentStatus } from '../../../shared/events/primitives';

const steps: { value: IncidentStatus; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'mitigated', label: 'Mitigated' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'closed', label: 'Closed' },
];

/** The incident's status as a row of choices: the current one is always visible. */
export function StatusControl({ status, onChange }: { status: IncidentStatus; onChange(status: IncidentStatus): void }) {
  const group = useId();
  return (
    <fieldset className="segmented status-control" aria-label="Incident status">
      <legend className="visually-hidden">Incident status</legend>
      {steps.map((step) => (
        <label key={step.value} className="segment">
          <input type="radio" name={group} checked={status === step.value} onChange={() => onChange(step.value)} />
          <span>{step.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
