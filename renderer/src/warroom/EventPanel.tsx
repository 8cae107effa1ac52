import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { TimelineRow } from '../../../shared/ipc/store-schemas';
import { formatInstant, type TimeMode, type TimeZone } from '../../../shared/warroom/elapsed';
import type { HistoryEntry } from '../../../shared/warroom/history';
import { parseTimeExpression } from '../../../shared/warroom/quick-add';
import { presentText } from './PresenterMode';

export interface AmendRequest {
  reason: string;
  /** New occurredAt (UTC ISO) when the time changes. */
  occurredAt?: string;
  /** The whole replacement payload when the text changes (notes and injects). */
  payload?: Record<string, unknown>;
}

export type PanelMode = 'amend' | 'redact' | 'history';

export interface EventPanelProps {
  mode: PanelMode;
  event: TimelineRow;
  /** A one-line description of the event, for the panel's heading. */
  summary: string;
  history: readonly HistoryEntry[];
  zone: TimeZone;
  timeMode: TimeMode;
  presenter: boolean;
  now: () => number;
  onAmend(eventId: string, request: AmendRequest): void;
  onRedact(eventId: string, reason: string): void;
  onClose(): void;
}

/** Kinds whose text the amend form can edit. */
const textKinds = new Set(['note', 'inject']);

/** The small dialog for amending, redacting or reading the history of one event. */
export function EventPanel(props: EventPanelProps) {
  const { mode, event, zone, timeMode } = props;
  const headingId = useId();
  const firstField = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const closeButton = useRef<HTMLButtonElement | null>(null);
  const currentText = (event.kind === 'note' || event.kind === 'inject') && event.effectivePayload ? event.effectivePayload.text : '';
  const [reason, setReason] = useState('');
  const [time, setTime] = useState('');
  const [text, setText] = useState(currentText);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    (firstField.current ?? closeButton.current)?.focus();
  }, [mode, event.id]);

  const fmt = (iso: string) => `${formatInstant(iso, timeMode, zone, { date: 'always' })}${timeMode === 'utc' ? ' UTC' : ''}`;
  const parsedTime = time.trim() === '' ? null : parseTimeExpression(time, { now: props.now(), zone });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() === '') return setError('Say why: the reason is kept in the log.');
    if (mode === 'redact') return props.onRedact(event.id, reason.trim());
    const request: AmendRequest = { reason: reason.trim() };
    if (parsedTime) {
      if (!parsedTime.ok) return setError(parsedTime.error);
      request.occurredAt = new Date(parsedTime.at).toISOString();
    }
    if (textKinds.has(event.kind) && text.trim() !== currentText.trim()) {
      if (text.trim() === '') return setError('The text cannot be empty: redact the event instead.');
      request.payload = { ...(event.effectivePayload ?? {}), text: text.trim() };
    }
    if (!request.occurredAt && !request.payload) return setError('Change the time or the text, or cancel.');
    props.onAmend(event.id, request);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      props.onClose();
    }
  };

  const which = event.origin ? `event #${event.n} from ${event.origin.deviceName}’s laptop` : `event #${event.n}`;
  const title = mode === 'amend' ? `Amend ${which}` : mode === 'redact' ? `Redact ${which}` : `History of ${which}`;
  return (
    <section className="wr-panel card" role="dialog" aria-modal="false" aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <div className="wr-panel-head">
        <h3 id={headingId}>{title}</h3>
        <button ref={closeButton} type="button" className="button wr-icon-button" aria-label="Close" onClick={props.onClose}>
          ✕
        </button>
      </div>
      <p className="muted wr-panel-summary">{props.summary}</p>
      {mode === 'history' ? (
        <ol className="wr-history">
          {props.history.map((h, i) => (
            <li key={i}>
              {h.kind === 'original' && (
                <>
                  <strong>Original</strong>, by {h.actor}, occurred {fmt(h.occurredAt)}, recorded {fmt(h.recordedAt)}
                  {typeof h.payload.text === 'string' && <blockquote>{presentText(h.payload.text, props.presenter)}</blockquote>}
                </>
              )}
              {h.kind === 'amend' && (
                <>
                  <strong>Amended</strong> by {h.actor} at {fmt(h.recordedAt)}: {h.reason}
                  <ul>
                    {h.occurredAt && <li>Time → {fmt(h.occurredAt)}</li>}
                    {h.payload && typeof h.payload.text === 'string' && (
                      <li>
                        Text → <q>{presentText(h.payload.text, props.presenter)}</q>
                      </li>
                    )}
                    {h.payload && typeof h.payload.text !== 'string' && <li>Details replaced</li>}
                    {h.key !== undefined && <li>{h.key ? 'Marked as key event' : 'Unmarked as key event'}</li>}
                  </ul>
                </>
              )}
              {h.kind === 'redact' && (
                <>
                  <strong>Redacted</strong> by {h.actor} at {fmt(h.recordedAt)}: {h.reason}
                </>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <form className="wr-form" onSubmit={submit} noValidate>
          {mode === 'redact' && (
            <p className="wr-warning">The content leaves every view, search and export. The encrypted log keeps it, so the chain still verifies.</p>
          )}
          <label className="wr-field">
            <span>Reason</span>
            <input
              ref={(el) => {
                firstField.current = el;
              }}
              className="wr-input"
              value={reason}
              required
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          {mode === 'amend' && (
            <>
              <label className="wr-field">
                <span>New time (blank keeps {fmt(event.effectiveOccurredAt)})</span>
                <input className="wr-input" value={time} placeholder="09:12, 2024-05-01 09:12 or -15m" onChange={(e) => setTime(e.target.value)} />
              </label>
              {parsedTime && <p className={parsedTime.ok ? 'muted small' : 'wr-error small'}>{parsedTime.ok ? `→ ${fmt(new Date(parsedTime.at).toISOString())}` : parsedTime.error}</p>}
              {textKinds.has(event.kind) && (
                <label className="wr-field">
                  <span>Text</span>
                  <textarea className="wr-input" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
                </label>
              )}
            </>
          )}
          {error && (
            <p className="wr-error" role="alert">
              {error}
            </p>
          )}
          <div className="wr-actions">
            <button type="submit" className="button button-primary">
              {mode === 'amend' ? 'Save amendment' : 'Redact'}
            </button>
            <button type="button" className="button" onClick={props.onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
