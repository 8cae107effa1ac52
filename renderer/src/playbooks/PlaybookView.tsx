import { useEffect, useRef } from 'react';
import type { Playbook } from '../../../shared/playbook/model';
import type { PlaybookSummary } from '../../../shared/playbook/library';
import { countsOf, plural } from './draft-ops';
import { formatSla, formatWhen } from './format';
import { levelName } from './PlaybookEditor';
import { usePlaybooks } from './playbooks-store';

/** One saved version, read-only, with the playbook's version history beside it. */
export function PlaybookView({ focusHeading }: { focusHeading: boolean }) {
  const current = usePlaybooks((s) => s.current);
  const versions = usePlaybooks((s) => s.versions);
  const loading = usePlaybooks((s) => s.loading);
  const error = usePlaybooks((s) => s.viewError);
  const open = usePlaybooks((s) => s.open);
  const startEdit = usePlaybooks((s) => s.startEdit);
  const showLibrary = usePlaybooks((s) => s.showLibrary);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = current !== null;

  useEffect(() => {
    if (focusHeading && shown) heading.current?.focus();
  }, [focusHeading, shown]);

  const back = (
    <button type="button" className="button pb-small-button pb-back" onClick={showLibrary}>
      <span aria-hidden="true">← </span>All playbooks
    </button>
  );

  if (!current) {
    return (
      <section className="pb-view" aria-busy={loading}>
        {back}
        {loading && <p className="muted">Loading the playbook…</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </section>
    );
  }

  const p = current.playbook;
  const latest = versions.reduce((n, v) => Math.max(n, v.version), current.version);
  return (
    <section className="pb-view" aria-labelledby="pb-view-title" aria-busy={loading}>
      {back}
      <header className="pb-view-header">
        <div>
          <h2 id="pb-view-title" ref={heading} tabIndex={-1} className="pb-view-title">
            {current.title}
          </h2>
          <p className="pb-meta">
            <span className="pb-badge">Version {current.version}</span>
            {current.builtIn && <span className="pb-badge pb-badge-builtin">Built-in</span>}
            <span className="muted small">
              Saved <time dateTime={current.savedAt}>{formatWhen(current.savedAt)}</time> by {current.savedBy}
            </span>
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={startEdit}>
          Edit
        </button>
      </header>
      {current.version < latest && (
        <p className="pb-notice" role="status">
          This is version {current.version}; the newest is {latest}. Editing it saves version {latest + 1}.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="pb-view-layout">
        <div className="pb-view-main">
          <Overview playbook={p} />
          {current.unparsed.length > 0 && (
            <p className="muted small">
              {plural(current.unparsed.length, 'part')} of the source Markdown {current.unparsed.length === 1 ? 'was' : 'were'} not understood at import and
              {current.unparsed.length === 1 ? ' is' : ' are'} kept with this version.
            </p>
          )}
        </div>
        <VersionHistory id={current.id} shown={current.version} versions={versions} onPick={(v) => void open(current.id, v)} />
      </div>
    </section>
  );
}

function VersionHistory({ id, shown, versions, onPick }: { id: string; shown: number; versions: PlaybookSummary[]; onPick(version: number): void }) {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  return (
    <aside className="pb-history card" aria-labelledby="pb-history-title">
      <h3 id="pb-history-title" className="pb-section-title">
        Version history
      </h3>
      {sorted.length === 0 ? (
        <p className="muted small">No other versions.</p>
      ) : (
        <ol className="pb-history-list" aria-label={`Versions of ${id}`}>
          {sorted.map((v) => (
            <li key={v.version}>
              <button
                type="button"
                className="pb-history-button"
                aria-current={v.version === shown ? 'true' : undefined}
                onClick={() => onPick(v.version)}
              >
                <span className="pb-history-version">Version {v.version}</span>
                <span className="muted small">
                  {formatWhen(v.savedAt)} · {v.savedBy}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}

/** The playbook's parts as the incident screens will use them. */
export function Overview({ playbook: p }: { playbook: Playbook }) {
  const c = countsOf(p);
  const levelLabel = (key: string) => p.severities.find((l) => l.key === key)?.label ?? key;
  const m = p.matrix;
  return (
    <div className="pb-overview">
      <p className="pb-summary">
        {plural(c.levels, 'level')}, {plural(c.phases, 'phase')} ({plural(c.items, 'item')}), {plural(c.roles, 'role')}, {plural(c.actions, 'action')}
      </p>
      {p.description && <p className="muted">{p.description}</p>}

      <section className="pb-section" aria-labelledby="pb-view-levels">
        <h3 id="pb-view-levels" className="pb-section-title">
          Severity levels
        </h3>
        {p.severities.length === 0 ? (
          <p className="muted small">None.</p>
        ) : (
          <div className="pb-table-wrap">
            <table className="pb-table">
              <thead>
                <tr>
                  <th scope="col">Level</th>
                  <th scope="col">Description</th>
                  <th scope="col">Response SLA</th>
                  <th scope="col">Resolution SLA</th>
                  <th scope="col">Notify</th>
                </tr>
              </thead>
              <tbody>
                {p.severities.map((l) => (
                  <tr key={l.key}>
                    <th scope="row">{levelName(l)}</th>
                    <td>{l.description}</td>
                    <td>{formatSla(l.responseSla)}</td>
                    <td>{formatSla(l.resolutionSla)}</td>
                    <td>{l.notify.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="pb-section" aria-labelledby="pb-view-matrix">
        <h3 id="pb-view-matrix" className="pb-section-title">
          Severity matrix
        </h3>
        {m === null && <p className="muted small">None.</p>}
        {m?.kind === 'grid' && (
          <div className="pb-table-wrap">
            <table className="pb-table pb-matrix-table">
              <caption className="visually-hidden">
                {m.rowAxis} by {m.columnAxis}
              </caption>
              <thead>
                <tr>
                  <td className="pb-corner muted small">
                    {m.rowAxis} \ {m.columnAxis}
                  </td>
                  {m.columns.map((col, i) => (
                    <th key={i} scope="col">
                      {col}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {m.rows.map((row, r) => (
                  <tr key={r}>
                    <th scope="row">{row}</th>
                    {m.columns.map((col, i) => {
                      const level = m.cells.find((x) => x.row === row && x.column === col)?.level;
                      return <td key={i}>{level ? levelLabel(level) : '—'}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {m?.kind === 'indicators' && (
          <ul className="pb-plain-list">
            {m.indicators.map((x) => (
              <li key={x.key}>
                {x.text} <span className="muted">→ {x.levels.map(levelLabel).join(', ') || '—'}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="pb-section" aria-labelledby="pb-view-phases">
        <h3 id="pb-view-phases" className="pb-section-title">
          Phases
        </h3>
        {p.phases.map((phase, i) => (
          <div key={phase.key} className="pb-phase">
            <h4 className="pb-phase-title">
              <span className="pb-rank">{i + 1}</span> {phase.name}
            </h4>
            {phase.goal && <p className="muted small pb-goal">{phase.goal}</p>}
            <ul className="pb-checklist">
              {phase.items.map((item) => (
                <li key={item.key}>
                  {item.text}
                  {item.role && <span className="pb-tag">{item.role}</span>}
                  {item.actionKey && <span className="pb-tag pb-tag-action">runs {p.actions.find((a) => a.key === item.actionKey)?.name ?? item.actionKey}</span>}
                </li>
              ))}
            </ul>
          </div>
        ))}
        {p.phases.length === 0 && <p className="muted small">None.</p>}
      </section>

      <section className="pb-section" aria-labelledby="pb-view-roles">
        <h3 id="pb-view-roles" className="pb-section-title">
          Roles
        </h3>
        {p.roles.length === 0 ? (
          <p className="muted small">None.</p>
        ) : (
          <dl className="pb-roles">
            {p.roles.map((r) => (
              <div key={r.key}>
                <dt>{r.name}</dt>
                <dd>{r.duties.join(' ') || '—'}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <section className="pb-section" aria-labelledby="pb-view-templates">
        <h3 id="pb-view-templates" className="pb-section-title">
          Templates
        </h3>
        {p.templates.length === 0 && <p className="muted small">None.</p>}
        {p.templates.map((t) => (
          <details key={t.key} className="pb-template">
            <summary>
              {t.name} <span className="pb-tag">{t.kind}</span>
              {t.audience && <span className="muted small"> to {t.audience}</span>}
            </summary>
            {t.subject && <p className="small">Subject: {t.subject}</p>}
            <pre className="pb-pre">{t.body}</pre>
          </details>
        ))}
      </section>

      <section className="pb-section" aria-labelledby="pb-view-actions">
        <h3 id="pb-view-actions" className="pb-section-title">
          Actions
        </h3>
        {p.actions.length === 0 && <p className="muted small">None.</p>}
        {p.actions.map((a) => (
          <div key={a.key} className="pb-action">
            <h4 className="pb-phase-title">
              {a.name} {a.destructive && <span className="pb-tag pb-tag-danger">destructive</span>}
            </h4>
            <pre className="pb-pre">{a.command}</pre>
            {a.params.length > 0 && (
              <p className="small">
                Parameters:{' '}
                {a.params.map((x, i) => (
                  <span key={i}>
                    {i > 0 && ', '}
                    <code>{x.name}</code> <span className="muted">({x.kind})</span>
                  </span>
                ))}
              </p>
            )}
          </div>
        ))}
      </section>
    </div>
  );
}
