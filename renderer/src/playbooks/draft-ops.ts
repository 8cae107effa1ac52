import type {
  Action,
  ActionParam,
  ChecklistItem,
  Phase,
  Playbook,
  Role,
  SeverityLevel,
  SeverityMatrix,
  Template,
} from '../../../shared/playbook/model';
import { slugify } from '../../../shared/playbook/slug';

// Pure, immutable edits of a draft playbook. Keys never change once given; a new entity
// gets a slug of its text, made unique within its list ("triage", "triage-2").

export function uniqueKey(text: string, taken: Iterable<string>, fallback = 'item'): string {
  const used = new Set(taken);
  const base = slugify(text, fallback);
  let candidate = base;
  for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

export function move<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length || index < 0 || index >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export const replaceAt = <T>(list: readonly T[], index: number, item: T): T[] =>
  list.map((x, i) => (i === index ? item : x));
export const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

// ---- severity levels ----

const rerank = (levels: SeverityLevel[]): SeverityLevel[] => levels.map((l, i) => (l.rank === i + 1 ? l : { ...l, rank: i + 1 }));

export function addLevel(p: Playbook, label: string): Playbook {
  const text = label.trim();
  const key = uniqueKey(text, p.severities.map((l) => l.key), 'level');
  const level: SeverityLevel = {
    key,
    label: text,
    code: text.split(/\s+/)[0] ?? text,
    name: '',
    rank: p.severities.length + 1,
    description: '',
    examples: [],
    responseSla: null,
    resolutionSla: null,
    notify: [],
  };
  return { ...p, severities: [...p.severities, level] };
}

export function updateLevel(p: Playbook, index: number, patch: Partial<SeverityLevel>): Playbook {
  const level = p.severities[index];
  return level ? { ...p, severities: replaceAt(p.severities, index, { ...level, ...patch }) } : p;
}

export function moveLevel(p: Playbook, index: number, delta: number): Playbook {
  return { ...p, severities: rerank(move(p.severities, index, delta)) };
}

/** Removes a level and every matrix reference to it. */
export function removeLevel(p: Playbook, index: number): Playbook {
  const key = p.severities[index]?.key;
  if (key === undefined) return p;
  let matrix: SeverityMatrix | null = p.matrix;
  if (matrix?.kind === 'grid') matrix = { ...matrix, cells: matrix.cells.filter((c) => c.level !== key) };
  if (matrix?.kind === 'indicators') {
    matrix = {
      ...matrix,
      levels: matrix.levels.filter((k) => k !== key),
      indicators: matrix.indicators.map((x) => ({ ...x, levels: x.levels.filter((k) => k !== key) })),
    };
  }
  return { ...p, severities: rerank(removeAt(p.severities, index)), matrix };
}

// ---- matrix ----

type Grid = Extract<SeverityMatrix, { kind: 'grid' }>;
type Indicators = Extract<SeverityMatrix, { kind: 'indicators' }>;

export function newGrid(): Grid {
  return { kind: 'grid', rowAxis: 'Impact', columnAxis: 'Urgency', rows: ['High', 'Low'], columns: ['High', 'Low'], cells: [] };
}

export function newIndicators(p: Playbook): Indicators {
  return { kind: 'indicators', levels: p.severities.map((l) => l.key), indicators: [] };
}

export function setCell(grid: Grid, row: string, column: string, level: string | null): Grid {
  const cells = grid.cells.filter((c) => !(c.row === row && c.column === column));
  if (level !== null) {
    const at = grid.cells.findIndex((c) => c.row === row && c.column === column);
    const cell = { row, column, level };
    if (at >= 0) cells.splice(at, 0, cell);
    else cells.push(cell);
  }
  return { ...grid, cells };
}

export function renameRow(grid: Grid, index: number, label: string): Grid {
  const old = grid.rows[index];
  if (old === undefined) return grid;
  // Cells follow the row unless another row still carries the old label.
  const shared = grid.rows.some((r, i) => i !== index && r === old);
  return {
    ...grid,
    rows: replaceAt(grid.rows, index, label),
    cells: shared ? grid.cells : grid.cells.map((c) => (c.row === old ? { ...c, row: label } : c)),
  };
}

export function renameColumn(grid: Grid, index: number, label: string): Grid {
  const old = grid.columns[index];
  if (old === undefined) return grid;
  const shared = grid.columns.some((r, i) => i !== index && r === old);
  return {
    ...grid,
    columns: replaceAt(grid.columns, index, label),
    cells: shared ? grid.cells : grid.cells.map((c) => (c.column === old ? { ...c, column: label } : c)),
  };
}

const freshLabel = (taken: readonly string[], base: string): string => {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`${base} ${n}`)) return `${base} ${n}`;
};

export const addRow = (grid: Grid): Grid => ({ ...grid, rows: [...grid.rows, freshLabel(grid.rows, 'Row')] });
export const addColumn = (grid: Grid): Grid => ({ ...grid, columns: [...grid.columns, freshLabel(grid.columns, 'Column')] });

export function removeRow(grid: Grid, index: number): Grid {
  const label = grid.rows[index];
  const rows = removeAt(grid.rows, index);
  return { ...grid, rows, cells: rows.includes(label ?? '') ? grid.cells : grid.cells.filter((c) => c.row !== label) };
}

export function removeColumn(grid: Grid, index: number): Grid {
  const label = grid.columns[index];
  const columns = removeAt(grid.columns, index);
  return { ...grid, columns, cells: columns.includes(label ?? '') ? grid.cells : grid.cells.filter((c) => c.column !== label) };
}

export function addIndicator(m: Indicators, text: string): Indicators {
  const key = uniqueKey(text, m.indicators.map((x) => x.key), 'indicator');
  return { ...m, indicators: [...m.indicators, { key, text: text.trim(), levels: [] }] };
}

export function toggleIndicatorLevel(m: Indicators, index: number, levelKey: string, on: boolean, order: readonly string[]): Indicators {
  const indicator = m.indicators[index];
  if (!indicator) return m;
  const set = new Set(indicator.levels);
  if (on) set.add(levelKey);
  else set.delete(levelKey);
  const levels = order.filter((k) => set.has(k));
  return {
    ...m,
    levels: m.levels.includes(levelKey) || !on ? m.levels : order.filter((k) => k === levelKey || m.levels.includes(k)),
    indicators: replaceAt(m.indicators, index, { ...indicator, levels }),
  };
}

// ---- phases and items ----

export function addPhase(p: Playbook, name: string): Playbook {
  const key = uniqueKey(name, p.phases.map((x) => x.key), 'phase');
  const phase: Phase = { key, name: name.trim(), goal: '', description: '', owner: null, items: [] };
  return { ...p, phases: [...p.phases, phase] };
}

export function updatePhase(p: Playbook, index: number, patch: Partial<Phase>): Playbook {
  const phase = p.phases[index];
  return phase ? { ...p, phases: replaceAt(p.phases, index, { ...phase, ...patch }) } : p;
}

export function removePhase(p: Playbook, index: number): Playbook {
  const key = p.phases[index]?.key;
  return {
    ...p,
    phases: removeAt(p.phases, index),
    actions: p.actions.map((a) => (a.phaseKey === key ? { ...a, phaseKey: null } : a)),
  };
}

export function addItem(phase: Phase, text: string): Phase {
  const key = uniqueKey(text, phase.items.map((x) => x.key), 'item');
  const item: ChecklistItem = { key, text: text.trim(), role: null, actionKey: null, details: [] };
  return { ...phase, items: [...phase.items, item] };
}

export function updateItem(phase: Phase, index: number, patch: Partial<ChecklistItem>): Phase {
  const item = phase.items[index];
  return item ? { ...phase, items: replaceAt(phase.items, index, { ...item, ...patch }) } : phase;
}

// ---- roles, templates, actions ----

export function addRole(p: Playbook, name: string): Playbook {
  const role: Role = { key: uniqueKey(name, p.roles.map((x) => x.key), 'role'), name: name.trim(), duties: [] };
  return { ...p, roles: [...p.roles, role] };
}

export function addTemplate(p: Playbook, name: string): Playbook {
  const template: Template = {
    key: uniqueKey(name, p.templates.map((x) => x.key), 'template'),
    name: name.trim(),
    kind: 'communication',
    audience: null,
    subject: null,
    body: '',
  };
  return { ...p, templates: [...p.templates, template] };
}

export function addAction(p: Playbook, name: string): Playbook {
  const action: Action = {
    key: uniqueKey(name, p.actions.map((x) => x.key), 'action'),
    name: name.trim(),
    command: '',
    language: '',
    params: [],
    phaseKey: null,
    destructive: false,
    line: 1,
  };
  return { ...p, actions: [...p.actions, action] };
}

/** Removes an action and unlinks the checklist items that ran it. */
export function removeAction(p: Playbook, index: number): Playbook {
  const key = p.actions[index]?.key;
  return {
    ...p,
    actions: removeAt(p.actions, index),
    phases: p.phases.map((phase) =>
      phase.items.some((i) => i.actionKey === key)
        ? { ...phase, items: phase.items.map((i) => (i.actionKey === key ? { ...i, actionKey: null } : i)) }
        : phase,
    ),
  };
}

export function newParam(action: Action): ActionParam {
  const taken = new Set(action.params.map((x) => x.name));
  let name = 'PARAM';
  for (let n = 2; taken.has(name); n++) name = `PARAM_${n}`;
  return { name, kind: 'text', placeholder: `<${name}>` };
}

/** Renames a parameter; a placeholder that was written as <NAME> follows the new name. */
export function renameParam(param: ActionParam, name: string): ActionParam {
  const follows = param.placeholder === `<${param.name}>` || param.placeholder === '';
  return { ...param, name, placeholder: follows && name !== '' ? `<${name}>` : param.placeholder };
}

// ---- counts ----

export interface DraftCounts {
  levels: number;
  phases: number;
  items: number;
  roles: number;
  actions: number;
}

export const countsOf = (p: Playbook): DraftCounts => ({
  levels: p.severities.length,
  phases: p.phases.length,
  items: p.phases.reduce((n, phase) => n + phase.items.length, 0),
  roles: p.roles.length,
  actions: p.actions.length,
});

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
