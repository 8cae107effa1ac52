import { useId, useState } from 'react';
import { actionParamKinds, type ActionParam, type ActionView } from '../../../shared/containment/model';
import type { MethodInput } from '../../../shared/ipc/contract';

interface EnvDraft {
  name: string;
  secret: boolean;
  value: string;
  /** A secret already stored (its value is never shown). */
  set: boolean;
}

export interface ActionDraft {
  id?: string;
  copySecretsFrom?: string;
  name: string;
  description: string;
  mode: 'argv' | 'snippet';
  argvText: string;
  script: string;
  shell: 'sh' | 'bash';
  params: ActionParam[];
  cwd: string;
  timeoutSeconds: number;
  destructive: boolean;
  simulatedExit: number;
  simulatedOutput: string;
  env: EnvDraft[];
}

export const emptyDraft = (): ActionDraft => ({
  name: '',
  description: '',
  mode: 'argv',
  argvText: '',
  script: '',
  shell: 'sh',
  params: [],
  cwd: '',
  timeoutSeconds: 300,
  destructive: false,
  simulatedExit: 0,
  simulatedOutput: '',
  env: [],
});

export function draftOf(action: ActionView, duplicate = false): ActionDraft {
  return {
    ...(duplicate ? { copySecretsFrom: action.id } : { id: action.id }),
    name: duplicate ? `${action.name} (copy)`.slice(0, 200) : action.name,
    description: action.description,
    mode: action.mode,
    argvText: action.argv.join('\n'),
    script: action.script,
    shell: action.shell,
    params: action.params.map((p) => ({ ...p })),
    cwd: action.cwd,
    timeoutSeconds: action.timeoutSeconds,
    destructive: action.destructive,
    simulatedExit: action.simulated.exitCode,
    simulatedOutput: action.simulated.output,
    env: action.env.map((e) => ({ name: e.name, secret: e.secret, value: e.secret ? '' : (e.value ?? ''), set: e.set })),
  };
}

/** The actionSave input for a draft: argv one argument per line, exactly as typed (no shell splitting). */
export function saveInputOf(draft: ActionDraft): MethodInput<'actionSave'> {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    ...(draft.copySecretsFrom ? { copySecretsFrom: draft.copySecretsFrom } : {}),
    name: draft.name,
    description: draft.description,
    mode: draft.mode,
    argv: draft.mode === 'argv' ? draft.argvText.split('\n').filter((line, i, all) => line !== '' || (i > 0 && i < all.length - 1)) : [],
    script: draft.mode === 'snippet' ? draft.script : '',
    shell: draft.shell,
    params: draft.params,
    cwd: draft.cwd.trim(),
    timeoutSeconds: draft.timeoutSeconds,
    destructive: draft.destructive,
    simulated: { exitCode: draft.simulatedExit, output: draft.simulatedOutput },
    env: draft.env.map((e) => (e.secret ? { name: e.name, secret: true, ...(e.value !== '' ? { value: e.value } : {}) } : { name: e.name, secret: false, value: e.value })),
  };
}

function ParamRow({ param, index, onChange, onRemove }: { param: ActionParam; index: number; onChange(p: ActionParam): void; onRemove(): void }) {
  const n = index + 1;
  return (
    <li className="act-param-row">
      <input className="wr-input act-mono" aria-label={`Parameter ${n} name`} value={param.name} placeholder="USER_ID" onChange={(e) => onChange({ ...param, name: e.target.value.toUpperCase() })} />
      <select className="wr-input" aria-label={`Parameter ${n} kind`} value={param.kind} onChange={(e) => onChange({ ...param, kind: e.target.value as ActionParam['kind'] })}>
        {actionParamKinds.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      {param.kind === 'enum' && (
        <input
          className="wr-input"
          aria-label={`Parameter ${n} allowed values, comma-separated`}
          value={(param.options ?? []).join(',')}
          onChange={(e) => onChange({ ...param, options: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })}
        />
      )}
      {param.kind === 'regex' && (
        <input className="wr-input act-mono" aria-label={`Parameter ${n} pattern`} value={param.pattern ?? ''} onChange={(e) => onChange({ ...param, pattern: e.target.value })} />
      )}
      {param.kind === 'integer' && (
        <>
          <input className="wr-input act-num" type="number" aria-label={`Parameter ${n} minimum`} value={param.min ?? ''} onChange={(e) => onChange(withNumber(param, 'min', e.target.value))} />
          <input className="wr-input act-num" type="number" aria-label={`Parameter ${n} maximum`} value={param.max ?? ''} onChange={(e) => onChange(withNumber(param, 'max', e.target.value))} />
          <label className="small">
            <input type="checkbox" checked={param.signed === true} onChange={(e) => onChange({ ...param, signed: e.target.checked || undefined })} /> may be negative
          </label>
        </>
      )}
      {param.kind !== 'integer' && (
        <label className="small">
          <input type="checkbox" checked={param.allowDash === true} onChange={(e) => onChange({ ...param, allowDash: e.target.checked || undefined })} /> may start with “-”
        </label>
      )}
      <button type="button" className="button wr-small-button" aria-label={`Remove parameter ${n}`} onClick={onRemove}>
        Remove
      </button>
    </li>
  );
}

function withNumber(param: ActionParam, key: 'min' | 'max', text: string): ActionParam {
  const { [key]: _dropped, ...rest } = param;
  return text === '' || !Number.isInteger(Number(text)) ? rest : { ...rest, [key]: Number(text) };
}

/** Create or edit a user action. Secrets: type a value to set it; leave it empty to keep the stored one. */
export function ContainmentEditor({ initial, onSave, onClose }: { initial: ActionDraft; onSave(draft: ActionDraft): Promise<string | null>; onClose(): void }) {
  const id = useId();
  const [draft, setDraft] = useState<ActionDraft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const patch = (p: Partial<ActionDraft>) => setDraft((d) => ({ ...d, ...p }));
  const title = draft.id ? `Edit “${initial.name}”` : draft.copySecretsFrom ? 'Duplicate action' : 'New action';
  return (
    <form
      className="act-editor"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void onSave(draft).then((problem) => {
          setBusy(false);
          setError(problem);
        });
      }}
    >
      <h3 className="act-subtitle">{title}</h3>
      <div className="act-field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} className="wr-input" value={draft.name} onChange={(e) => patch({ name: e.target.value })} />
      </div>
      <div className="act-field">
        <label htmlFor={`${id}-desc`}>Description</label>
        <input id={`${id}-desc`} className="wr-input" value={draft.description} onChange={(e) => patch({ description: e.target.value })} />
      </div>
      <fieldset className="act-fieldset">
        <legend>Runs as</legend>
        <label>
          <input type="radio" name={`${id}-mode`} checked={draft.mode === 'argv'} onChange={() => patch({ mode: 'argv' })} /> A program and its arguments (no shell)
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={draft.mode === 'snippet'} onChange={() => patch({ mode: 'snippet' })} /> A shell script
        </label>
      </fieldset>
      {draft.mode === 'argv' ? (
        <div className="act-field">
          <label htmlFor={`${id}-argv`}>Command: the program on the first line, then one argument per line</label>
          <textarea
            id={`${id}-argv`}
            className="wr-input act-mono"
            rows={4}
            spellCheck={false}
            value={draft.argvText}
            placeholder={'/usr/bin/echo\nblocking {IP}'}
            onChange={(e) => patch({ argvText: e.target.value })}
          />
          <span className="muted small">Write {'{NAME}'} where a parameter’s value goes; it is passed as part of that one argument, never split or interpreted.</span>
        </div>
      ) : (
        <div className="act-field">
          <label htmlFor={`${id}-script`}>Script</label>
          <textarea id={`${id}-script`} className="wr-input act-mono" rows={5} spellCheck={false} value={draft.script} onChange={(e) => patch({ script: e.target.value })} />
          <span className="muted small">Parameters arrive as environment variables: use "$CORDON_PARAM_NAME" (quoted). Runs with /bin/sh.</span>
        </div>
      )}
      <fieldset className="act-fieldset">
        <legend>Parameters</legend>
        <ul className="act-param-list">
          {draft.params.map((p, i) => (
            <ParamRow
              key={i}
              param={p}
              index={i}
              onChange={(next) => patch({ params: draft.params.map((q, j) => (j === i ? next : q)) })}
              onRemove={() => patch({ params: draft.params.filter((_, j) => j !== i) })}
            />
          ))}
        </ul>
        <button type="button" className="button wr-small-button" onClick={() => patch({ params: [...draft.params, { name: '', kind: 'string' }] })}>
          Add parameter
        </button>
      </fieldset>
      <fieldset className="act-fieldset">
        <legend>Environment</legend>
        <ul className="act-param-list">
          {draft.env.map((e, i) => (
            <li key={i} className="act-param-row">
              <input
                className="wr-input act-mono"
                aria-label={`Variable ${i + 1} name`}
                value={e.name}
                onChange={(ev) => patch({ env: draft.env.map((x, j) => (j === i ? { ...x, name: ev.target.value } : x)) })}
              />
              <input
                className="wr-input act-mono"
                type={e.secret ? 'password' : 'text'}
                autoComplete="off"
                aria-label={`Variable ${i + 1} value`}
                placeholder={e.secret && e.set ? 'set — leave empty to keep' : ''}
                value={e.value}
                onChange={(ev) => patch({ env: draft.env.map((x, j) => (j === i ? { ...x, value: ev.target.value } : x)) })}
              />
              <label className="small">
                <input
                  type="checkbox"
                  checked={e.secret}
                  onChange={(ev) => patch({ env: draft.env.map((x, j) => (j === i ? { ...x, secret: ev.target.checked, value: '' } : x)) })}
                />{' '}
                secret
              </label>
              <button type="button" className="button wr-small-button" aria-label={`Remove variable ${i + 1}`} onClick={() => patch({ env: draft.env.filter((_, j) => j !== i) })}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button wr-small-button" onClick={() => patch({ env: [...draft.env, { name: '', secret: false, value: '', set: false }] })}>
          Add variable
        </button>
        <p className="muted small">Secret values are stored in the encrypted store and never shown again.</p>
      </fieldset>
      <div className="act-row">
        <div className="act-field">
          <label htmlFor={`${id}-cwd`}>Working folder (absolute; empty = home)</label>
          <input id={`${id}-cwd`} className="wr-input act-mono" value={draft.cwd} onChange={(e) => patch({ cwd: e.target.value })} />
        </div>
        <div className="act-field">
          <label htmlFor={`${id}-timeout`}>Timeout (seconds)</label>
          <input id={`${id}-timeout`} className="wr-input act-num" type="number" min={1} max={86400} value={draft.timeoutSeconds} onChange={(e) => patch({ timeoutSeconds: Math.trunc(Number(e.target.value)) || 1 })} />
        </div>
      </div>
      <label>
        <input type="checkbox" checked={draft.destructive} onChange={(e) => patch({ destructive: e.target.checked })} /> Destructive (ask for confirmation with the exact command)
      </label>
      <fieldset className="act-fieldset">
        <legend>Simulated outcome (exercises)</legend>
        <div className="act-row">
          <div className="act-field">
            <label htmlFor={`${id}-simexit`}>Exit code</label>
            <input id={`${id}-simexit`} className="wr-input act-num" type="number" min={0} max={255} value={draft.simulatedExit} onChange={(e) => patch({ simulatedExit: Math.trunc(Number(e.target.value)) || 0 })} />
          </div>
          <div className="act-field act-grow">
            <label htmlFor={`${id}-simout`}>Output</label>
            <textarea id={`${id}-simout`} className="wr-input act-mono" rows={2} value={draft.simulatedOutput} onChange={(e) => patch({ simulatedOutput: e.target.value })} />
          </div>
        </div>
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="act-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save action
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close editor
        </button>
      </div>
    </form>
  );
}
