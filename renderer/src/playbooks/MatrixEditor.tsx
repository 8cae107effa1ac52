import type { Playbook } from '../../../shared/playbook/model';
import {
  addColumn,
  addIndicator,
  addRow,
  newGrid,
  newIndicators,
  removeAt,
  removeColumn,
  removeRow,
  renameColumn,
  renameRow,
  replaceAt,
  setCell,
  toggleIndicatorLevel,
} from './draft-ops';
import { AddRow, RowTools, Section, SelectField, TextField } from './fields';

interface Props {
  playbook: Playbook;
  onChange(playbook: Playbook): void;
}

/** The severity matrix: a grid of level choices, or indicators ticked against levels. */
export function MatrixEditor({ playbook: p, onChange }: Props) {
  const m = p.matrix;
  const levelOptions = [{ value: '', label: '—' }, ...p.severities.map((l) => ({ value: l.key, label: l.label }))];

  if (m === null) {
    return (
      <Section id="pb-edit-matrix" title="Severity matrix">
        <p className="muted small">This playbook has no matrix for choosing a level.</p>
        <div className="pb-actions-row">
          <button type="button" className="button pb-small-button" onClick={() => onChange({ ...p, matrix: newGrid() })}>
            Add a grid (impact × urgency)
          </button>
          <button type="button" className="button pb-small-button" onClick={() => onChange({ ...p, matrix: newIndicators(p) })}>
            Add an indicator list
          </button>
        </div>
      </Section>
    );
  }

  const removeMatrix = (
    <button type="button" className="button pb-small-button" onClick={() => onChange({ ...p, matrix: null })}>
      Remove matrix
    </button>
  );

  if (m.kind === 'indicators') {
    const order = p.severities.map((l) => l.key);
    return (
      <Section id="pb-edit-matrix" title="Severity matrix">
        <div className="pb-table-wrap">
          <table className="pb-table">
            <caption className="visually-hidden">Indicators and the levels they point to</caption>
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                {p.severities.map((l) => (
                  <th key={l.key} scope="col">
                    {l.label}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {m.indicators.map((indicator, i) => (
                <tr key={indicator.key}>
                  <th scope="row">
                    <TextField
                      path={['matrix', 'indicators', i, 'text']}
                      label={`Indicator ${i + 1}`}
                      hideLabel
                      value={indicator.text}
                      onChange={(text) => onChange({ ...p, matrix: { ...m, indicators: replaceAt(m.indicators, i, { ...indicator, text }) } })}
                    />
                  </th>
                  {p.severities.map((l) => (
                    <td key={l.key} className="pb-center">
                      <input
                        type="checkbox"
                        aria-label={`${indicator.text || `Indicator ${i + 1}`} points to ${l.label}`}
                        checked={indicator.levels.includes(l.key)}
                        onChange={(e) => onChange({ ...p, matrix: toggleIndicatorLevel(m, i, l.key, e.target.checked, order) })}
                      />
                    </td>
                  ))}
                  <td>
                    <RowTools
                      name={`indicator ${i + 1}`}
                      index={i}
                      count={m.indicators.length}
                      onRemove={() => onChange({ ...p, matrix: { ...m, indicators: removeAt(m.indicators, i) } })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <AddRow label="New indicator" buttonLabel="Add indicator" onAdd={(text) => onChange({ ...p, matrix: addIndicator(m, text) })} />
        <div className="pb-actions-row">{removeMatrix}</div>
      </Section>
    );
  }

  const setGrid = (grid: typeof m) => onChange({ ...p, matrix: grid });
  const levelOf = (row: string, column: string) => m.cells.find((c) => c.row === row && c.column === column)?.level ?? '';
  return (
    <Section id="pb-edit-matrix" title="Severity matrix">
      <div className="pb-grid pb-grid-2">
        <TextField path={['matrix', 'rowAxis']} label="Row axis" value={m.rowAxis} onChange={(rowAxis) => setGrid({ ...m, rowAxis })} />
        <TextField path={['matrix', 'columnAxis']} label="Column axis" value={m.columnAxis} onChange={(columnAxis) => setGrid({ ...m, columnAxis })} />
      </div>
      <div className="pb-table-wrap">
        <table className="pb-table pb-matrix-table">
          <caption className="visually-hidden">
            {m.rowAxis} by {m.columnAxis}: the level each combination means
          </caption>
          <thead>
            <tr>
              <td className="pb-corner muted small">
                {m.rowAxis} \ {m.columnAxis}
              </td>
              {m.columns.map((column, c) => (
                <th key={c} scope="col">
                  <div className="pb-header-cell">
                    <TextField
                      path={['matrix', 'columns', c]}
                      label={`${m.columnAxis || 'Column'} ${c + 1} label`}
                      hideLabel
                      value={column}
                      onChange={(label) => setGrid(renameColumn(m, c, label))}
                    />
                    <RowTools name={`column ${column || c + 1}`} index={c} count={m.columns.length} onRemove={() => setGrid(removeColumn(m, c))} />
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.rows.map((row, r) => (
              <tr key={r}>
                <th scope="row">
                  <div className="pb-header-cell">
                    <TextField
                      path={['matrix', 'rows', r]}
                      label={`${m.rowAxis || 'Row'} ${r + 1} label`}
                      hideLabel
                      value={row}
                      onChange={(label) => setGrid(renameRow(m, r, label))}
                    />
                    <RowTools name={`row ${row || r + 1}`} index={r} count={m.rows.length} onRemove={() => setGrid(removeRow(m, r))} />
                  </div>
                </th>
                {m.columns.map((column, c) => {
                  const level = levelOf(row, column);
                  const known = levelOptions.some((o) => o.value === level);
                  return (
                    <td key={c}>
                      <SelectField
                        path={['matrix', 'cells', r, c]}
                        label={`${m.rowAxis} ${row}, ${m.columnAxis} ${column}`}
                        hideLabel
                        value={level}
                        options={known ? levelOptions : [...levelOptions, { value: level, label: `${level} (no such level)` }]}
                        onChange={(next) => setGrid(setCell(m, row, column, next === '' ? null : next))}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pb-actions-row">
        <button type="button" className="button pb-small-button" onClick={() => setGrid(addRow(m))}>
          Add row
        </button>
        <button type="button" className="button pb-small-button" onClick={() => setGrid(addColumn(m))}>
          Add column
        </button>
        {removeMatrix}
      </div>
    </Section>
  );
}

