import type { RunPlan } from '../../../shared/actions/model';

/** What would run, exactly: every argument on its own line (no quoting to misread), env names only. */
export function PlanView({ plan }: { plan: RunPlan }) {
  const snippet = plan.mode === 'snippet';
  return (
    <div className="act-plan">
      {snippet ? (
        <>
          <p className="small">
            Runs in <code>{plan.argv[0]}</code> as a fixed script; parameter values are passed only as environment variables:
          </p>
          <pre className="act-code" aria-label="Script">
            {plan.argv[2]}
          </pre>
        </>
      ) : (
        <>
          <p className="small">Runs without a shell, with exactly these arguments:</p>
          <ol className="act-argv" aria-label="Exact command">
            {plan.argv.map((arg, i) => (
              <li key={i}>
                <code>{arg}</code>
              </li>
            ))}
          </ol>
        </>
      )}
      <dl className="act-facts small">
        {plan.executable && (
          <>
            <dt>Program</dt>
            <dd>
              <code>{plan.executable}</code>
            </dd>
          </>
        )}
        <dt>Working folder</dt>
        <dd>
          <code>{plan.cwd}</code>
        </dd>
        <dt>Environment</dt>
        <dd>{plan.envNames.length > 0 ? plan.envNames.map((n) => <code key={n}>{n} </code>) : 'nothing added'}</dd>
        <dt>Timeout</dt>
        <dd>{plan.timeoutSeconds} s</dd>
      </dl>
      {plan.simulated && <p className="act-simulated small">Exercise: nothing will run; the simulated outcome is logged.</p>}
    </div>
  );
}
