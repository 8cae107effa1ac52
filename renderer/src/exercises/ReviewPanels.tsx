import { useId, useMemo, useState, type FormEvent } from 'react';
import type { ExerciseView } from '../../../shared/ipc/exercise-contract';
import { ratingLabels, type Rating } from '../../../shared/exercises/review';
import { formatExerciseTime } from '../../../shared/exercises/exercise-time';
import { actionItemStatusLabels } from '../../../shared/postmortem/action-items';
import { renderMarkdown } from '../../../shared/postmortem/render';
import { ActionItemsTable } from '../postmortem/ActionItemsTable';
import { useExercises } from './exercises-store';
import '../postmortem/postmortem.css';

// The after-action review in the facilitator console: per inject the discussion questions and
// what the team decided; the evaluator's assessment of each objective beside what the record
// shows; the hot wash; the improvement plan, with what earlier runs of the scenario left open.
// Every save is an event on the exercise's timeline (see shared/exercises/review.ts).

/** Inject text as the participants read it: Markdown through the sanitising renderer. */
export function InjectText({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="ex-text ex-md small" dangerouslySetInnerHTML={{ __html: html }} />;
}

function TextForm({ label, button, onSave }: { label: string; button: string; onSave(text: string): Promise<boolean> }) {
  const [text, setText] = useState('');
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() && (await onSave(text.trim()))) setText('');
  };
  return (
    <form className="ex-inline-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} value={text} onChange={(e) => setText(e.target.value)} placeholder={label} maxLength={10_000} />
      <button type="submit" className="button wr-small-button" disabled={text.trim() === ''}>
        {button}
      </button>
    </form>
  );
}

export function DiscussionPanel({ view }: { view: ExerciseView }) {
  const played = view.injects.filter((i) => i.status === 'fired');
  return (
    <section className="ex-panel" aria-labelledby="ex-discussion">
      <h2 id="ex-discussion">Discussion and decisions</h2>
      <p className="muted small">Put the questions to the team as each inject lands, and record what they decided. Each decision is written on the timeline.</p>
      {played.length === 0 && <p className="muted">No inject has been played yet.</p>}
      {played.map((inj) => {
        const def = view.scenario.injects.find((d) => d.id === inj.id);
        const decisions = view.review.decisions.filter((d) => d.injectId === inj.id);
        return (
          <article key={inj.id} className="ex-discussion" aria-label={`Discussion: ${inj.title}`}>
            <h3>
              <span className="ex-mono">{inj.firedAtMs !== null ? formatExerciseTime(inj.firedAtMs) : ''}</span> {inj.title}
            </h3>
            <InjectText text={inj.text} />
            <h4>Discussion questions</h4>
            {def && def.questions.length > 0 ? (
              <ol className="small">
                {def.questions.map((q) => (
                  <li key={q}>{q}</li>
                ))}
              </ol>
            ) : (
              <p className="muted small">None in the scenario.</p>
            )}
            <h4>What the team decided</h4>
            {decisions.length > 0 ? (
              <ul className="small">
                {decisions.map((d, k) => (
                  <li key={`${d.atMs}-${k}`}>
                    <span className="ex-mono">{formatExerciseTime(d.atMs)}</span> {d.text} <span className="muted">({d.actor})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small">No decision recorded yet.</p>
            )}
            <TextForm label={`Decision on ${inj.title}`} button="Record decision" onSave={(text) => useExercises.getState().decide(inj.id, text)} />
          </article>
        );
      })}
    </section>
  );
}

function AssessmentRow({ view, index }: { view: ExerciseView; index: number }) {
  const objective = view.objectives[index];
  const [rating, setRating] = useState<Rating | ''>(objective?.assessment?.rating ?? '');
  const [note, setNote] = useState(objective?.assessment?.note ?? '');
  const noteId = useId();
  if (!objective) return null;
  const auto = objective.automatic;
  const changed = rating !== '' && (rating !== objective.assessment?.rating || note.trim() !== (objective.assessment?.note ?? ''));
  return (
    <tr>
      <td>
        <strong>{objective.id}</strong> {objective.description}
      </td>
      <td>{auto ? (auto.reached ? `Reached at ${formatExerciseTime(auto.atMs ?? 0)}` : 'Not reached yet') : <span className="muted">A matter of judgement</span>}</td>
      <td>
        <div role="radiogroup" aria-label={`Assessment of ${objective.id}`} className="ex-speeds">
          {(Object.keys(ratingLabels) as Rating[]).map((r) => (
            <button key={r} type="button" role="radio" aria-checked={rating === r} className="button wr-small-button" onClick={() => setRating(r)}>
              {ratingLabels[r]}
            </button>
          ))}
        </div>
        <div className="ex-inline-form">
          <label htmlFor={noteId} className="visually-hidden">
            Evaluator’s note on {objective.id}
          </label>
          <input id={noteId} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Evaluator’s note" maxLength={10_000} />
          <button type="button" className="button wr-small-button" disabled={!changed} onClick={() => rating !== '' && void useExercises.getState().assess(objective.id, rating, note)}>
            Save assessment
          </button>
        </div>
        {objective.assessment && (
          <p className="muted small">
            Saved: {ratingLabels[objective.assessment.rating]} ({objective.assessment.actor})
          </p>
        )}
      </td>
    </tr>
  );
}

export function ObjectivesPanel({ view }: { view: ExerciseView }) {
  return (
    <section className="ex-panel" aria-labelledby="ex-objectives">
      <h2 id="ex-objectives">Objectives</h2>
      <p className="muted small">What the record shows, beside the evaluator’s assessment. Whether a note says the right thing is a judgement: it is never counted automatically.</p>
      {view.objectives.length === 0 ? (
        <p className="muted">The scenario states no objectives.</p>
      ) : (
        <table className="ex-table" aria-label="Objectives">
          <thead>
            <tr>
              <th>Objective</th>
              <th>From the record</th>
              <th>Evaluator’s assessment</th>
            </tr>
          </thead>
          <tbody>
            {view.objectives.map((o, i) => (
              <AssessmentRow key={`${o.id}-${o.assessment?.recordedAt ?? ''}`} view={view} index={i} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function HotWashPanel({ view }: { view: ExerciseView }) {
  const finished = view.clock.finishedAt !== null;
  return (
    <section className={`ex-panel${finished ? ' ex-panel-focus' : ''}`} aria-labelledby="ex-hotwash">
      <h2 id="ex-hotwash">Hot wash</h2>
      <p className="muted small">{finished ? 'The exercise is over: ask the room what went well and what to improve, while it is fresh.' : 'Captured at the end of the exercise; points can be added at any time.'}</p>
      <div className="ex-columns">
        {(
          [
            ['went_well', 'What went well'],
            ['to_improve', 'What to improve'],
          ] as const
        ).map(([category, title]) => (
          <div key={category}>
            <h3>{title}</h3>
            <ul className="small">
              {view.review.hotWash
                .filter((p) => p.category === category)
                .map((p, k) => (
                  <li key={`${k}-${p.text}`}>
                    {p.text} <span className="muted">({p.actor})</span>
                  </li>
                ))}
            </ul>
            <TextForm label={title} button="Add" onSave={(text) => useExercises.getState().hotWash(category, text)} />
          </div>
        ))}
      </div>
    </section>
  );
}

export function ImprovementPlanPanel({ view }: { view: ExerciseView }) {
  return (
    <section className="ex-panel" aria-labelledby="ex-plan">
      <h2 id="ex-plan">Improvement plan</h2>
      <p className="muted small">Each action gets an owner and a due date. The plan is carried into the next run of this scenario and shown there.</p>
      {view.carried.length > 0 && (
        <>
          <h3>Carried from earlier runs</h3>
          <table className="ex-table" aria-label="Carried from earlier runs">
            <thead>
              <tr>
                <th>Action</th>
                <th>Owner</th>
                <th>Due</th>
                <th>Status</th>
                <th>From the run started</th>
              </tr>
            </thead>
            <tbody>
              {view.carried.map((c, k) => (
                <tr key={`${c.exerciseId}-${k}`}>
                  <td>{c.title}</td>
                  <td>{c.owner ?? 'Unassigned'}</td>
                  <td>{c.dueDate ?? '—'}</td>
                  <td>{actionItemStatusLabels[c.status]}</td>
                  <td>{c.runStartedAt ? new Date(c.runStartedAt).toLocaleString() : 'not started'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <ActionItemsTable items={view.plan} onSave={(edit) => useExercises.getState().saveItem(edit)} />
    </section>
  );
}
