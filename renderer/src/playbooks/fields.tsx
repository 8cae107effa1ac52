import { createContext, useContext, useState, type KeyboardEvent, type ReactNode } from 'react';
import { fieldId, pathKey, type FieldPath } from './validate';

/** Field problems by dotted path; empty until the user first tries to save. */
export const FieldErrors = createContext<ReadonlyMap<string, string>>(new Map());

function useFieldError(path: FieldPath) {
  const errors = useContext(FieldErrors);
  const id = fieldId(path);
  const error = errors.get(pathKey(path));
  return {
    id,
    error,
    aria: { 'aria-invalid': error !== undefined, 'aria-describedby': error !== undefined ? `${id}-error` : undefined },
  };
}

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return error === undefined ? null : (
    <span id={`${id}-error`} className="field-error pb-field-error">
      {error}
    </span>
  );
}

interface TextFieldProps {
  path: FieldPath;
  label: string;
  value: string;
  onChange(value: string): void;
  /** Keeps the label for screen readers only, in dense rows. */
  hideLabel?: boolean;
  multiline?: boolean;
  rows?: number;
  mono?: boolean;
  placeholder?: string;
  className?: string;
}

export function TextField({ path, label, value, onChange, hideLabel, multiline, rows, mono, placeholder, className }: TextFieldProps) {
  const { id, error, aria } = useFieldError(path);
  const inputClass = `pb-input${mono ? ' pb-mono' : ''}`;
  // Labels wrap their control (no `for`): as accessible, and cheap for jsdom to resolve.
  return (
    <div className={`pb-field ${className ?? ''}`}>
      <label className="pb-field-label">
        <span className={hideLabel ? 'visually-hidden' : 'pb-label'}>{label}</span>
        {multiline ? (
          <textarea
            id={id}
            className={inputClass}
            value={value}
            rows={rows ?? 3}
            placeholder={placeholder}
            spellCheck={!mono}
            onChange={(e) => onChange(e.target.value)}
            {...aria}
          />
        ) : (
          <input
            id={id}
            className={inputClass}
            type="text"
            value={value}
            placeholder={placeholder}
            spellCheck={!mono}
            onChange={(e) => onChange(e.target.value)}
            {...aria}
          />
        )}
      </label>
      <ErrorText id={id} error={error} />
    </div>
  );
}

interface NumberFieldProps {
  path: FieldPath;
  label: string;
  value: number | null;
  onChange(value: number | null): void;
  hideLabel?: boolean;
  className?: string;
}

export function NumberField({ path, label, value, onChange, hideLabel, className }: NumberFieldProps) {
  const { id, error, aria } = useFieldError(path);
  return (
    <div className={`pb-field ${className ?? ''}`}>
      <label className="pb-field-label">
        <span className={hideLabel ? 'visually-hidden' : 'pb-label'}>{label}</span>
        <input
          id={id}
          className="pb-input pb-number"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={value ?? ''}
          onChange={(e) => {
            const n = e.target.value === '' ? null : Number(e.target.value);
            onChange(n === null || Number.isNaN(n) ? null : n);
          }}
          {...aria}
        />
      </label>
      <ErrorText id={id} error={error} />
    </div>
  );
}

interface SelectFieldProps {
  path: FieldPath;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
  hideLabel?: boolean;
  className?: string;
}

export function SelectField({ path, label, value, options, onChange, hideLabel, className }: SelectFieldProps) {
  const { id, error, aria } = useFieldError(path);
  return (
    <div className={`pb-field ${className ?? ''}`}>
      <label className="pb-field-label">
        <span className={hideLabel ? 'visually-hidden' : 'pb-label'}>{label}</span>
        <select id={id} className="pb-input pb-select" value={value} onChange={(e) => onChange(e.target.value)} {...aria}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <ErrorText id={id} error={error} />
    </div>
  );
}

/** A small text box plus button that adds a named entity; Enter adds too. */
export function AddRow({ label, buttonLabel, onAdd }: { label: string; buttonLabel: string; onAdd(text: string): void }) {
  const [text, setText] = useState('');
  const add = () => {
    if (text.trim() === '') return;
    onAdd(text.trim());
    setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };
  return (
    <div className="pb-add-row">
      <label className="pb-add-label">
        <span className="visually-hidden">{label}</span>
        <input className="pb-input" type="text" value={text} placeholder={label} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} />
      </label>
      <button type="button" className="button pb-small-button" onClick={add} disabled={text.trim() === ''}>
        {buttonLabel}
      </button>
    </div>
  );
}

/** Up, down and remove buttons for one entry of a list. */
export function RowTools({ name, index, count, onMove, onRemove }: { name: string; index: number; count: number; onMove?(delta: number): void; onRemove(): void }) {
  return (
    <div className="pb-row-tools">
      {onMove && (
        <>
          <button type="button" className="button pb-icon-button" aria-label={`Move ${name} up`} aria-disabled={index === 0} onClick={() => index > 0 && onMove(-1)}>
            <span aria-hidden="true">↑</span>
          </button>
          <button type="button" className="button pb-icon-button" aria-label={`Move ${name} down`} aria-disabled={index === count - 1} onClick={() => index < count - 1 && onMove(1)}>
            <span aria-hidden="true">↓</span>
          </button>
        </>
      )}
      <button type="button" className="button pb-icon-button pb-remove" aria-label={`Remove ${name}`} onClick={onRemove}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}

export function Section({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <section className="pb-section" aria-labelledby={id}>
      <h3 id={id} className="pb-section-title">
        {title}
        {count !== undefined && <span className="pb-count"> {count}</span>}
      </h3>
      {children}
    </section>
  );
}

interface ListFieldProps extends Omit<TextFieldProps, 'value' | 'onChange'> {
  value: readonly string[];
  onChange(value: string[]): void;
  /** How the parts are written: ", " on one line, or one per line. */
  perLine?: boolean;
}

/** Edits a list of strings as text, keeping what is typed (a trailing comma) while it parses. */
export function ListField({ value, onChange, perLine, ...rest }: ListFieldProps) {
  const separator = perLine ? /\n/ : /[,\n]/;
  const joined = value.join(perLine ? '\n' : ', ');
  const [text, setText] = useState(joined);
  const [seen, setSeen] = useState(joined);
  if (seen !== joined) {
    setSeen(joined);
    if (splitParts(text, separator).join('\u0000') !== value.join('\u0000')) setText(joined);
  }
  return (
    <TextField
      {...rest}
      multiline={perLine}
      value={text}
      onChange={(next) => {
        setText(next);
        onChange(splitParts(next, separator));
      }}
    />
  );
}

const splitParts = (text: string, separator: RegExp): string[] =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function CheckField({ path, label, checked, onChange }: { path: FieldPath; label: string; checked: boolean; onChange(checked: boolean): void }) {
  const id = fieldId(path);
  return (
    <label className="pb-field pb-check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}
