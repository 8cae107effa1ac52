import { deliveryMessage } from './download';
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { applyActionItems } from '../../../shared/postmortem/action-items';
import { renderMarkdown } from '../../../shared/postmortem/render';
import { formatInstant, systemZone } from '../../../shared/warroom/elapsed';
import { useOpenIncident } from '../incident/incident-store';
import { cordon } from '../platform/cordon';
import { useNavigation } from '../shell/navigation';
import { ActionItemsTable } from './ActionItemsTable';
import { MarkdownEditor } from './MarkdownEditor';
import { StartDraft } from './StartDraft';
import { usePostmortem, type ExportFormat, type SaveState } from './postmortem-store';
import './postmortem.css';

const zone = systemZone();
const statusSteps = [
  { value: 'draft', label: 'Draft' },
  { value: 'in_review', label: 'In review' },
  { value: 'published', label: 'Published' },
] as const;
const saveLabels: Record<SaveState, string> = {
  idle: 'No changes',
  pending: 'Unsaved changes — saving shortly',
  saving: 'Saving…',
  saved: 'Saved',
  conflict: 'Not saved: someone else saved a newer revision',
  error: 'Not saved',
};
const exportLabels: Record<ExportFormat, string> = { md: 'Export Markdown', pdf: 'Export PDF', bundle: 'Export evidence bundle' };

/** The post-mortem: Markdown on the left, the sanitised preview on the right, action items below. */
export function PostmortemScreen({ incidentId }: { incidentId: string }) {
  const go = useNavigation((s) => s.go);
  const summary = useOpenIncident((s) => (s.incidentId === incidentId ? s.summary : null));
  const pm = usePostmortem();
  const { view, text } = pm;
  const [pageSize, setPageSize] = useState<'A4' | 'Letter'>('A4');
  const statusGroup = useId();

  useEffect(() => {
    if (useOpenIncident.getState().incidentId !== incidentId || !useOpenIncident.getState().summary) {
      return useOpenIncident.getState().open(incidentId);
    }
    return undefined;
  }, [incidentId]);
  useEffect(() => {
    void usePostmortem.getState().load(incidentId);
    const unsubscribe = cordon().subscribe((event) => {
      if ((event.topic === 'incident.changed' && event.incidentId === incidentId) || event.topic === 'channel.opened') void usePostmortem.getState().refresh();
    });
    return () => {
      unsubscribe();
      usePostmortem.getState().leave();
    };
  }, [incidentId]);
  useEffect(() => {
    if (summary) document.title = `Post-mortem: ${summary.title} · Cordon`;
  }, [summary]);

  const onChange = useCallback((next: string) => usePostmortem.getState().edit(next), []);
  const deferred = useDeferredValue(text);
  const items = view?.actionItems;
  const preview = useMemo(() => (items ? renderMarkdown(applyActionItems(deferred, items)) : ''), [deferred, items]);

  if (pm.error && !view) {
    return (
      <section className="screen">
        <h1 id="screen-title">Post-mortem</h1>
        <p className="form-error" role="alert">
          {pm.error}
        </p>
      </section>
    );
  }
  if (!view) {
    return (
      <section className="screen" aria-busy="true">
        <h1 id="screen-title">Opening the post-mortem…</h1>
      </section>
    );
  }
  const title = summary?.title ?? 'Incident';
  const started = view.revision > 0 || pm.dirty;

  return (
    <div className="postmortem">
      <header className="pm-header">
        <div>
          <p className="muted small pm-eyebrow">Post-mortem</p>
          <h1 id="screen-title">{title}</h1>
        </div>
        <div className="pm-header-actions">
          <button type="button" className="button" onClick={() => go('incident', incidentId)}>
            Back to the war room
          </button>
        </div>
      </header>

      {pm.error && (
        <p className="form-error" role="alert">
          {pm.error}
          {pm.saveState === 'conflict' && (
            <>
              {' '}
              <button type="button" className="button" onClick={() => void pm.keepMine()}>
                Save mine as a new revision
              </button>{' '}
              <button type="button" className="button" onClick={() => void pm.load(incidentId)}>
                Discard mine and reload
              </button>
            </>
          )}
        </p>
      )}

      {!started ? (
        <StartDraft templates={view.templates} drafting={pm.drafting} events={summary?.eventCount ?? null} onStart={(template, timeline) => void pm.startDraft(template, timeline)} />
      ) : (
        <>
          <div className="pm-toolbar" role="toolbar" aria-label="Post-mortem">
            <fieldset className="segmented" aria-label="Post-mortem status">
              <legend className="visually-hidden">Post-mortem status</legend>
              {statusSteps.map((step) => (
                <label key={step.value} className="segment">
                  <input type="radio" name={statusGroup} checked={(view.status === 'none' ? 'draft' : view.status) === step.value} onChange={() => void pm.setStatus(step.value)} />
                  <span>{step.label}</span>
                </label>
              ))}
            </fieldset>
            <span className={`pm-save pm-save-${pm.saveState}`} role="status" aria-live="polite">
              {saveLabels[pm.saveState]}
              {view.revision > 0 ? ` · revision ${view.revision}` : ''}
            </span>
            <span className="pm-grow" />
            <label className="pm-inline-field">
              <span className="small muted">Page size</span>
              <select value={pageSize} onChange={(e) => setPageSize(e.target.value as 'A4' | 'Letter')}>
                <option value="A4">A4</option>
                <option value="Letter">Letter</option>
              </select>
            </label>
            {(['md', 'pdf', 'bundle'] as const).map((format) => (
              <button key={format} type="button" className="button" disabled={pm.exporting !== null} onClick={() => void pm.exportAs(format, pageSize)}>
                {pm.exporting === format ? 'Exporting…' : exportLabels[format]}
              </button>
            ))}
          </div>
          {pm.lastExport && (
            <p className="muted small" role="status">
              {deliveryMessage(pm.lastExport.delivery)}
              {pm.lastExport.delivery.kind !== 'cancelled' &&
                ` (${pm.lastExport.bytes.toLocaleString('en')} bytes, SHA-256 ${pm.lastExport.sha256.slice(0, 16)}…), chain head ${pm.lastExport.chainHead.slice(0, 16)}…`}
            </p>
          )}
          <div className="pm-split">
            <section className="pm-pane pm-editor-pane" aria-label="Markdown editor">
              <MarkdownEditor value={text} onChange={onChange} label="Post-mortem Markdown" />
            </section>
            <section className="pm-pane pm-preview" aria-label="Preview" tabIndex={0}>
              {/* Sanitised by shared/postmortem/render.ts: raw HTML off, links limited to http(s), mailto and #. */}
              <div className="pm-doc" dangerouslySetInnerHTML={{ __html: preview }} />
            </section>
          </div>
        </>
      )}

      <ActionItemsTable items={view.actionItems} onSave={(edit) => pm.saveItem(edit)} />

      {view.revisions.length > 0 && (
        <details className="card pm-revisions">
          <summary>Revisions ({view.revisions.length})</summary>
          <ol reversed>
            {[...view.revisions].reverse().map((r) => (
              <li key={r.eventId}>
                <span>
                  Revision {r.revision} · {r.actor} · {formatInstant(r.savedAt, 'local', zone, { date: 'always' })} · {r.redacted ? 'redacted' : `${r.chars.toLocaleString('en')} characters`}
                </span>
                {r.revision !== view.revision && !r.redacted && (
                  <button type="button" className="button pm-small" onClick={() => void pm.restore(r.revision)}>
                    Restore revision {r.revision}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
