import type { ActionParam } from '../../../shared/containment/model';

const kindHints: Record<ActionParam['kind'], string> = {
  string: 'text, one line',
  identifier: 'an id: letters, digits, . _ : @ / + = , -',
  ip: 'an IP address',
  cidr: 'a network like 192.0.2.0/24',
  hostname: 'a host name',
  path: 'a file or folder path',
  enum: 'one of the listed values',
  integer: 'a whole number',
  regex: 'text matching a pattern',
};

export function hintOf(param: ActionParam): string {
  if (param.kind === 'regex') return `matches ${param.pattern ?? ''}`;
  if (param.kind === 'integer' && (param.min !== undefined || param.max !== undefined)) return `a whole number${param.min !== undefined ? ` ≥ ${param.min}` : ''}${param.max !== undefined ? ` ≤ ${param.max}` : ''}`;
  return kindHints[param.kind];
}

/** One typed parameter input with its inline validation message. */
export function ParamInput({ id, param, value, error, onChange }: { id: string; param: ActionParam; value: string; error: string | null; onChange(value: string): void }) {
  const label = param.label && param.label !== param.name ? `${param.label} (${param.name})` : param.name;
  const describedBy = `${id}-hint${error ? ` ${id}-error` : ''}`;
  return (
    <div className="act-field">
      <label htmlFor={id}>{label}</label>
      {param.kind === 'enum' ? (
        <select id={id} className="wr-input" value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {(param.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          className="wr-input act-mono"
          value={value}
          inputMode={param.kind === 'integer' ? 'numeric' : undefined}
          spellCheck={false}
          autoComplete="off"
          placeholder={param.placeholder ?? ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <span id={`${id}-hint`} className="muted small">
        {hintOf(param)}
      </span>
      {error && (
        <span id={`${id}-error`} className="act-field-error small">
          {error}
        </span>
      )}
    </div>
  );
}
