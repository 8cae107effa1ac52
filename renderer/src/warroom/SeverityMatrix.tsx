import { useId, useMemo, useState, type FormEvent } from 'react';
import { suggestLevel } from '../../../shared/playbook/suggest-level';
import type { Playbook, SeverityLevel } from '../../../shared/playbook/model';
import { severityClass } from './SeverityChip';

export interface SeverityMatrixProps {
  severities: Playbook['severities'];
  matrix: Playbook['matrix'];
  /** The incident's current level key. */
  current: string | null;
  /** The grid cell last chosen, when known, to highlight exactly that cell. */
  currentCell?: { row: string; column: string } | null;
  /** Called with the chosen level and a one-line rationale (required). */
  /** `cell` is the grid cell the call was made on, so it can be highlighted later. */
  onChoose(levelKey: string, rationale: string, cell?: { row: string; column: string }): void;
}

const codeAndName = (l: SeverityLevel) => (l.name && !l.code.toLowerCase().includes(l.name.toLowerCase()) ? `${l.code} ${l.name}` : l.code);

function LevelFacts({ level }: { level: SeverityLevel }) {
  return (
    <>
      <strong>{level.label}</strong>
      {level.description && <span>{level.description}</span>}
      <span>
        Response: {level.responseSla?.text ?? '—'} · Resolution: {level.resolutionSla?.text ?? '—'}
      </span>
      {level.examples.length > 0 && <span>e.g. {level.examples.join('; ')}</span>}
    </>
  );
}

/**
 * The severity call: the playbook's impact × urgency grid (or its indicator checklist) and a
 * plain list of levels. Choosing asks for a one-line rationale, which goes into the log.
 */
export function SeverityMatrix({ severities, matrix, current, currentCell, onChoose }: SeverityMatrixProps) {
  const id = useId();
  const byKey = useMemo(() => new Map(severities.map((l) => [l.key, l])), [severities]);
  const [pending, setPending] = useState<{ level: string; rationale: string; cell?: { row: string; column: string } } | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const start = (level: string, rationale = '', cell?: { row: string; column: string }) => {
    setPending({ level, rationale, ...(cell ? { cell } : {}) });
    setError(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!pending) return;
    if (pending.rationale.trim() === '') return setError('Give a one-line rationale: it is kept with the call.');
    onChoose(pending.level, pending.rationale.trim(), pending.cell);
    setPending(null);
  };

  const suggested = matrix?.kind === 'indicators' && ticked.length > 0 ? suggestLevel(matrix, severities, { indicators: ticked }) : undefined;
  const focusedLevel = focused ? byKey.get(focused) : undefined;
  const pendingLevel = pending ? byKey.get(pending.level) : undefined;

  return (
    <section className="wr-matrix" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="wr-section-title">
        Severity
      </h2>
      {matrix?.kind === 'grid' && (
        <table className="wr-grid">
          <caption className="visually-hidden">
            {matrix.rowAxis} by {matrix.columnAxis}: choose a cell to set the severity
          </caption>
          <thead>
            <tr>
              <th scope="col">
                {matrix.rowAxis} \ {matrix.columnAxis}
              </th>
              {matrix.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((r) => (
              <tr key={r}>
                <th scope="row">{r}</th>
                {matrix.columns.map((c) => {
                  const key = matrix.cells.find((x) => x.row === r && x.column === c)?.level;
                  const level = key ? byKey.get(key) : undefined;
                  if (!key || !level) return <td key={c} className="muted">—</td>;
                  const isCurrent = currentCell ? currentCell.row === r && currentCell.column === c : key === current;
                  const tipId = `${id}-tip`;
                  return (
                    <td key={c}>
                      <button
                        type="button"
                        className={`${severityClass(level.rank)} wr-cell${isCurrent ? ' wr-cell-current' : ''}`}
                        aria-label={`${matrix.rowAxis} ${r}, ${matrix.columnAxis} ${c}: ${level.code}`}
                        aria-current={isCurrent || undefined}
                        aria-describedby={focused === key ? tipId : undefined}
                        onMouseEnter={() => setFocused(key)}
                        onFocus={() => setFocused(key)}
                        onMouseLeave={() => setFocused(null)}
                        onBlur={() => setFocused(null)}
                        onClick={() => start(key, `${matrix.rowAxis} ${r}, ${matrix.columnAxis} ${c}`, { row: r, column: c })}
                      >
                        {level.code}
                        {isCurrent && <span aria-hidden="true"> ●</span>}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {matrix?.kind === 'grid' && (
        <div id={`${id}-tip`} role="tooltip" className="wr-tip" hidden={!focusedLevel}>
          {focusedLevel && <LevelFacts level={focusedLevel} />}
        </div>
      )}

      {matrix?.kind === 'indicators' && (
        <fieldset className="wr-indicators">
          <legend>What do you observe?</legend>
          {matrix.indicators.map((ind) => (
            <label key={ind.key} className="wr-check">
              <input
                type="checkbox"
                checked={ticked.includes(ind.key)}
                onChange={(e) => setTicked((t) => (e.target.checked ? [...t, ind.key] : t.filter((k) => k !== ind.key)))}
              />
              {ind.text}
            </label>
          ))}
          <p aria-live="polite" className="wr-suggestion">
            {suggested ? <>Suggested: <strong>{byKey.get(suggested)?.label ?? suggested}</strong></> : 'Tick what you observe to get a suggested level.'}
          </p>
          <button
            type="button"
            className="button button-primary"
            disabled={!suggested}
            onClick={() => suggested && start(suggested, matrix.indicators.filter((i) => ticked.includes(i.key)).map((i) => i.text).join('; '))}
          >
            {suggested ? `Set severity to ${byKey.get(suggested)?.code ?? suggested}` : 'Set severity'}
          </button>
        </fieldset>
      )}

      <div className="wr-levels" role="group" aria-label="Severity levels">
        {severities.map((l) => (
          <button key={l.key} type="button" className={`${severityClass(l.rank)} wr-level${l.key === current ? ' wr-cell-current' : ''}`} aria-current={l.key === current || undefined} aria-label={`Set ${codeAndName(l)}`} title={[l.description, l.responseSla ? `Response ${l.responseSla.text}` : ''].filter(Boolean).join(' · ')} onClick={() => start(l.key)}>
            {codeAndName(l)}
            {l.key === current && <span className="visually-hidden"> (current)</span>}
          </button>
        ))}
      </div>

      {pending && pendingLevel && (
        <form className="wr-form wr-rationale" onSubmit={submit} aria-label={`Set severity to ${pendingLevel.code}`}>
          <div className="wr-tip-inline">
            <LevelFacts level={pendingLevel} />
          </div>
          <label className="wr-field">
            <span>Why {pendingLevel.code}? (one line)</span>
            <input
              className="wr-input"
              autoFocus
              value={pending.rationale}
              onChange={(e) => setPending({ ...pending, rationale: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  setPending(null);
                }
              }}
            />
          </label>
          {error && (
            <p role="alert" className="wr-error">
              {error}
            </p>
          )}
          <div className="wr-actions">
            <button type="submit" className="button button-primary">
              Set {pendingLevel.code}
            </button>
            <button type="button" className="button" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
