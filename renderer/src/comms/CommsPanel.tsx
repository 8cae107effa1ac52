import { useEffect, useRef, useState } from 'react';
import { audienceKinds, audienceKindLabels, type AudienceKind } from '../../../shared/comms/audiences';
import { describeCadence } from '../../../shared/comms/cadence';
import { mostUrgent, type AudienceClock } from '../../../shared/comms/clock';
import { utc } from '../../../shared/postmortem/format';
import { formatTPlus } from '../../../shared/warroom/elapsed';
import { useNow } from '../warroom/use-now';
import { useShortcuts } from '../warroom/use-shortcuts';
import { useComms } from './comms-store';
import { DraftEditor } from './DraftEditor';
import { newDraft } from './start-draft';
import { UpdateClockChip } from './UpdateClockChip';
import { useCommsModel, type CommsModel, type CommsRecord } from './use-comms-model';
import './comms.css';

const fromWords = { playbook: 'from the playbook', default: 'default for this severity', user: 'chosen here' } as const;

function CadenceCell({ clock, severity }: { clock: AudienceClock; severity: string | null }) {
  const [editing, setEditing] = useState<string | null>(null);
  const name = clock.audience.name;
  if (editing !== null) {
    const valid = editing.trim() === '' || (/^\d+$/.test(editing.trim()) && Number(editing) >= 1 && Number(editing) <= 43_200);
    return (
      <form
        className="comms-cadence-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          useComms.getState().setOverride(clock.audience.key, { minutes: editing.trim() === '' ? null : Number(editing), severity });
          setEditing(null);
        }}
      >
        <input className="wr-input comms-minutes" inputMode="numeric" aria-label={`Minutes between updates to ${name} (empty: no schedule)`} aria-invalid={!valid} value={editing} onChange={(e) => setEditing(e.target.value)} />
        <button type="submit" className="button wr-small-button" disabled={!valid}>
          Set
        </button>
        <button type="button" className="button wr-small-button" onClick={() => setEditing(null)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <>
      <span>{describeCadence(clock.cadence.minutes)}</span>{' '}
      <button type="button" className="button wr-small-button" aria-label={`Change how often ${name} hears from us`} onClick={() => setEditing(clock.cadence.minutes === null ? '' : String(clock.cadence.minutes))}>
        Change
      </button>
      <span className="muted small comms-cadence-source" title={clock.cadence.text ?? undefined}>
        {clock.duty ? 'the compliance deadline' : clock.audience.kind === 'regulator' && clock.cadence.from !== 'user' ? 'set by the compliance duties' : fromWords[clock.cadence.from]}
        {clock.cadence.text ? `: “${clock.cadence.text}”` : ''}
      </span>
    </>
  );
}

function AddAudience() {
  const [name, setName] = useState<string | null>(null);
  const [kind, setKind] = useState<AudienceKind>('other');
  if (name === null) {
    return (
      <button type="button" className="button wr-small-button" onClick={() => setName('')}>
        Add an audience
      </button>
    );
  }
  const trimmed = name.trim();
  return (
    <form
      className="comms-add"
      aria-label="Add an audience"
      onSubmit={(e) => {
        e.preventDefault();
        if (trimmed === '') return;
        useComms.getState().addAudience(trimmed.slice(0, 200), kind);
        setName(null);
      }}
    >
      <input className="wr-input" aria-label="Audience name" placeholder="e.g. Board, Partner support" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      <select className="wr-input" aria-label="Kind of audience" value={kind} onChange={(e) => setKind(e.target.value as AudienceKind)}>
        {audienceKinds.map((k) => (
          <option key={k} value={k}>
            {audienceKindLabels[k]}
          </option>
        ))}
      </select>
      <button type="submit" className="button wr-small-button" disabled={trimmed === ''}>
        Add
      </button>
      <button type="button" className="button wr-small-button" onClick={() => setName(null)}>
        Cancel
      </button>
    </form>
  );
}

function lastSent(clock: AudienceClock, model: CommsModel) {
  const last = clock.last;
  if (!last) return <span className="muted">None yet</span>;
  return (
    <span>
      {model.exercise && last.exerciseMs !== null ? `${formatTPlus(last.exerciseMs)} (exercise)` : utc(last.at)}
      <span className="muted small"> by {last.actor}</span>
    </span>
  );
}

/** Who hears from us, how often, when next; and the draft being written. */
export function CommsPanel({ record, presenter }: { record: CommsRecord; presenter: boolean }) {
  const incidentId = record.summary.id;
  const wallNow = useNow(1000);
  const model = useCommsModel(record, wallNow);
  const draft = useComms((s) => s.draft);
  const request = useComms((s) => s.draftRequest);
  const error = useComms((s) => s.error);
  const notice = useComms((s) => s.notice);
  const textRef = useRef<HTMLTextAreaElement | null>(null);
  const sectionRef = useRef<HTMLElement | null>(null);
  const latest = useRef({ model, wallNow });
  useEffect(() => {
    latest.current = { model, wallNow };
  });

  useEffect(() => useComms.getState().reset(incidentId), [incidentId]);
  useShortcuts({ u: () => useComms.getState().requestDraft() });

  const open = (audienceKey: string) => {
    const next = newDraft(latest.current.model, audienceKey, undefined, latest.current.wallNow);
    if (!next) return;
    useComms.getState().setDraft(next);
    useComms.getState().setNotice(null);
    // After the editor renders.
    requestAnimationFrame(() => {
      sectionRef.current?.scrollIntoView?.({ block: 'start' });
      (textRef.current ?? sectionRef.current?.querySelector<HTMLElement>('select, button'))?.focus();
    });
  };

  useEffect(() => {
    if (request.n === 0) return;
    const m = latest.current.model;
    open(request.audienceKey ?? mostUrgent(m.clocks)?.audience.key ?? 'internal');
    // Only a new request opens a draft; the model changes every second.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request.n]);

  const audience = draft ? model.audiences.find((a) => a.key === draft.audienceKey) : undefined;
  return (
    <section className="card comms-panel" aria-labelledby="comms-title" ref={sectionRef}>
      <div className="comms-head">
        <h2 id="comms-title">Stakeholder updates</h2>
        <span className="muted small">
          <kbd>U</kbd> draft an update
        </span>
      </div>
      {model.exercise && <p className="muted small">Exercise: these clocks run in exercise time, and stop while the exercise is paused.</p>}
      <table className="comms-table">
        <thead>
          <tr>
            <th scope="col">Audience</th>
            <th scope="col">Cadence</th>
            <th scope="col">Last update</th>
            <th scope="col">Next update</th>
            <th scope="col">
              <span className="visually-hidden">Draft</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {model.clocks.map((clock) => (
            <tr key={clock.audience.key} aria-current={draft?.audienceKey === clock.audience.key || undefined}>
              <th scope="row">
                {clock.audience.name}
                {clock.audience.recipients.length > 0 && <div className="muted small">To: {clock.audience.recipients.join('; ')}</div>}
              </th>
              <td>
                <CadenceCell clock={clock} severity={record.state.severity} />
              </td>
              <td>{lastSent(clock, model)}</td>
              <td>
                {clock.duty ? (
                  <>
                    <UpdateClockChip label={`${clock.duty.label} notification`} countdown={clock.countdown} exercise={false} />
                    <button type="button" className="button wr-small-button comms-link" onClick={() => document.getElementById('compliance-title')?.scrollIntoView({ block: 'center' })}>
                      Compliance clock
                    </button>
                  </>
                ) : clock.closingDue ? (
                  <span className="comms-closing">Resolved: a closing update is owed</span>
                ) : clock.countdown.state === 'none' ? (
                  <span className="muted">{clock.audience.kind === 'regulator' ? 'Starts when personal data is flagged' : 'Not scheduled'}</span>
                ) : (
                  <UpdateClockChip label="Next update" countdown={clock.countdown} exercise={model.exercise} />
                )}
              </td>
              <td>
                <button type="button" className="button wr-small-button" aria-label={`Draft an update for ${clock.audience.name}`} onClick={() => open(clock.audience.key)}>
                  Draft
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddAudience />
      {notice && (
        <p className="comms-notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {draft && audience && <DraftEditor model={model} draft={draft} audience={audience} presenter={presenter} wallNow={wallNow} textRef={textRef} />}
    </section>
  );
}
