import type { Action as PlaybookAction, ActionParam as PlaybookParam, ParamKind as PlaybookParamKind } from '../playbook/model';
import { argvTemplateProblem, planSnippet, rewriteSnippetLayers } from './layered-plan';
import type { ActionParam, ActionView } from './model';

// Turning an action and checked values into what runs. A value is placed whole into one argv
// slot, into one environment variable, or (inside a shell's code) quoted for every shell that
// will parse it (shared/containment/code-layers.ts); no text a user typed becomes shell syntax.

export const paramEnvPrefix = 'CORDON_PARAM_';
export const paramEnvName = (name: string): string => `${paramEnvPrefix}${name}`;
/** $0 of a snippet run: what `ps` shows and what error messages from the shell start with. */
export const snippetArgv0 = 'cordon-action';

const placeholderRe = /\{([A-Z][A-Z0-9_]*)\}/g;

/**
 * Replaces `{NAME}` in each argument with that parameter's value, in one pass: a value is
 * never scanned again, so a value containing `{OTHER}` stays literal. Unknown names stay as written.
 * Runs use planArgv (code-layers.ts), which also quotes a value for any shell that parses it.
 */
export function expandArgv(template: readonly string[], values: Readonly<Record<string, string>>): string[] {
  return template.map((arg) => arg.replace(placeholderRe, (whole, name: string) => (Object.hasOwn(values, name) ? (values[name] ?? '') : whole)));
}

/** The argv of a snippet run: the script is one fixed argument; values travel in the environment. */
export function snippetArgv(shell: 'sh' | 'bash', script: string): string[] {
  return [shell === 'bash' ? 'bash' : '/bin/sh', '-c', script, snippetArgv0];
}

export function paramEnv(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [paramEnvName(name), value]));
}

/** The names of parameters an argv template or script mentions. */
export function mentionedParams(action: Pick<ActionView, 'mode' | 'argv' | 'script'>): string[] {
  const found = new Set<string>();
  if (action.mode === 'argv') for (const arg of action.argv) for (const m of arg.matchAll(placeholderRe)) found.add(m[1] ?? '');
  else for (const m of action.script.matchAll(/\$\{?CORDON_PARAM_([A-Z][A-Z0-9_]*)/g)) found.add(m[1] ?? '');
  return [...found];
}

// ---- Playbook commands -------------------------------------------------------------------

const kindMap: Record<PlaybookParamKind, Omit<ActionParam, 'name'>> = {
  ip: { kind: 'ip' },
  cidr: { kind: 'cidr' },
  hostname: { kind: 'hostname' },
  url: { kind: 'regex', pattern: 'https?://[^\\s]+' },
  email: { kind: 'regex', pattern: '[^\\s@]+@[^\\s@]+' },
  user: { kind: 'identifier' },
  path: { kind: 'path' },
  port: { kind: 'integer', min: 1, max: 65_535 },
  number: { kind: 'integer', min: 0 },
  date: { kind: 'regex', pattern: '[0-9T:.+Z-]{4,40}' },
  identifier: { kind: 'identifier' },
  text: { kind: 'string' },
};

function envSafeName(raw: string, taken: Set<string>): string {
  let base = raw.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^[^A-Z]+/, '').replace(/_+$/, '').slice(0, 56) || 'PARAM';
  if (!/^[A-Z]/.test(base)) base = `P_${base}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

const sentinel = (i: number): string => `\u{E000}${i}\u{E001}`;
const sentinelRe = /\u{E000}(\d+)\u{E001}/gu;

/**
 * Splits a one-line command into words like a POSIX shell would, or returns null when the line
 * uses anything a shell would interpret beyond quoting (pipes, redirections, expansions, globs,
 * comments, several commands): such a command is only faithful as a shell snippet.
 */
export function splitSimpleCommand(line: string): string[] | null {
  if (/[\n\r]/.test(line)) return null;
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) return null;
      word += next;
      inWord = true;
      i++;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return null;
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j];
        if (d === '$' || d === '`' || d === '\\' || d === '!') return null;
        word += d;
      }
      if (j >= line.length) return null;
      inWord = true;
      i = j;
      continue;
    }
    if (/[|&;<>()$`*?[\]{}!]/.test(c)) return null;
    if ((c === '~' || c === '#') && !inWord) return null;
    word += c;
    inWord = true;
  }
  if (inWord) words.push(word);
  if (words.length === 0 || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] ?? '')) return null;
  return words;
}

/** Where each placeholder stands in a snippet: longest first, and `$HOST` never inside `$HOSTNAME`. */
function findPlaceholders(script: string, placeholders: ReadonlyArray<{ text: string; name: string }>): { start: number; end: number; variable: string }[] {
  const ordered = [...placeholders].filter((p) => p.text !== '').sort((a, b) => b.text.length - a.text.length);
  const found: { start: number; end: number; variable: string }[] = [];
  for (let i = 0; i < script.length; ) {
    const hit = ordered.find((p) => script.startsWith(p.text, i) && !(p.text.startsWith('$') && !p.text.endsWith('}') && /[A-Za-z0-9_]/.test(script[i + p.text.length] ?? '')));
    if (hit) {
      found.push({ start: i, end: i + hit.text.length, variable: paramEnvName(hit.name) });
      i += hit.text.length;
    } else i++;
  }
  return found;
}

/**
 * Rewrites a snippet's placeholders into references to CORDON_PARAM_ variables, quoted for where
 * they stand (outside quotes: "${V}"; inside double quotes: ${V}; inside single quotes: '"${V}"'),
 * made by the innermost shell that reads them: inside a nested `sh -c '…'` the inner shell expands
 * the variable itself, so no shell ever parses a value. The result is what the user is shown.
 */
export function rewriteSnippet(script: string, placeholders: ReadonlyArray<{ text: string; name: string }>, shell = 'sh'): { ok: true; script: string } | { ok: false; message: string } {
  return rewriteSnippetLayers(script, findPlaceholders(script, placeholders), shell);
}

/** Playbook actions Cordon shows but will not run carry this at the start of their description. */
export const cannotRunPrefix = 'Cordon cannot run this as written: ';

/** A playbook's code block as a runnable action: argv when it is one simple command, else a snippet. */
export function fromPlaybookAction(action: PlaybookAction): ActionView {
  const taken = new Set<string>();
  const named = action.params.map((p: PlaybookParam) => ({ p, name: envSafeName(p.name, taken) }));
  const params: ActionParam[] = named.map(({ p, name }) => ({ name, label: p.name, ...kindMap[p.kind], placeholder: p.placeholder }));
  const runnable = isPosixShellLanguage(action.language);
  const base = {
    id: toActionId(action.key),
    source: 'playbook' as const,
    name: action.name.slice(0, 200),
    description: runnable ? '' : `Written for ${action.language}; Cordon runs only POSIX shell commands, so this one is shown but cannot run.`,
    phaseKey: action.phaseKey,
    params,
    cwd: '',
    timeoutSeconds: 300,
    destructive: action.destructive,
    simulated: { exitCode: 0, output: '' },
    env: [],
    original: action.command,
    updatedAt: null,
    updatedBy: null,
  };
  const command = action.command.trim();
  const lang = action.language.toLowerCase();
  const refused = (message: string) => (runnable ? { description: `${cannotRunPrefix}${message}` } : {});
  if (runnable && !command.includes('\n')) {
    let marked = command;
    named.forEach(({ p }, i) => (marked = marked.split(p.placeholder).join(sentinel(i))));
    const words = splitSimpleCommand(marked);
    if (words && !/\u{E000}/u.test(words[0] ?? '')) {
      const argv = words.map((w) => w.replace(sentinelRe, (_m, i: string) => `{${named[Number(i)]?.name ?? 'PARAM'}}`));
      const problem = argvTemplateProblem(argv);
      return { ...base, ...(problem ? refused(problem) : {}), mode: 'argv', argv, script: '', shell: 'sh' };
    }
  }
  const shell = lang === 'bash' || /^#!.*\bbash\b/.test(command) ? 'bash' : 'sh';
  const rewritten = rewriteSnippet(command, named.map(({ p, name }) => ({ text: p.placeholder, name })), shell);
  if (!rewritten.ok) return { ...base, ...refused(rewritten.message), mode: 'snippet', argv: [], script: command, shell };
  const checked = planSnippet(rewritten.script, shell, params.length > 0);
  return { ...base, ...(checked.ok ? {} : refused(checked.message)), mode: 'snippet', argv: [], script: rewritten.script, shell };
}

/** Playbook action keys become ids the event log accepts. */
export function toActionId(key: string): string {
  const id = key.replace(/[^A-Za-z0-9._:-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100);
  return id || 'action';
}

/** Languages Cordon will hand to a POSIX shell. */
export const isPosixShellLanguage = (lang: string): boolean =>
  !/^(powershell|pwsh|ps1?|cmd|bat|batch|fish)$/i.test(lang.trim());
