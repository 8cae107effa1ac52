import { useState, type RefObject } from 'react';
import { audienceKindLabels, communicationTemplates, type Audience } from '../../../shared/comms/audiences';
import { asMarkdown, asPlainText, updateFileName } from '../../../shared/comms/format';
import { findPlaceholders } from '../../../shared/comms/placeholders';
import { internalDetails } from '../../../shared/comms/public-text';
import { redactSecrets } from '../../../shared/warroom/redact';
import { copyText, saveTextFile } from './clipboard';
import { useComms, type DraftState } from './comms-store';
import { newDraft } from './start-draft';
import type { CommsModel } from './use-comms-model';

/** The text with each placeholder still to complete marked. */
function Highlighted({ text }: { text: string }) {
  const parts: (string | { mark: string })[] = [];
  let at = 0;
  for (const p of findPlaceholders(text)) {
    parts.push(text.slice(at, p.start), { mark: p.raw });
    at = p.end;
  }
  parts.push(text.slice(at));
  return (
    <>
      {parts.map((part, i) => (typeof part === 'string' ? part : <mark key={i}>{part.mark}</mark>))}
    </>
  );
}

interface Props {
  model: CommsModel;
  draft: DraftState;
  audience: Audience;
  presenter: boolean;
  wallNow: number;
  textRef: RefObject<HTMLTextAreaElement | null>;
}

/** One update being written: template, subject, text, what is left to complete, copy / save / mark sent. */
export function DraftEditor({ model, draft, audience, presenter, wallNow, textRef }: Props) {
  const { patchDraft, setDraft, markSent, setNotice } = useComms.getState();
  const busy = useComms((s) => s.busy);
  const [confirming, setConfirming] = useState(false);
  const templates = communicationTemplates(model.source.playbook);
  const own = templates.filter((t) => audience.templateKeys.includes(t.key));
  const others = templates.filter((t) => !audience.templateKeys.includes(t.key));
  const text = { subject: draft.subject.trim() || null, body: draft.text };
  const missing = findPlaceholders(`${draft.subject}\n${draft.text}`);
  const leaks = audience.kind === 'customers' ? internalDetails(`${draft.subject}\n${draft.text}`, model.source) : [];
  const duties = model.source.playbook?.compliance ?? [];
  const minutesValid = draft.nextUpdate.trim() === '' || (/^\d+$/.test(draft.nextUpdate.trim()) && Number(draft.nextUpdate) >= 1 && Number(draft.nextUpdate) <= 43_200);
  const id = `comms-${audience.key}`;

  const copy = async (format: 'plain' | 'markdown') => {
    const ok = await copyText(format === 'plain' ? asPlainText(text) : asMarkdown(text));
    patchDraft({ format });
    setNotice(ok ? `Copied as ${format === 'plain' ? 'plain text' : 'Markdown'}. Send it, then mark it sent.` : 'Cordon could not reach the clipboard; select the text and copy it.');
  };
  const save = (format: 'plain' | 'markdown') => {
    const name = updateFileName(audience.key, model.source.incident.id, wallNow, format);
    saveTextFile(format === 'plain' ? asPlainText(text) : asMarkdown(text), name, format === 'plain' ? 'text/plain;charset=utf-8' : 'text/markdown;charset=utf-8');
    patchDraft({ format });
    setNotice(`Saved as ${name}.`);
  };
  const changeMinutes = (value: string) => {
    // The promised time in the text follows the change, where the draft still says it.
    const before = model.nextUpdateLabel(draft.nextUpdate.trim() === '' ? null : Number(draft.nextUpdate));
    const after = /^\d+$/.test(value.trim()) ? model.nextUpdateLabel(Number(value)) : null;
    patchDraft({ nextUpdate: value, ...(before && after && draft.text.includes(before) ? { text: draft.text.replaceAll(before, after) } : {}) });
  };
  const send = async () => {
    if (missing.length > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const added = audience.key.startsWith('added-') && !model.updates.some((u) => u.audience === audience.key);
    await markSent({ newAudience: added ? { name: audience.name, kind: audience.kind } : undefined });
  };

  return (
    <section className="comms-draft" aria-labelledby={`${id}-title`}>
      <div className="comms-draft-head">
        <h3 id={`${id}-title`}>
          Update to {audience.name} <span className="muted small">({audienceKindLabels[audience.kind]})</span>
        </h3>
        <button type="button" className="button wr-small-button" onClick={() => setDraft(null)}>
          Discard draft
        </button>
      </div>
      <div className="comms-fields">
        <label>
          <span>Start from</span>
          <select
            className="wr-input"
            value={draft.templateKey ?? ''}
            onChange={(e) => {
              const next = newDraft(model, audience.key, e.target.value === '' ? null : e.target.value, wallNow);
              if (next) setDraft(next);
            }}
          >
            <option value="">Cordon’s {audienceKindLabels[audience.kind].toLowerCase()} update</option>
            {own.length > 0 && (
              <optgroup label={`The playbook’s, for ${audience.name}`}>
                {own.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            )}
            {others.length > 0 && (
              <optgroup label="The playbook’s, for others">
                {others.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label>
          <span>Sent via or to</span>
          <input className="wr-input" value={draft.channel} maxLength={200} placeholder="e.g. e-mail to leadership, #incident, status page" onChange={(e) => patchDraft({ channel: e.target.value })} />
        </label>
      </div>
      {presenter ? (
        <div className="comms-presenter-copy">
          <p className="muted small">Presenter mode: secrets are hidden and the draft cannot be edited. Leave presenter mode to edit.</p>
          {draft.subject && (
            <p>
              <strong>{redactSecrets(draft.subject)}</strong>
            </p>
          )}
          <pre className="comms-preview" aria-label="Draft, secrets hidden">
            <Highlighted text={redactSecrets(draft.text)} />
          </pre>
        </div>
      ) : (
        <>
          <label className="comms-subject">
            <span>Subject</span>
            <input className="wr-input" value={draft.subject} maxLength={200} onChange={(e) => patchDraft({ subject: e.target.value })} />
          </label>
          <div className="comms-editor">
            <label>
              <span>Text</span>
              <textarea ref={textRef} className="wr-input comms-text" rows={14} value={draft.text} onChange={(e) => patchDraft({ text: e.target.value })} />
            </label>
            <div>
              <span className="comms-label" id={`${id}-preview`}>
                Fields to complete are marked
              </span>
              <pre className="comms-preview" aria-labelledby={`${id}-preview`}>
                <Highlighted text={draft.text} />
              </pre>
            </div>
          </div>
        </>
      )}
      <p className={missing.length ? 'comms-missing' : 'muted small'} role="status">
        {missing.length === 0
          ? 'Every field is filled in.'
          : `${missing.length} field${missing.length === 1 ? '' : 's'} to complete: ${missing.map((m) => m.raw).join(', ')}`}
      </p>
      {leaks.length > 0 && (
        <p className="comms-leaks" role="alert">
          This customer notice mentions internal detail: {leaks.join(', ')}. Customers should not see hostnames, addresses, usernames or internal names.
        </p>
      )}
      <div className="comms-fields">
        <label>
          <span>Next update in (minutes)</span>
          <input className="wr-input comms-minutes" inputMode="numeric" value={draft.nextUpdate} aria-invalid={!minutesValid} placeholder="none" onChange={(e) => changeMinutes(e.target.value)} />
        </label>
        {audience.kind === 'regulator' && duties.length > 0 && (
          <label>
            <span>Meets the compliance duty</span>
            <select className="wr-input" value={draft.dutyKey} onChange={(e) => patchDraft({ dutyKey: e.target.value })}>
              <option value="">None (a follow-up)</option>
              {duties.map((d) => (
                <option key={d.key} value={d.key}>
                  {[d.framework, d.control].filter(Boolean).join(' ')}
                  {model.source.state.notified[d.key] ? ' (already notified)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="comms-actions">
        <button type="button" className="button" onClick={() => void copy('plain')}>
          Copy text
        </button>
        <button type="button" className="button" onClick={() => void copy('markdown')}>
          Copy Markdown
        </button>
        <button type="button" className="button" onClick={() => save('plain')}>
          Save as .txt
        </button>
        <button type="button" className="button" onClick={() => save('markdown')}>
          Save as .md
        </button>
        <button type="button" className="button button-primary" disabled={busy || draft.text.trim() === '' || !minutesValid} onClick={() => void send()}>
          {confirming ? `Mark sent anyway (${missing.length} left to complete)` : `Mark sent to ${audience.name}`}
        </button>
        {confirming && (
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Keep editing
          </button>
        )}
      </div>
      <p className="muted small">Cordon sends nothing: send the update yourself, then mark it sent to log it on the timeline and restart this audience’s clock.</p>
    </section>
  );
}
