import { useId, useState } from 'react';
import type { ActionView, RunPlan } from '../../../shared/actions/model';
import { checkParamValue } from '../../../shared/actions/validate';
import { ParamInput } from './ParamInput';
import { PlanView } from './PlanView';

export interface RunFormProps {
  action: ActionView;
  exercise: boolean;
  dryRun(params: Record<string, string>): Promise<{ plan: RunPlan } | { error: string }>;
  run(params: Record<string, string>, confirmed: boolean): Promise<string | null>;
}

/** Parameters with inline checks, Dry run, and Run (with a confirmation showing the exact command when needed). */
export function RunForm({ action, exercise, dryRun, run }: RunFormProps) {
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [plan, setPlan] = useState<RunPlan | null>(null);
  const [confirming, setConfirming] = useState<RunPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsConfirmation = action.destructive || action.mode === 'snippet';
  const cannotRun = action.source === 'playbook' && /cannot run/.test(action.description);

  const problems = Object.fromEntries(action.params.map((p) => [p.name, checkParamValue(p, values[p.name] ?? '')]));
  const valid = Object.values(problems).every((p) => p === null);
  const showAll = () => setTouched(Object.fromEntries(action.params.map((p) => [p.name, true])));
  const params = () => Object.fromEntries(action.params.map((p) => [p.name, values[p.name] ?? '']));

  async function onDryRun() {
    showAll();
    if (!valid) return;
    setBusy(true);
    const result = await dryRun(params());
    setBusy(false);
    setPlan('plan' in result ? result.plan : null);
    setError('error' in result ? result.error : null);
  }

  async function start(confirmed: boolean) {
    setBusy(true);
    const problem = await run(params(), confirmed);
    setBusy(false);
    setError(problem);
    setConfirming(null);
  }

  async function onRun() {
    showAll();
    if (!valid) return;
    if (!needsConfirmation) return start(false);
    // The confirmation shows what the main process says would run, not what the page assumes.
    setBusy(true);
    const result = await dryRun(params());
    setBusy(false);
    if ('error' in result) setError(result.error);
    else {
      setError(null);
      setConfirming(result.plan);
    }
  }

  return (
    <form
      className="act-run-form"
      aria-label={`Run ${action.name}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onRun();
      }}
    >
      {action.description && <p className="small">{action.description}</p>}
      {action.params.map((p) => (
        <ParamInput
          key={p.name}
          id={`${id}-${p.name}`}
          param={p}
          value={values[p.name] ?? ''}
          error={touched[p.name] ? (problems[p.name] ?? null) : null}
          onChange={(v) => {
            setValues((s) => ({ ...s, [p.name]: v }));
            setTouched((s) => ({ ...s, [p.name]: true }));
            setPlan(null);
          }}
        />
      ))}
      <div className="act-buttons">
        <button type="button" className="button" disabled={busy} onClick={() => void onDryRun()}>
          Dry run
        </button>
        <button type="submit" className={`button button-primary${action.destructive ? ' act-danger' : ''}`} disabled={busy || cannotRun}>
          {exercise ? 'Simulate' : 'Run'}
          {needsConfirmation ? '…' : ''}
        </button>
        {action.destructive && <span className="pill pill-bad">Destructive</span>}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {plan && !confirming && (
        <section aria-label="Dry run" className="act-dry-run">
          <h4 className="act-subtitle">Dry run: nothing ran</h4>
          <PlanView plan={plan} />
        </section>
      )}
      {confirming && (
        <div
          role="alertdialog"
          aria-modal="false"
          aria-labelledby={`${id}-confirm`}
          className="wr-panel card act-confirm"
          onKeyDown={(e) => e.key === 'Escape' && setConfirming(null)}
        >
          <h3 id={`${id}-confirm`} className="act-subtitle">
            {exercise ? 'Simulate' : 'Run'} “{action.name}”?
          </h3>
          {action.destructive && <p className="small act-warning">This action is marked destructive. Check the exact command before you run it.</p>}
          <PlanView plan={confirming} />
          <div className="act-buttons">
            <button type="button" className={`button button-primary${action.destructive ? ' act-danger' : ''}`} autoFocus disabled={busy} onClick={() => void start(true)}>
              {exercise ? 'Simulate it' : 'Run it'}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(null)}>
              Back
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
