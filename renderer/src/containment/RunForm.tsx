import { useId, useState } from 'react';
import type { ListedAction, RunPlan } from '../../../shared/containment/model';
import { checkParamValue } from '../../../shared/containment/validate';
import type { RunOutcome } from './containment-store';
import { ParamInput } from './ParamInput';
import { PlanView } from './PlanView';

export interface RunFormProps {
  action: ListedAction;
  exercise: boolean;
  dryRun(params: Record<string, string>): Promise<{ plan: RunPlan } | { error: string }>;
  /** Asks the main process to run; with the token it gave, runs the plan the person confirmed. */
  run(params: Record<string, string>, confirmation?: string): Promise<RunOutcome>;
}

/**
 * Parameters with inline checks, Dry run, and Run. Whether a run must be confirmed is the main
 * process's call: it answers with the exact plan (and a one-time token) or, in the desktop app,
 * asks in a native dialog itself. The page only shows what it was given.
 */
export function RunForm({ action, exercise, dryRun, run }: RunFormProps) {
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [plan, setPlan] = useState<RunPlan | null>(null);
  const [confirming, setConfirming] = useState<{ plan: RunPlan; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only a hint for the button's "…": the main process decides, and says so when asked to run.
  const mayNeedConfirmation = action.destructive || action.mode === 'snippet' || action.handsToShell;
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

  async function start(confirmation?: string) {
    setBusy(true);
    const outcome = await run(params(), confirmation);
    setBusy(false);
    setConfirming(null);
    setNotice(null);
    setError('error' in outcome ? outcome.error : null);
    if ('confirm' in outcome) setConfirming({ plan: outcome.confirm, token: outcome.token });
    if ('declined' in outcome) setNotice('Not run: it was cancelled in the confirmation.');
  }

  async function onRun() {
    showAll();
    if (valid) await start();
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
            setConfirming(null);
          }}
        />
      ))}
      <div className="act-buttons">
        <button type="button" className="button" disabled={busy} onClick={() => void onDryRun()}>
          Dry run
        </button>
        <button type="submit" className={`button button-primary${action.destructive ? ' act-danger' : ''}`} disabled={busy || cannotRun}>
          {exercise ? 'Simulate' : 'Run'}
          {mayNeedConfirmation ? '…' : ''}
        </button>
        {action.destructive && <span className="pill pill-bad">Destructive</span>}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="small" role="status">
          {notice}
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
          <PlanView plan={confirming.plan} />
          <div className="act-buttons">
            <button type="button" className={`button button-primary${action.destructive ? ' act-danger' : ''}`} autoFocus disabled={busy} onClick={() => void start(confirming.token)}>
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
