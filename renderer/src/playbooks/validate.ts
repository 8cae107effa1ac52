import { playbookSchema, type Playbook } from '../../../shared/playbook/model';

export type FieldPath = readonly (string | number)[];

export interface FieldProblem {
  /** Dotted path into the playbook, e.g. "severities.0.label"; also the field's DOM id suffix. */
  path: string;
  /** Where the field is, for the error summary: "Severity level SEV1 › Label". */
  where: string;
  message: string;
}

export const pathKey = (path: FieldPath): string => path.join('.');
/** The DOM id of the control editing `path`. */
export const fieldId = (path: FieldPath): string => `pbf-${path.join('-')}`;

const fieldNames: Record<string, string> = {
  title: 'Title',
  label: 'Label',
  code: 'Code',
  name: 'Name',
  text: 'Text',
  command: 'Command',
  body: 'Body',
  minutes: 'minutes',
  placeholder: 'Placeholder',
  responseSla: 'Response SLA',
  resolutionSla: 'Resolution SLA',
  rows: 'Row label',
  columns: 'Column label',
  cells: 'Cell',
};

function describe(p: Playbook, path: FieldPath): string {
  const [section, index, ...rest] = path;
  const i = typeof index === 'number' ? index : -1;
  const parts: string[] = [];
  switch (section) {
    case 'severities':
      parts.push(`Severity level ${p.severities[i]?.code || i + 1}`);
      break;
    case 'phases': {
      const phase = p.phases[i];
      parts.push(`Phase ${phase?.name || i + 1}`);
      if (rest[0] === 'items' && typeof rest[1] === 'number') {
        parts.push(`item ${rest[1] + 1}`);
        rest.splice(0, 2);
      }
      break;
    }
    case 'roles':
      parts.push(`Role ${i + 1}`);
      break;
    case 'templates':
      parts.push(`Template ${p.templates[i]?.name || i + 1}`);
      break;
    case 'actions': {
      parts.push(`Action ${p.actions[i]?.name || i + 1}`);
      if (rest[0] === 'params' && typeof rest[1] === 'number') {
        parts.push(`parameter ${rest[1] + 1}`);
        rest.splice(0, 2);
      }
      break;
    }
    case 'matrix': {
      const m = p.matrix;
      const [a, b] = rest;
      if (index === 'rows' && typeof a === 'number') return `Severity matrix › Row ${a + 1} label`;
      if (index === 'columns' && typeof a === 'number') return `Severity matrix › Column ${a + 1} label`;
      if (index === 'cells' && m?.kind === 'grid' && typeof a === 'number' && typeof b === 'number') {
        return `Severity matrix › Cell ${m.rows[a] ?? a + 1} × ${m.columns[b] ?? b + 1}`;
      }
      return 'Severity matrix';
    }
    default:
      return fieldNames[String(section)] ?? String(section);
  }
  const last = rest
    .filter((x) => typeof x === 'string')
    .map((x) => fieldNames[x] ?? x)
    .join(' ');
  if (last) parts.push(last);
  return parts.join(' › ');
}

interface IssueLike {
  code: string;
  message: string;
  path: PropertyKey[];
  origin?: string;
  minimum?: unknown;
}

function humanMessage(issue: IssueLike): string {
  if (issue.code === 'too_small' && issue.origin === 'string') return 'Required.';
  if (issue.code === 'too_small' && issue.origin === 'number') return `Must be ${String(issue.minimum)} or more.`;
  if (issue.code === 'invalid_type') return 'Required.';
  return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
}

/** Schema problems plus the cross-references the schema cannot see. Empty when savable. */
export function validateDraft(p: Playbook): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: FieldPath, message: string) => {
    const key = pathKey(path);
    if (!problems.some((x) => x.path === key)) problems.push({ path: key, where: describe(p, path), message });
  };

  const parsed = playbookSchema.safeParse(p);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number');
      add(path, humanMessage(issue as unknown as IssueLike));
    }
  }

  const levelKeys = new Set(p.severities.map((l) => l.key));
  const m = p.matrix;
  if (m?.kind === 'grid') {
    m.rows.forEach((r, i) => {
      if (r.trim() === '') add(['matrix', 'rows', i], 'Required.');
      else if (m.rows.indexOf(r) !== i) add(['matrix', 'rows', i], 'Two rows have this label.');
    });
    m.columns.forEach((c, i) => {
      if (c.trim() === '') add(['matrix', 'columns', i], 'Required.');
      else if (m.columns.indexOf(c) !== i) add(['matrix', 'columns', i], 'Two columns have this label.');
    });
    m.cells.forEach((cell) => {
      const r = m.rows.indexOf(cell.row);
      const c = m.columns.indexOf(cell.column);
      if (r >= 0 && c >= 0 && !levelKeys.has(cell.level)) add(['matrix', 'cells', r, c], 'Choose one of the severity levels.');
    });
  }
  p.actions.forEach((a, i) => {
    const names = a.params.map((x) => x.name);
    names.forEach((n, j) => {
      if (n !== '' && names.indexOf(n) !== j) add(['actions', i, 'params', j, 'name'], 'Two parameters have this name.');
    });
  });
  return problems;
}

/** The DOM id of the control for a dotted problem path. */
export const fieldIdOf = (dotted: string): string => `pbf-${dotted.split('.').join('-')}`;
