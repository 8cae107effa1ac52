import { useId, useMemo, useState } from 'react';
import type { IncidentState } from '../../../shared/events/fold';
import type { Role } from '../../../shared/playbook/model';
import { formatRelative } from '../../../shared/warroom/elapsed';
import { warRoles } from '../../../shared/warroom/roles';

export interface RolesPanelProps {
  /** The playbook's roles; commander, scribe and communications lead are always added. */
  playbookRoles: readonly Role[];
  /** IncidentState.roles: who holds each role key, since when. */
  holders: IncidentState['roles'];
  /** Names offered when assigning. */
  people?: readonly string[];
  /** Someone takes a role nobody holds. */
  onAssign(roleKey: string, person: string): void;
  /** The holder passes the role to someone else. */
  onHandoff(roleKey: string, person: string): void;
  onRelease(roleKey: string): void;
  /** For "since 12 min ago"; pass a minute-granular value. */
  now: number;
}

/** Who holds each role, with assign / hand off / release. */
export function RolesPanel({ playbookRoles, holders, people = [], onAssign, onHandoff, onRelease, now }: RolesPanelProps) {
  const id = useId();
  const roles = useMemo(() => {
    const list = warRoles(playbookRoles);
    // Roles held but unknown to the playbook still show (e.g. assigned from an older playbook).
    for (const key of Object.keys(holders)) if (!list.some((r) => r.key === key)) list.push({ key, name: key, duties: [], core: false });
    return list;
  }, [playbookRoles, holders]);
  const [editing, setEditing] = useState<{ role: string; value: string } | null>(null);
  return (
    <section className="wr-roles" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="wr-section-title">
        Roles
      </h2>
      <ul className="wr-role-list">
        {roles.map((r) => {
          const holder = holders[r.key];
          const isEditing = editing?.role === r.key;
          return (
            <li key={r.key} className="wr-role">
              <div className="wr-role-head">
                <strong>{r.name}</strong>
                {holder ? (
                  <span>
                    {holder.person} <span className="muted small">since {formatRelative(holder.since, now)}</span>
                  </span>
                ) : (
                  <span className="wr-missing">Unassigned</span>
                )}
              </div>
              {r.duties.length > 0 && <p className="muted small wr-duties">{r.duties.join(' ')}</p>}
              {isEditing ? (
                <form
                  className="wr-inline-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const v = editing.value.trim();
                    if (v !== '' && v !== holder?.person) (holder ? onHandoff : onAssign)(r.key, v);
                    setEditing(null);
                  }}
                >
                  <input
                    className="wr-input"
                    autoFocus
                    list={`${id}-people`}
                    aria-label={`${holder ? 'Hand off' : 'Assign'} ${r.name} to`}
                    value={editing.value}
                    onChange={(e) => setEditing({ role: r.key, value: e.target.value })}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') {
                        e.stopPropagation();
                        setEditing(null);
                      }
                    }}
                  />
                  <button type="submit" className="button wr-small-button">
                    Save
                  </button>
                  <button type="button" className="button wr-small-button" onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <div className="wr-actions">
                  <button type="button" className="button wr-small-button" aria-label={`${holder ? 'Hand off' : 'Assign'} ${r.name}`} onClick={() => setEditing({ role: r.key, value: '' })}>
                    {holder ? 'Hand off' : 'Assign'}
                  </button>
                  {holder && (
                    <button type="button" className="button wr-small-button" aria-label={`Release ${r.name}`} onClick={() => onRelease(r.key)}>
                      Release
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <datalist id={`${id}-people`}>
        {people.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
    </section>
  );
}
