import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatPlaybookRef, type PlaybookSummary, type StoredPlaybook } from '../../../shared/playbook/library';
import { cordon } from '../platform/cordon';
import { useActor } from '../settings/settings-store';
import { useNavigation } from '../shell/navigation';
import { usePlaybookCache } from './playbook-cache';
import { severityClass } from '../warroom/SeverityChip';

/** A local "YYYY-MM-DDTHH:mm" from <input type="datetime-local"> as a UTC ISO instant. */
export function localInputToUtc(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

export function DeclareDialog({ onClose }: { onClose: () => void }) {
  const actor = useActor();
  const go = useNavigation((state) => state.go);
  const dialog = useRef<HTMLDialogElement>(null);
  const [playbooks, setPlaybooks] = useState<PlaybookSummary[]>([]);
  const [playbookId, setPlaybookId] = useState('');
  const [playbook, setPlaybook] = useState<StoredPlaybook | null>(null);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<string | null>(null);
  const [commander, setCommander] = useState(actor);
  const [detected, setDetected] = useState('');
  const [exercise, setExercise] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), playbook: useId(), commander: useId(), detected: useId(), severity: useId() };

  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
  }, []);

  useEffect(() => {
    void cordon()
      .playbookList()
      .then((result) => {
        if (!result.ok) return setError(result.error.message);
        setPlaybooks(result.value);
        setPlaybookId((current) => current || (result.value[0]?.id ?? ''));
      });
  }, []);

  useEffect(() => {
    if (!playbookId) return;
    void cordon()
      .playbookGet({ id: playbookId })
      .then((result) => {
        if (!result.ok) return setError(result.error.message);
        usePlaybookCache.getState().put(result.value);
        setPlaybook(result.value);
        setSeverity(null);
      });
  }, [playbookId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return setError('Give the incident a title.');
    const occurredAt = detected ? localInputToUtc(detected) : null;
    if (detected && !occurredAt) return setError('The detection time is not a valid date and time.');
    if (occurredAt && Date.parse(occurredAt) > Date.now() + 60_000) return setError('The detection time is in the future.');
    setBusy(true);
    const result = await cordon().incidentDeclare({
      title: title.trim(),
      kind: exercise ? 'exercise' : 'real',
      ...(severity ? { severity } : {}),
      ...(playbook ? { playbookId: formatPlaybookRef(playbook) } : {}),
      ...(commander.trim() ? { commander: commander.trim() } : {}),
      ...(occurredAt ? { occurredAt } : {}),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    onClose();
    go('incident', result.value.id);
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="declare-title" onClose={onClose} onCancel={onClose}>
      <form onSubmit={(e) => void submit(e)} className="dialog-form" noValidate>
        <h2 id="declare-title">Declare an incident</h2>
        <label htmlFor={ids.title}>What is happening?</label>
        <input id={ids.title} className="input" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required autoFocus />

        <label htmlFor={ids.playbook}>Playbook</label>
        <select id={ids.playbook} className="input" value={playbookId} onChange={(e) => setPlaybookId(e.target.value)}>
          {playbooks.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title} (v{p.version})
            </option>
          ))}
        </select>

        <fieldset className="severity-pick" aria-describedby={ids.severity}>
          <legend>Severity</legend>
          <p id={ids.severity} className="muted small">
            Your first call; refine it on the severity matrix in the war room.
          </p>
          <div className="severity-options">
            {(playbook?.playbook.severities ?? []).map((level) => (
              <label key={level.key} className={`severity-option ${severityClass(level.rank)}`}>
                <input type="radio" name="declare-severity" checked={severity === level.key} onChange={() => setSeverity(level.key)} />
                <span>
                  <strong>{level.code}</strong> {level.name && level.name !== level.code ? level.name : ''}
                  {level.responseSla && <small> · respond {level.responseSla.text}</small>}
                </span>
              </label>
            ))}
            <label className="severity-option">
              <input type="radio" name="declare-severity" checked={severity === null} onChange={() => setSeverity(null)} />
              <span>Not yet known</span>
            </label>
          </div>
        </fieldset>

        <div className="dialog-row">
          <div>
            <label htmlFor={ids.commander}>Incident commander</label>
            <input id={ids.commander} className="input" value={commander} onChange={(e) => setCommander(e.target.value)} maxLength={100} />
          </div>
          <div>
            <label htmlFor={ids.detected}>Detected at (if earlier than now)</label>
            <input id={ids.detected} className="input" type="datetime-local" value={detected} onChange={(e) => setDetected(e.target.value)} />
          </div>
        </div>

        <label className="checkbox">
          <input type="checkbox" checked={exercise} onChange={(e) => setExercise(e.target.checked)} /> This is an exercise (kept out of
          real-incident metrics)
        </label>

        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Declaring…' : 'Declare incident'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
