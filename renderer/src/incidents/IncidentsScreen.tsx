import { useEffect, useState } from 'react';
import type { IncidentStatus } from '../../../shared/events/primitives';
import { useNavigation } from '../shell/navigation';
import { formatAge } from './age';
import { DeclareDialog } from './DeclareDialog';
import { useIncidents } from './incidents-store';
import { usePinnedPlaybook } from './playbook-cache';
import { SeverityChip } from '../warroom/SeverityChip';
import type { IncidentSummary } from '../../../shared/ipc/store-schemas';
import { useDeclareShortcut } from './declare-shortcut';
import { useNow } from '../warroom/use-now';
import { JoinPanel } from '../sync/JoinPanel';

const statusLabels: Record<IncidentStatus, string> = { active: 'Active', mitigated: 'Mitigated', resolved: 'Resolved', closed: 'Closed' };
const statusGroups: { label: string; value: IncidentStatus[] }[] = [
  { label: 'Open', value: ['active', 'mitigated'] },
  { label: 'Resolved', value: ['resolved', 'closed'] },
  { label: 'All', value: [] },
];

export function IncidentsScreen() {
  const { items, total, loading, error, filters, setFilters } = useIncidents();
  const [declaring, setDeclaring] = useState(false);
  const now = useNow(30_000);
  useEffect(() => useIncidents.getState().start(), []);
  useDeclareShortcut(() => setDeclaring(true));

  return (
    <section className="screen screen-wide">
      <header className="screen-header screen-header-row">
        <div>
          <h1 id="screen-title">Incidents</h1>
          <p className="screen-lede">Incidents on this machine. Exercises are hidden unless you show them.</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setDeclaring(true)} aria-keyshortcuts="Control+Shift+D">
          Declare incident <kbd>Ctrl+Shift+D</kbd>
        </button>
      </header>

      <div className="toolbar" role="search">
        <label className="visually-hidden" htmlFor="incident-search">
          Search incidents
        </label>
        <input
          id="incident-search"
          type="search"
          className="input"
          placeholder="Search titles and notes…"
          value={filters.query}
          onChange={(e) => setFilters({ query: e.target.value })}
        />
        <fieldset className="segmented" aria-label="Status">
          <legend className="visually-hidden">Status</legend>
          {statusGroups.map((group) => (
            <label key={group.label} className="segment">
              <input
                type="radio"
                name="status-filter"
                checked={filters.status.join() === group.value.join()}
                onChange={() => setFilters({ status: group.value })}
              />
              <span>{group.label}</span>
            </label>
          ))}
        </fieldset>
        <label className="segment incident-exercise-toggle">
          <input type="checkbox" checked={filters.kind !== 'real'} onChange={(e) => setFilters({ kind: e.target.checked ? 'all' : 'real' })} />
          <span>Show exercises</span>
        </label>
      </div>

      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      {items.length === 0 && !loading && !error ? (
        <div className="empty">
          <p>{filters.query || filters.status.length === 0 ? 'No incident matches.' : 'No open incidents. Good.'}</p>
          {filters.kind === 'real' && <p className="muted small">Exercises are hidden; tick “Show exercises” to list them.</p>}
          <button type="button" className="button" onClick={() => setDeclaring(true)}>
            Declare an incident
          </button>
        </div>
      ) : (
        <table className="incident-table" aria-busy={loading} aria-describedby="incident-count">
          <caption id="incident-count" className="visually-hidden">
            {total} incidents
          </caption>
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Commander</th>
              <th scope="col">Age</th>
              <th scope="col" className="num">
                Events
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((incident) => (
              <IncidentRow key={incident.id} incident={incident} now={now} statusLabel={statusLabels[incident.status]} />
            ))}
          </tbody>
        </table>
      )}
      <JoinPanel />
      {declaring && <DeclareDialog onClose={() => setDeclaring(false)} />}
    </section>
  );
}

function IncidentRow({ incident, now, statusLabel }: { incident: IncidentSummary; now: number; statusLabel: string }) {
  const go = useNavigation((state) => state.go);
  const playbook = usePinnedPlaybook(incident.playbookRef ?? null);
  return (
    <tr>
      <td>
        <SeverityChip level={playbook?.playbook.severities.find((l) => l.key === incident.severity) ?? null} fallback={incident.severity} />
      </td>
      <td>
        <a
          href={`#/incident/${incident.id}`}
          className="incident-link"
          onClick={(e) => {
            e.preventDefault();
            go('incident', incident.id);
          }}
        >
          {incident.title}
        </a>
        {incident.kind === 'exercise' && <span className="badge badge-exercise">Exercise</span>}
      </td>
      <td>
        <span className={`status status-${incident.status}`}>{statusLabel}</span>
      </td>
      <td>{incident.commander ?? <span className="muted">—</span>}</td>
      <td>
        <time dateTime={incident.declaredAt} title={new Date(incident.declaredAt).toLocaleString()}>
          {formatAge(incident.declaredAt, now)}
        </time>
      </td>
      <td className="num">{incident.eventCount}</td>
    </tr>
  );
}
