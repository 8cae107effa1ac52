import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { IncidentKind } from '../../../shared/events/primitives';
import type { Action as PlaybookAction } from '../../../shared/playbook/model';
import { ContainmentEditor, draftOf, emptyDraft, saveInputOf, type ActionDraft } from './ContainmentEditor';
import { useActions } from './containment-store';
import { OutputPane, stateLabels } from './OutputPane';
import { RunForm } from './RunForm';
import './containment.css';

export interface ContainmentPanelProps {
  incidentId: string;
  /** The pinned playbook's actions: when they change (the playbook loaded), the list is re-read. */
  playbookActions: readonly PlaybookAction[];
  incidentKind: IncidentKind;
}

/** Containment actions for the war room: run with typed parameters, watch the output, see earlier runs, manage the library. */
export function ContainmentPanel({ incidentId, playbookActions, incidentKind }: ContainmentPanelProps) {
  const id = useId();
  const actions = useActions((s) => s.actions);
  const runs = useActions((s) => s.runs);
  const output = useActions((s) => s.output);
  const storeError = useActions((s) => s.error);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [shownRunId, setShownRunId] = useState<string | null>(null);
  const [editing, setEditing] = useState<ActionDraft | null>(null);
  const [libraryOpen, setLibraryOpen] = useState(false);
  const exercise = incidentKind === 'exercise';

  useEffect(() => useActions.getState().open(incidentId), [incidentId]);
  // The playbook's actions are listed with the store's: a new playbook lists them again. Not at
  // mount, where opening the incident has just asked (each list was asked twice as the war room
  // opened, in the main process's turn the first keystroke waits for).
  const listedFor = useRef(playbookActions);
  useEffect(() => {
    if (listedFor.current === playbookActions) return;
    listedFor.current = playbookActions;
    void useActions.getState().reload();
  }, [playbookActions]);

  const selected = actions.find((a) => a.id === selectedId) ?? null;
  const userActions = useMemo(() => actions.filter((a) => a.source === 'user'), [actions]);
  const shownRun = runs.find((r) => r.runId === shownRunId) ?? null;

  async function save(draft: ActionDraft): Promise<string | null> {
    const result = await useActions.getState().save(saveInputOf(draft));
    if ('error' in result) return result.error;
    setEditing(null);
    setSelectedId(result.action.id);
    return null;
  }

  return (
    <section className="act-panel" aria-labelledby={`${id}-title`}>
      <div className="card-title-row">
        <h2 id={`${id}-title`}>Containment actions</h2>
        <button type="button" className="button wr-small-button" aria-expanded={libraryOpen} onClick={() => setLibraryOpen(!libraryOpen)}>
          {libraryOpen ? 'Close library' : 'Action library'}
        </button>
      </div>
      {exercise && <p className="act-simulated small">Exercise: actions are simulated; nothing runs on this machine.</p>}
      {storeError && (
        <p className="form-error" role="alert">
          {storeError}
        </p>
      )}

      {libraryOpen && (
        <section className="act-library" aria-label="Action library">
          {editing ? (
            <ContainmentEditor key={editing.id ?? editing.copySecretsFrom ?? 'new'} initial={editing} onSave={save} onClose={() => setEditing(null)} />
          ) : (
            <>
              <ul className="act-list">
                {userActions.map((a) => (
                  <li key={a.id} className="act-list-row">
                    <span>{a.name}</span>
                    <span className="act-row-buttons">
                      <button type="button" className="button wr-small-button" aria-label={`Edit ${a.name}`} onClick={() => setEditing(draftOf(a))}>
                        Edit
                      </button>
                      <button type="button" className="button wr-small-button" aria-label={`Duplicate ${a.name}`} onClick={() => setEditing(draftOf(a, true))}>
                        Duplicate
                      </button>
                      <button
                        type="button"
                        className="button wr-small-button"
                        aria-label={`Delete ${a.name}`}
                        onClick={() => {
                          if (window.confirm(`Delete the action “${a.name}”? Earlier runs stay on the timeline.`)) void useActions.getState().remove(a.id);
                        }}
                      >
                        Delete
                      </button>
                    </span>
                  </li>
                ))}
                {userActions.length === 0 && <li className="muted small">No actions of your own yet.</li>}
              </ul>
              <button type="button" className="button" onClick={() => setEditing(emptyDraft())}>
                New action
              </button>
            </>
          )}
        </section>
      )}

      {actions.length === 0 ? (
        <p className="muted small">No actions: this incident’s playbook has no commands, and your library is empty.</p>
      ) : (
        <div className="act-field">
          <label htmlFor={`${id}-action`}>Action</label>
          <select id={`${id}-action`} className="wr-input" value={selectedId ?? ''} onChange={(e) => setSelectedId(e.target.value || null)}>
            <option value="">Choose an action…</option>
            {(['playbook', 'user'] as const).map((source) => (
              <optgroup key={source} label={source === 'playbook' ? 'From the playbook' : 'Your library'}>
                {actions
                  .filter((a) => a.source === source)
                  .map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                      {a.destructive ? ' (destructive)' : ''}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
      )}
      {selected && (
        <RunForm
          key={selected.id}
          action={selected}
          exercise={exercise}
          dryRun={(params) => useActions.getState().dryRun({ actionId: selected.id, params })}
          run={async (params, confirmation) => {
            const outcome = await useActions.getState().run({ actionId: selected.id, params, ...(confirmation ? { confirmation } : {}) });
            if ('started' in outcome) setShownRunId(outcome.started.runId);
            return outcome;
          }}
        />
      )}

      {shownRun && <OutputPane run={shownRun} output={output[shownRun.runId]} onCancel={() => void useActions.getState().cancel(shownRun.runId)} />}

      {runs.length > 0 && (
        <section aria-label="Earlier runs" className="act-runs">
          <h3 className="act-subtitle">Runs</h3>
          <ul className="act-list">
            {runs.map((r) => (
              <li key={r.runId} className="act-list-row">
                <span>
                  {r.actionName}{' '}
                  <span className="muted small">
                    {new Date(r.startedAt).toLocaleTimeString()} · {stateLabels[r.state]}
                    {r.exitCode !== null && r.state !== 'running' ? ` · exit ${r.exitCode}` : ''}
                  </span>
                </span>
                <button
                  type="button"
                  className="button wr-small-button"
                  aria-label={`View output of ${r.actionName} at ${new Date(r.startedAt).toLocaleTimeString()}`}
                  onClick={() => {
                    setShownRunId(r.runId);
                    if (r.state !== 'running' || !output[r.runId]) void useActions.getState().loadOutput(r.runId);
                  }}
                >
                  View output
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
