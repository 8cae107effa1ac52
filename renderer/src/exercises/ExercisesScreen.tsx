import { useEffect, useId, useState } from 'react';
import type { ExerciseView, ScenarioListItem } from '../../../shared/ipc/exercise-contract';
import { formatExerciseTime } from '../../../shared/exercises/exercise-time';
import { speeds } from '../../../shared/exercises/clock';
import { cordon } from '../platform/cordon';
import { useActor } from '../settings/settings-store';
import { useNavigation } from '../shell/navigation';
import { useExercises } from './exercises-store';
import { DiscussionPanel, HotWashPanel, ImprovementPlanPanel, InjectText, ObjectivesPanel } from './ReviewPanels';
import { ImportForm } from './ImportForm';
import { InjectPrompts } from './InjectPrompts';
import './exercises.css';

/** Tabletop exercises: the library (no param) or the facilitator console of one exercise. */
export function ExercisesScreen({ exerciseId }: { exerciseId: string | null }) {
  return exerciseId ? <FacilitatorConsole key={exerciseId} exerciseId={exerciseId} /> : <ExerciseLibrary />;
}

function ExerciseLibrary() {
  const { scenarios, exercises, error, importResult } = useExercises();
  const go = useNavigation((s) => s.go);
  const [starting, setStarting] = useState<ScenarioListItem | null>(null);
  useEffect(() => {
    document.title = 'Exercises · Cordon';
    void useExercises.getState().loadLibrary();
  }, []);
  return (
    <section className="screen ex-screen" aria-labelledby="screen-title">
      <h1 id="screen-title">Exercises</h1>
      <p className="muted">
        Tabletop exercises run on an incident of kind <em>exercise</em>: participants work in its war room as in a real one (scripts are simulated),
        and exercises never count in real-incident metrics.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <h2>Scenarios</h2>
      <ul className="ex-scenarios" aria-label="Scenarios">
        {scenarios.map((s) => (
          <li key={s.id} className="ex-card">
            <div className="ex-card-head">
              <h3>{s.title}</h3>
              <span className="ex-tag">{s.source === 'builtin' ? 'Built-in' : 'Imported'}</span>
            </div>
            {s.errors ? (
              <div className="form-error small" role="alert">
                <p>This imported scenario cannot be run:</p>
                <ul>
                  {s.errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <>
                <p className="small ex-summary">{s.summary}</p>
                <p className="muted small">
                  {s.injects} injects · {s.expectedActions} expected actions · {s.runs} run{s.runs === 1 ? '' : 's'}
                </p>
                <button type="button" className="button" aria-label={`Start exercise: ${s.title}`} onClick={() => setStarting(s)}>
                  Start exercise
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {starting && <StartDialog scenario={starting} onClose={() => setStarting(null)} />}
      <ImportForm result={importResult} />
      <h2>Runs</h2>
      {exercises.length === 0 ? (
        <p className="muted">No exercise has been run yet.</p>
      ) : (
        <table className="ex-table">
          <thead>
            <tr>
              <th>Scenario</th>
              <th>Started</th>
              <th>State</th>
              <th>Score</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {exercises.map((e) => (
              <tr key={e.id}>
                <td>{e.title}</td>
                <td>{new Date(e.createdAt).toLocaleString()}</td>
                <td>{e.finished ? 'Finished' : e.running ? 'Running' : 'Paused / not started'}</td>
                <td>{e.score}</td>
                <td>
                  <button type="button" className="button wr-small-button" onClick={() => go('exercises', e.id)}>
                    Open console
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StartDialog({ scenario, onClose }: { scenario: ScenarioListItem; onClose(): void }) {
  const actor = useActor();
  const go = useNavigation((s) => s.go);
  const [playbooks, setPlaybooks] = useState<{ id: string; title: string }[]>([]);
  const [playbookId, setPlaybookId] = useState(scenario.playbook ?? '');
  const [speed, setSpeed] = useState(1);
  const [commander, setCommander] = useState(actor);
  const busy = useExercises((s) => s.busy);
  const pbId = useId();
  const spId = useId();
  const cmdId = useId();
  useEffect(() => {
    void cordon()
      .playbookList()
      .then((r) => r.ok && setPlaybooks(r.value.map((p) => ({ id: p.id, title: p.title }))));
  }, []);
  const submit = async () => {
    const id = await useExercises.getState().start({ scenarioId: scenario.id, speed, commander: commander.trim(), ...(playbookId ? { playbookId } : {}) });
    if (id) go('exercises', id);
  };
  return (
    <div className="ex-dialog" role="dialog" aria-modal="false" aria-label={`Start ${scenario.title}`}>
      <h2>Start “{scenario.title}”</h2>
      <label htmlFor={pbId}>Playbook to use</label>
      <select id={pbId} value={playbookId} onChange={(e) => setPlaybookId(e.target.value)}>
        <option value="">No playbook</option>
        {playbooks.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
      <label htmlFor={cmdId}>Who commands it</label>
      <input id={cmdId} value={commander} onChange={(e) => setCommander(e.target.value)} maxLength={100} required aria-describedby={`${cmdId}-hint`} />
      <p id={`${cmdId}-hint`} className="muted small">
        The exercise incident’s commander from T+0; the war room can hand the role over later.
      </p>
      <label htmlFor={spId}>Clock speed</label>
      <select id={spId} value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
        {speeds.map((s) => (
          <option key={s} value={s}>
            {s}x
          </option>
        ))}
      </select>
      <div className="ex-row">
        <button type="button" className="button button-primary" disabled={busy || commander.trim() === ''} onClick={() => void submit()}>
          Declare exercise incident
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Exercise time now, ticking locally between refreshes from the main process. */
function useExerciseTime(view: ExerciseView | null): number {
  const [wall, setWall] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWall(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  if (!view) return 0;
  return view.clock.running ? view.nowMs + Math.max(0, wall - view.at) * view.clock.speed : view.nowMs;
}

const statusText = { hit: 'Hit', late: 'Late', missed: 'Missed', pending: 'Waiting', not_played: 'Not played', assess: 'For the evaluator' } as const;

function FacilitatorConsole({ exerciseId }: { exerciseId: string }) {
  const go = useNavigation((s) => s.go);
  const { view, error } = useExercises();
  const nowMs = useExerciseTime(view);
  const [notes, setNotes] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const notesId = useId();
  useEffect(() => useExercises.getState().open(exerciseId), [exerciseId]);
  useEffect(() => {
    if (view) document.title = `Exercise: ${view.scenario.title} · Cordon`;
  }, [view]);
  if (!view || view.id !== exerciseId) {
    return (
      <section className="screen" aria-busy={!error}>
        <h1 id="screen-title">{error ? 'Exercise' : 'Opening the exercise…'}</h1>
        {error && <p className="form-error">{error}</p>}
      </section>
    );
  }
  const { clock, score } = view;
  const ctl = (action: 'start' | 'pause' | 'resume' | 'finish', speed?: number) => void useExercises.getState().control(action, speed);
  const finished = clock.finishedAt !== null;
  const titleOf = (id: string) => view.injects.find((i) => i.id === id)?.title ?? id;
  return (
    <section className="screen ex-console" aria-labelledby="screen-title">
      <p className="exercise-banner" role="note">
        EXERCISE — facilitator console
      </p>
      <header className="ex-header">
        <div>
          <p className="muted small pm-eyebrow">Facilitator console</p>
          <h1 id="screen-title">{view.scenario.title}</h1>
          <p className="muted small">
            Playbook: {view.playbookId ?? 'none'} · Commander: {view.commander ?? 'none yet'}
          </p>
        </div>
        <div className="ex-row">
          <button type="button" className="button" onClick={() => go('incident', view.incidentId)}>
            Open the participants’ war room
          </button>
          <button type="button" className="button" onClick={() => go('exercises')}>
            All exercises
          </button>
        </div>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      <section className="ex-panel" aria-label="Exercise clock">
        <div className="ex-clock" aria-live="off">
          <span className="ex-clock-time" data-testid="exercise-clock">
            {formatExerciseTime(nowMs)}
          </span>
          <span className="muted small">{finished ? 'Finished' : clock.running ? `Running at ${clock.speed}x` : clock.startedAt ? 'Paused' : 'Not started'}</span>
        </div>
        <div className="ex-row">
          {!clock.startedAt && !finished && (
            <button type="button" className="button button-primary" onClick={() => ctl('start')}>
              Start clock
            </button>
          )}
          {clock.running && (
            <button type="button" className="button" onClick={() => ctl('pause')}>
              Pause
            </button>
          )}
          {clock.startedAt && !clock.running && !finished && (
            <button type="button" className="button button-primary" onClick={() => ctl('resume')}>
              Resume
            </button>
          )}
          <div role="radiogroup" aria-label="Clock speed" className="ex-speeds">
            {speeds.map((s) => (
              <button key={s} type="button" role="radio" aria-checked={clock.speed === s} className="button wr-small-button" disabled={finished} onClick={() => void useExercises.getState().control('speed', s)}>
                {s}x
              </button>
            ))}
          </div>
          {!finished && (
            <button type="button" className="button" onClick={() => ctl('finish')}>
              Finish exercise
            </button>
          )}
        </div>
      </section>

      <section className="ex-panel" aria-labelledby="ex-queue">
        <h2 id="ex-queue">Inject queue</h2>
        <table className="ex-table" aria-label="Injects">
          <thead>
            <tr>
              <th>Time</th>
              <th>Inject</th>
              <th>Audience</th>
              <th>Status</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {view.injects.map((inj) => {
              const def = view.scenario.injects.find((d) => d.id === inj.id);
              const when = inj.status === 'fired' && inj.firedAtMs !== null ? formatExerciseTime(inj.firedAtMs) : inj.dueMs !== null ? formatExerciseTime(inj.dueMs) : `after ${def?.after ? titleOf(def.after) : '?'}`;
              return (
                <tr key={inj.id} className={`ex-inject ex-${inj.status}`} aria-label={inj.title}>
                  <td className="ex-mono">{when}</td>
                  <td>
                    <strong>{inj.title}</strong>
                    {editing?.id === inj.id ? (
                      <div className="ex-edit">
                        <textarea aria-label={`Text of ${inj.title}`} rows={4} value={editing.text} onChange={(e) => setEditing({ id: inj.id, text: e.target.value })} />
                        <div className="ex-row">
                          <button
                            type="button"
                            className="button wr-small-button"
                            onClick={() => void useExercises.getState().editInject(inj.id, editing.text).then((ok) => ok && setEditing(null))}
                          >
                            Save text
                          </button>
                          <button type="button" className="button wr-small-button" onClick={() => setEditing(null)}>
                            Cancel
                          </button>
                        </div>
                      </div>
                    ) : (
                      <InjectText text={inj.text} />
                    )}
                    <InjectPrompts inject={def} />
                  </td>
                  <td>{inj.audience}</td>
                  <td>{inj.status === 'fired' ? 'Fired' : inj.status === 'skipped' ? 'Skipped' : 'Pending'}{inj.edited ? ' (edited)' : ''}</td>
                  <td>
                    {inj.status === 'pending' && !finished && (
                      <div className="ex-row">
                        <button type="button" className="button wr-small-button" aria-label={`Fire now: ${inj.title}`} onClick={() => void useExercises.getState().inject('fire', inj.id)}>
                          Fire now
                        </button>
                        <button type="button" className="button wr-small-button" aria-label={`Skip: ${inj.title}`} onClick={() => void useExercises.getState().inject('skip', inj.id)}>
                          Skip
                        </button>
                        <button type="button" className="button wr-small-button" aria-label={`Edit text: ${inj.title}`} onClick={() => setEditing({ id: inj.id, text: inj.text })}>
                          Edit text
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="ex-panel" aria-labelledby="ex-score">
        <h2 id="ex-score">Live scoring</h2>
        <p className="ex-score-line" data-testid="exercise-score">
          Score <strong>{score.score}</strong>/100 · {score.actions.hit} of {score.actions.total} expected actions on time · {score.actions.late} late · {score.actions.missed} missed ·{' '}
          {score.actions.pending} waiting
        </p>
        <p className="muted small">
          The score counts only the expected actions the record can judge{score.actions.assess > 0 ? `; ${score.actions.assess} about what a note says are left to the evaluator` : ''}. Beside it, not part of
          it: time to detect {score.durations.toDetect === null ? '—' : formatExerciseTime(score.durations.toDetect)} · contain{' '}
          {score.durations.toContain === null ? '—' : formatExerciseTime(score.durations.toContain)} · resolve{' '}
          {score.durations.toResolve === null ? '—' : formatExerciseTime(score.durations.toResolve)} · checklist {score.checklist.done}/{score.checklist.total}
        </p>
        <table className="ex-table" aria-label="Expected actions">
          <thead>
            <tr>
              <th>Inject</th>
              <th>Expected action</th>
              <th>Deadline</th>
              <th>Response</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {score.injects.flatMap((inj) =>
              inj.expectations.map((e, k) => (
                <tr key={`${inj.injectId}-${k}`} className={`ex-result-${e.status}`}>
                  <td>{inj.title}</td>
                  <td>{e.description}</td>
                  <td>{formatExerciseTime(e.deadlineMs).replace('T+', '')}</td>
                  <td>{e.responseMs === null ? '—' : formatExerciseTime(e.responseMs).replace('T+', '')}</td>
                  <td>
                    {statusText[e.status]}
                    {e.status === 'assess' && <span className="muted small">{e.candidate ? ` — first candidate note: “${e.candidate.slice(0, 140)}”` : ' — no candidate note'}</span>}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
        <div className="ex-row">
          <button type="button" className="button" onClick={() => void useExercises.getState().report('md')}>
            Download after-action report (Markdown)
          </button>
          <button type="button" className="button" onClick={() => void useExercises.getState().report('pdf')}>
            Download after-action report (PDF)
          </button>
        </div>
      </section>

      <DiscussionPanel view={view} />
      <ObjectivesPanel view={view} />
      <HotWashPanel view={view} />
      <ImprovementPlanPanel view={view} />

      <section className="ex-panel" aria-labelledby="ex-notes">
        <h2 id="ex-notes">Facilitator notes</h2>
        <label htmlFor={notesId} className="visually-hidden">
          Facilitator notes
        </label>
        <textarea id={notesId} rows={5} value={notes ?? view.notes} onChange={(e) => setNotes(e.target.value)} />
        <button
          type="button"
          className="button"
          disabled={notes === null || notes === view.notes}
          onClick={() => void useExercises.getState().saveNotes(notes ?? '').then(() => setNotes(null))}
        >
          Save notes
        </button>
      </section>
    </section>
  );
}
