import type { RunPlan } from '../../../shared/containment/model';

/**
 * What would run, exactly: every argument on its own line (no quoting to misread), then every
 * layer that will parse part of it as code (a shell, a remote shell) with the exact text it will
 * parse, the values as typed, and the names (never the values) of the environment added.
 */
export function PlanView({ plan }: { plan: RunPlan }) {
  const snippet = plan.mode === 'snippet';
  const params = Object.entries(plan.params);
  return (
    <div className="act-plan">
      {snippet ? (
        <p className="small">
          Runs in <code>{plan.argv[0]}</code> as a fixed script; parameter values are passed only as environment variables.
        </p>
      ) : (
        <>
          <p className="small">{plan.layers.length > 0 ? 'Runs with exactly these arguments:' : 'Runs without a shell, with exactly these arguments:'}</p>
          <ol className="act-argv" aria-label="Exact command">
            {plan.argv.map((arg, i) => (
              <li key={i}>
                <code>{arg}</code>
              </li>
            ))}
          </ol>
        </>
      )}
      {plan.layers.map((layer, i) => (
        <section key={i} className="act-layer" style={{ marginLeft: `${(layer.depth - 1) * 1}rem` }} aria-label={`Code parsed by ${layer.parser}`}>
          <p className="small">
            <strong>{layer.parser}</strong> will parse{i === 0 && snippet ? ' this script' : ''}:
          </p>
          <pre className="act-code" aria-label={i === 0 && snippet ? 'Script' : `Text for ${layer.parser}`}>
            {layer.text}
          </pre>
        </section>
      ))}
      <dl className="act-facts small">
        {params.length > 0 && (
          <>
            <dt>Values</dt>
            <dd>
              {params.map(([name, value]) => (
                <span key={name} className="act-value">
                  {name} = <code>{value}</code>
                </span>
              ))}
            </dd>
          </>
        )}
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
