import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { EventKind } from '../../../shared/events/kinds';
import type { Evidence } from '../../../shared/ipc/store-schemas';
import { cordon } from '../platform/cordon';
import { deliveryMessage, followDelivery } from '../postmortem/download';
import { evidenceFileProblem, uploadFile } from './upload';
import { useFileDrop } from './use-file-drop';
import './evidence.css';

/**
 * The events that change the list: an item attached or copied out, or a correction (which may
 * hide an item). A note, a tick or a severity call re-read nothing: in a busy war room the list
 * was read again on every event, beside the timeline's own read.
 */
const listChangingKinds = new Set<EventKind>(['evidence_added', 'evidence_exported', 'amend', 'redact']);

interface Props {
  incidentId: string;
}

const sizeOf = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Evidence in the war room: attach a file (chosen, or dropped anywhere on the war room) with a
 * note; the list with hash, size, who and when, and each item's chain of custody; a copy exported
 * through the main process (a save dialog, or a browser download), recorded on the timeline.
 */
export function EvidencePanel({ incidentId }: Props) {
  const [items, setItems] = useState<Evidence[] | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const noteId = useId();

  // Bumped after this panel changed something, so the list is read again even without a push.
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const result = await cordon().evidenceList({ incidentId });
      if (!live) return;
      if (result.ok) setItems(result.value);
      else setError(result.error.message);
    };
    void load();
    const unsubscribe = cordon().subscribe((event) => {
      if ((event.topic === 'incident.changed' && event.incidentId === incidentId && listChangingKinds.has(event.kind)) || event.topic === 'channel.opened') void load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [incidentId, changes]);

  const choose = useCallback((chosen: File) => {
    setDone(null);
    const problem = evidenceFileProblem(chosen);
    setError(problem);
    setFile(problem ? null : chosen);
    if (problem && input.current) input.current.value = '';
  }, []);
  const dragging = useFileDrop(choose);

  const attach = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || busy) return;
    setError(null);
    setDone(null);
    setBusy(`Sending ${file.name}…`);
    const uploaded = await uploadFile(file, 'evidence', (sent) => setBusy(`Sending ${file.name}… ${Math.round((sent / file.size) * 100)}%`));
    if (!uploaded.ok) {
      setBusy(null);
      setError(uploaded.error.message);
      return;
    }
    const added = await cordon().evidenceAdd({ incidentId, uploadId: uploaded.value, ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(null);
    if (!added.ok) {
      setError(added.error.message);
      return;
    }
    setDone(`Attached ${added.value.name} (SHA-256 ${added.value.sha256.slice(0, 12)}…).`);
    setFile(null);
    setNote('');
    if (input.current) input.current.value = '';
    setChanges((n) => n + 1);
  };

  const exportCopy = async (item: Evidence) => {
    setError(null);
    setDone(null);
    const result = await cordon().evidenceExport({ evidenceId: item.id });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    followDelivery(result.value.delivery);
    setDone(
      result.value.delivery.kind === 'cancelled'
        ? `Export of ${item.name} cancelled: nothing was written or recorded.`
        : `${deliveryMessage(result.value.delivery)}; the copy is recorded in ${item.name}’s chain of custody.`,
    );
    setChanges((n) => n + 1);
  };

  return (
    <section className={`card evidence-panel${dragging ? ' evidence-dragging' : ''}`} aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence</h2>
      <p className="muted small">
        Kept inside the encrypted store with its SHA-256. Choose a file or drop one anywhere on the war room; every copy exported is recorded.
      </p>
      {dragging && (
        <p className="evidence-drop-hint" aria-hidden="true">
          Drop the file to attach it as evidence
        </p>
      )}
      <form className="evidence-form" onSubmit={(e) => void attach(e)}>
        <label className="evidence-field">
          <span>File</span>
          <input ref={input} type="file" onChange={(e) => e.target.files?.[0] && choose(e.target.files[0])} disabled={busy !== null} />
        </label>
        {file && (
          <p className="small">
            Ready: <strong>{file.name}</strong> ({sizeOf(file.size)})
          </p>
        )}
        <label className="evidence-field" htmlFor={noteId}>
          <span>Note (what it is, where it came from)</span>
        </label>
        <textarea id={noteId} rows={2} maxLength={20_000} value={note} onChange={(e) => setNote(e.target.value)} disabled={busy !== null} />
        <div>
          <button type="submit" className="button button-primary" disabled={!file || busy !== null}>
            Attach as evidence
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {busy && <p className="small">{busy}</p>}
        {done && (
          <p className="small" role="status">
            {done}
          </p>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items === null ? (
        <p className="small muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="small muted">No evidence yet.</p>
      ) : (
        <ul className="evidence-list" aria-label="Evidence files">
          {items.map((item) => (
            <li key={item.id} className="evidence-item">
              <div className="evidence-head">
                <strong className="evidence-name">{item.name}</strong>
                <span className="muted small">{sizeOf(item.size)}</span>
                <button type="button" className="button" aria-label={`Export a copy of ${item.name}`} onClick={() => void exportCopy(item)}>
                  Export a copy
                </button>
              </div>
              <p className="small muted">
                Added by {item.addedBy}, {when(item.addedAt)} · SHA-256 <code title={item.sha256}>{item.sha256.slice(0, 16)}…</code>
              </p>
              {item.note && <p className="small evidence-note">{item.note}</p>}
              <details className="small">
                <summary>
                  Chain of custody ({(item.custody ?? []).length} cop{(item.custody ?? []).length === 1 ? 'y' : 'ies'} exported)
                </summary>
                <ol className="evidence-custody">
                  <li>
                    {when(item.addedAt)}: attached by {item.addedBy}
                  </li>
                  {(item.custody ?? []).map((c) => (
                    <li key={c.eventId}>
                      {when(c.at)}: exported by {c.actor} to <code>{c.destination}</code>
                    </li>
                  ))}
                </ol>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
