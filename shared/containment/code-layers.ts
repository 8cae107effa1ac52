import { lexShell, type QuoteContext, type ShWord } from './sh-lexer';
import { envNameProblem } from './env-names';

// Every layer that parses a string as code, found in an action before anything runs. A value
// that sits inside a shell's code (sh -c, su -c, ssh's remote command, eval, trap, watch…) is
// quoted for that shell and for each shell above it (layered-plan.ts); a value inside another
// language's code (python -c, perl -e, awk, sed, powershell…) is refused with the safe way to
// write it; a value that only ever lands whole in one argv slot stays as it is. The promise is
// in the README ("Hostile values in containment actions").

/** A layer that will parse a string as code, and the exact string it will parse. */
export interface CodeLayer {
  /** Who parses it, in words ("sh -c", "the remote shell on web-01"). */
  parser: string;
  /** 1 = parsed by a shell the action starts itself; 2 = by a shell inside that one… */
  depth: number;
  text: string;
}

export class CodeLayerRefusal extends Error {}

export interface RawLayer {
  parser: string;
  depth: number;
  text: string;
  /** The expansions standing in `text` (as `opaque`), as written in the layer above. */
  expansions: string[];
}

interface Scope {
  depth: number;
  /** CORDON_PARAM_ variables (exported by Cordon) still reach this layer. */
  envPasses: boolean;
  /** Whether an expansion of this name, in this layer, may carry a typed value. */
  tainted: (name: string) => boolean;
  hasValues: boolean;
  /** Inside find -exec: `{}` is a file name, which must not land in code either. */
  braces: string | null;
  parserPrefix: string;
}

export interface Analysis {
  layers: RawLayer[];
  /** Per mark: its quoting context in each shell layer, outermost first. */
  chains: Map<number, QuoteContext[]>;
  /** Per mark: whether Cordon's environment reaches the innermost layer holding it. */
  envAtInnermost: Map<number, boolean>;
}

export const fail = (message: string): never => {
  throw new CodeLayerRefusal(message);
};
const hasMark = (s: string) => /\u{E010}\d+\u{E011}/u.test(s);
export const plainWord = (text: string): ShWord => ({ text, expansions: [], redirect: false });
const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1).replace(/\.exe$/i, '');

const shellRe = /^(sh|bash|dash|zsh|ksh|ksh93|mksh|lksh|oksh|ash|yash|posh|rbash)$/;
const leadingReserved = new Set(['!', '{', '}', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'esac']);
const dataStatements = new Set(['for', 'select', 'case', 'function', 'in']);

/** Skips options (getopt style) and returns the index of the first operand. */
function firstOperand(args: readonly ShWord[], from: number, shortWithArg: string, longWithArg: readonly string[] = []): number {
  let i = from;
  while (i < args.length) {
    const a = args[i]?.text ?? '';
    if (a === '--') return i + 1;
    if (a.startsWith('--')) {
      i += !a.includes('=') && longWithArg.includes(a) ? 2 : 1;
      continue;
    }
    if (!a.startsWith('-') || a === '-') return i;
    let skip = 1;
    for (let j = 1; j < a.length; j++) {
      if (shortWithArg.includes(a[j] ?? '')) {
        if (j === a.length - 1) skip = 2;
        break;
      }
    }
    i += skip;
  }
  return i;
}

function describeHint(lang: string): string {
  switch (lang) {
    case 'python':
      return `python3 -c 'import sys; print(sys.argv[1])' {VALUE}`;
    case 'perl':
      return `perl -e 'print $ARGV[0]' {VALUE}`;
    case 'ruby':
      return `ruby -e 'puts ARGV[0]' {VALUE}`;
    case 'node':
      return `node -e 'console.log(process.argv[1])' {VALUE}`;
    case 'php':
      return `php -r 'echo $argv[1];' {VALUE}`;
    case 'awk':
      return `awk -v VALUE={VALUE} 'BEGIN { print VALUE }'`;
    case 'sed':
      return `grep -F -e {VALUE} FILE to find it; GNU sed runs commands from its script (the e command), so a value never goes into one`;
    case 'PowerShell':
      return `pwsh -File script.ps1 {VALUE} (the script reads $args[0])`;
    default:
      return `a script file that reads the value from its arguments`;
  }
}

interface Interpreter {
  re: RegExp;
  lang: string;
  /** Short options whose argument (attached or next) is code. */
  code: string;
  /** Long or single-dash long options whose argument is code. */
  codeLong: readonly string[];
  /** Short options taking an argument (attached or next). */
  withArg: string;
  /** Options whose argument names code to load (a module, an ini file): no value there either. */
  loads: string;
  loadsLong: readonly string[];
  /** The first operand is the program (awk, sed) rather than a script file. */
  programOperand: boolean;
}

const interpreters: Interpreter[] = [
  { re: /^(python[0-9.]*|pypy[0-9.]*)$/, lang: 'python', code: 'c', codeLong: [], withArg: 'WXQm', loads: 'm', loadsLong: [], programOperand: false },
  { re: /^perl[0-9.]*$/, lang: 'perl', code: 'eE', codeLong: [], withArg: 'iI0lxFCdDMmV', loads: 'Mm', loadsLong: [], programOperand: false },
  { re: /^(ruby|jruby)[0-9.]*$/, lang: 'ruby', code: 'e', codeLong: [], withArg: 'IrCEFKTUWx0l', loads: 'r', loadsLong: ['--require'], programOperand: false },
  { re: /^(node|nodejs|bun)$/, lang: 'node', code: 'ep', codeLong: ['--eval', '--print'], withArg: 'rC', loads: 'r', loadsLong: ['--require', '--import', '--loader', '--experimental-loader'], programOperand: false },
  { re: /^php[0-9.]*$/, lang: 'php', code: 'rBRFE', codeLong: [], withArg: 'cdfzt', loads: 'dc', loadsLong: [], programOperand: false },
  { re: /^(lua|luajit)[0-9.]*$/, lang: 'lua', code: 'e', codeLong: [], withArg: 'l', loads: 'l', loadsLong: [], programOperand: false },
  { re: /^(Rscript|osascript)$/, lang: 'script', code: 'e', codeLong: [], withArg: '', loads: '', loadsLong: [], programOperand: false },
  { re: /^expect$/, lang: 'Tcl', code: 'c', codeLong: [], withArg: '', loads: '', loadsLong: [], programOperand: false },
  { re: /^gdb$/, lang: 'gdb', code: '', codeLong: ['-ex', '--ex', '-iex', '--eval-command', '--init-eval-command'], withArg: '', loads: 'x', loadsLong: ['-x', '--command'], programOperand: false },
  { re: /^(awk|gawk|mawk|nawk)$/, lang: 'awk', code: 'e', codeLong: ['--source'], withArg: 'Ffv', loads: 'fi', loadsLong: ['--file', '--include'], programOperand: true },
  { re: /^(sed|gsed)$/, lang: 'sed', code: 'e', codeLong: ['--expression'], withArg: 'fl', loads: 'f', loadsLong: ['--file'], programOperand: true },
];

export function analyseArgv(words: readonly ShWord[], hasValues: boolean, envPasses = true): Analysis {
  const a: Analysis = { layers: [], chains: new Map(), envAtInnermost: new Map() };
  command(a, words, { depth: 0, envPasses, tainted: () => false, hasValues, braces: null, parserPrefix: '' });
  return a;
}

/** Analyses a snippet: the script itself is the first shell layer. */
export function analyseSnippet(script: string, hasValues: boolean, shell: string): Analysis {
  const a: Analysis = { layers: [], chains: new Map(), envAtInnermost: new Map() };
  shellLayer(a, plainWord(script), shell, { depth: 0, envPasses: true, tainted: () => false, hasValues, braces: null, parserPrefix: '' }, false);
  return a;
}

function tainted(scope: Scope, word: ShWord): string | null {
  for (const e of word.expansions) {
    if (e.name === "'$") continue;
    if (scope.tainted(e.name) || e.mentions.some((n) => scope.tainted(n))) return e.name;
  }
  return null;
}

function codeArgCheck(scope: Scope, word: ShWord, what: string): void {
  // File names and input lines are attacker-made too (a file called `$(reboot)`), values or not.
  if (scope.braces !== null && word.text.includes(scope.braces)) {
    fail(`${what} would parse each ${scope.braces} (a file name or input line) as code; pass it as an argument instead: sh -c 'echo "$1"' sh ${scope.braces}`);
  }
  if (!scope.hasValues) return;
  const name = tainted(scope, word);
  if (name !== null) {
    const ref = /^[A-Za-z_0-9@*]/.test(name) ? `$${name}` : `a ${name}…) substitution`;
    fail(
      `${what} would parse the value of ${ref} as code. Refer to the variable inside that code instead, in single quotes (sh -c 'echo "$CORDON_PARAM_NAME"': Cordon's variables are passed on to it), or pass the value as an argument (sh -c 'echo "$1"' sh "$CORDON_PARAM_NAME").`,
    );
  }
}

function shellLayer(a: Analysis, word: ShWord, parser: string, scope: Scope, positionalTainted: boolean): void {
  codeArgCheck(scope, word, parser);
  const depth = scope.depth + 1;
  const label = `${scope.parserPrefix}${parser}`;
  a.layers.push({ parser: label, depth, text: word.text, expansions: word.expansions.map((e) => e.raw) });
  const lex = lexShell(word.text);
  if (lex.problem && (hasMark(word.text) || scope.hasValues)) fail(`In the code for ${label}, ${lex.problem}.`);
  for (const [i, ctx] of lex.contexts) {
    const chain = a.chains.get(i) ?? [];
    chain[depth - 1] = ctx;
    a.chains.set(i, chain);
    a.envAtInnermost.set(i, scope.envPasses);
  }
  const inner: Scope = {
    depth,
    envPasses: scope.envPasses,
    hasValues: scope.hasValues || hasMark(word.text),
    braces: null,
    parserPrefix: '',
    tainted: (name) => (scope.envPasses && name.startsWith('CORDON_PARAM_')) || (positionalTainted && /^[0-9@*]$/.test(name) && name !== '0') || lex.assigned.has(name) || name === '$(' || name === '`',
  };
  for (const body of lex.arithmetic) {
    const names = [...body.matchAll(/[A-Za-z_][A-Za-z0-9_]*|\$[0-9@*]/g)].map((m) => m[0].replace('$', ''));
    const hit = names.find((n) => inner.tainted(n));
    if (inner.hasValues && hit) fail(`In the code for ${label}, arithmetic on $${hit} would evaluate the value as an expression (bash runs commands found there). Check the number with a case pattern first, or use an integer parameter in an argv action.`);
  }
  for (const words of lex.commands) command(a, words, inner);
}

/** A value in another language's code: refused, with how to pass it instead. */
function foreignCode(scope: Scope, word: ShWord | undefined, program: string, lang: string): void {
  if (!word) return;
  if (hasMark(word.text)) fail(`${program} would read the value as ${lang} code, which Cordon cannot quote. Pass the value as an argument instead, like: ${describeHint(lang)}`);
  codeArgCheck(scope, word, `${program} (${lang} code)`);
}

function noValue(scope: Scope, word: ShWord | undefined, why: string): void {
  if (!word) return;
  if (hasMark(word.text)) fail(why);
  if (scope.hasValues && tainted(scope, word) !== null) fail(why);
}

function command(a: Analysis, all: readonly ShWord[], scope: Scope): void {
  const words = all.filter((w) => !w.redirect);
  let k = 0;
  while (k < words.length) {
    const t = words[k]?.text ?? '';
    if (leadingReserved.has(t)) k++;
    else if (scope.depth > 0 && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(t)) {
      assignment(scope, words[k] as ShWord);
      k++;
    } else break;
  }
  const head = words[k];
  if (!head || dataStatements.has(head.text)) return;
  if (scope.depth > 0) {
    for (const w of words.slice(k + 1)) {
      const unquoted = w.expansions.find((e) => !e.quoted && /^([0-9@*]|CORDON_PARAM_\w+)$/.test(e.name) && e.name !== '0' && scope.tainted(e.name));
      if (unquoted && scope.hasValues) fail(`Write "$${unquoted.name}" in double quotes: unquoted, the shell would split the value into several arguments and expand * and ? in it.`);
    }
  }
  if (hasMark(head.text)) fail('The program to run cannot come from a value; name the program in the action and pass the value as an argument.');
  if (scope.depth > 0 && (head.text === 'let' || (head.text === '[[' && words.some((w) => /^-(eq|ne|lt|le|gt|ge)$/.test(w.text))))) {
    // bash evaluates these operands as arithmetic expressions, quoted or not: a[$(cmd)] runs cmd.
    const carries = words.slice(k + 1).some((w) => hasMark(w.text) || (scope.hasValues && tainted(scope, w) !== null));
    if (carries) fail(`${head.text === 'let' ? 'let' : '[[ … -eq … ]]'} evaluates a value as an arithmetic expression (bash runs commands found there); compare numbers with [ "$N" -eq 1 ] instead, or use an integer parameter.`);
  }
  if (scope.hasValues && tainted(scope, head) !== null) fail(`The program to run would be named by a value ($${tainted(scope, head) ?? ''}); name the program in the action and pass the value as an argument.`);
  const name = basename(head.text);
  // A misread option list must not hide a layer: when the "program" looks like an option, refuse rather than guess.
  if (name.startsWith('-') && words.slice(k).some((w) => hasMark(w.text))) fail(`Cordon could not tell which program runs at “${head.text}”, so it cannot tell who will read the value; write the command without that option.`);
  program(a, name, words.slice(k + 1), scope);
}

function assignment(scope: Scope, word: ShWord): void {
  const name = word.text.split(/\+?=/)[0] ?? '';
  const problem = envNameProblem(name);
  if (problem && (hasMark(word.text) || (scope.hasValues && tainted(scope, word) !== null))) fail(`A value cannot be assigned to ${name}: ${problem}`);
}

function program(a: Analysis, name: string, args: ShWord[], scope: Scope): void {
  const sub = (from: number, changes: Partial<Scope> = {}) => {
    if (from < args.length) command(a, args.slice(from), { ...scope, ...changes });
  };
  if (shellRe.test(name)) return shell(a, name, args, scope);
  const interp = interpreters.find((i) => i.re.test(name));
  if (interp) return interpreter(name, interp, args, scope);
  switch (name) {
    case 'busybox':
      return sub(0);
    case 'eval':
      return shellLayer(a, joined(args), 'eval', scope, false);
    case 'trap':
      return shellLayer(a, args[0] ?? plainWord(''), 'trap', scope, false);
    case '.':
    case 'source':
      return noValue(scope, args[0], `${name} would run a script file named by a value; name the file in the action.`);
    case 'sudo': {
      const i = firstOperand(args, 0, 'pCDghrRtTUu', ['--user', '--group', '--host', '--prompt', '--chdir', '--close-from', '--role', '--type', '--other-user', '--command-timeout']);
      const opts = args.slice(0, i).map((w) => w.text);
      if (opts.some((o) => /^-[A-Za-z]*[si]/.test(o) && !o.startsWith('--')) || opts.includes('--shell') || opts.includes('--login')) {
        for (const w of args.slice(i)) noValue(scope, w, 'sudo -s / -i hands the command to a shell; write sudo sh -c \'…\' instead, so Cordon can quote the value for it.');
      }
      return sub(i, { envPasses: false, parserPrefix: 'sudo → ' });
    }
    case 'doas':
      return sub(firstOperand(args, 0, 'uC'), { envPasses: false, parserPrefix: 'doas → ' });
    case 'env':
      return envCommand(a, args, scope);
    case 'timeout':
    case 'taskset':
    case 'chrt':
    case 'chroot':
    case 'faketime':
      // These take one operand (a duration, a mask, a priority, a root, a time) before the command.
      return sub(firstOperand(args, 0, wrapperOptions[name] ?? '', ['--signal', '--kill-after', '--userspec', '--groups', '--cpu-list']) + 1);
    case 'systemd-run':
      return sub(firstOperand(args, 0, 'pEuHM', ['--unit', '--property', '--setenv', '--uid', '--gid', '--host', '--machine', '--description', '--slice', '--working-directory']), { envPasses: false, parserPrefix: 'systemd-run → ' });
    case 'su':
    case 'runuser':
      return suCommand(a, name, args, scope);
    case 'script':
    case 'flock': {
      const c = args.findIndex((w) => w.text === '-c' || w.text === '--command');
      if (c >= 0) return shellLayer(a, args[c + 1] ?? plainWord(''), `${name} -c (sh)`, scope, false);
      if (name === 'flock') return sub(firstOperand(args, 0, 'wE', ['--timeout', '--conflict-exit-code']) + 1);
      return;
    }
    case 'watch': {
      const i = firstOperand(args, 0, 'n', ['--interval']);
      if (args.slice(0, i).some((w) => w.text === '-x' || w.text === '--exec')) return sub(i);
      return i < args.length ? shellLayer(a, joined(args.slice(i)), 'watch (sh -c)', scope, false) : undefined;
    }
    case 'xargs':
      return xargs(a, args, scope);
    case 'find':
      return findCommand(a, args, scope);
    case 'ssh':
    case 'slogin':
      return sshCommand(a, args, scope);
    case 'kubectl':
    case 'oc': {
      const dash = args.findIndex((w) => w.text === '--');
      return dash >= 0 && args.slice(0, dash).some((w) => /^(exec|debug|run|attach)$/.test(w.text)) ? sub(dash + 1, { envPasses: false, parserPrefix: `${name} → ` }) : undefined;
    }
    case 'docker':
    case 'podman':
    case 'nerdctl':
      return containerCommand(a, name, args, scope);
    case 'powershell':
    case 'pwsh': {
      const c = args.findIndex((w) => /^[-/](c|co|com|comm|comma|comman|command|e|ec|enc|encodedcommand|commandwithargs|cwa)$/i.test(w.text));
      if (c >= 0) for (const w of args.slice(c + 1)) foreignCode(scope, w, name, 'PowerShell');
      return;
    }
    case 'cmd': {
      const c = args.findIndex((w) => /^\/[ck]/i.test(w.text));
      if (c >= 0) for (const w of args.slice(c)) foreignCode(scope, w, 'cmd /c', 'cmd.exe');
      return;
    }
    case 'parallel':
      for (const w of args) noValue(scope, w, 'GNU parallel runs its command through a shell it does not show; use xargs or a loop in a shell snippet.');
      return;
    case 'git': {
      for (let i = 0; i < args.length - 1; i++) if (args[i]?.text === '-c') noValue(scope, args[i + 1], 'git -c settings can run commands (aliases, core.sshCommand); a value cannot go there.');
      return;
    }
    default:
      if (Object.hasOwn(wrapperOptions, name)) return sub(firstOperand(args, 0, wrapperOptions[name] ?? '', wrapperLongOptions));
      return;
  }
}

/**
 * Programs that run the rest of their arguments as a command, and their short options that take
 * a value: getting these exact matters, since a word skipped as an option's value is not analysed.
 */
const wrapperOptions: Record<string, string> = {
  nice: 'n',
  nohup: '',
  setsid: '',
  time: 'fo',
  command: '',
  exec: 'a',
  builtin: '',
  unbuffer: '',
  catchsegv: '',
  stdbuf: 'ioe',
  ionice: 'cnp',
  unshare: 'SGRw',
  setpriv: '',
  strace: 'abeEIoOpPsSUuX',
  ltrace: 'aAeEfFlLnopsSuw',
  firejail: '',
  proxychains: 'f',
  proxychains4: 'f',
  torsocks: 'aPuipw',
  nsenter: 'tSGrw',
  timeout: 'sk',
  taskset: '',
  chrt: 'TPD',
  chroot: '',
  faketime: '',
};
const wrapperLongOptions = ['--adjustment', '--input', '--output', '--error', '--class', '--classdata', '--target', '--setuid', '--setgid', '--wd', '--root', '--format', '--output'];

function joined(words: readonly ShWord[]): ShWord {
  return { text: words.map((w) => w.text).join(' '), expansions: words.flatMap((w) => w.expansions), redirect: false };
}

function shell(a: Analysis, name: string, args: ShWord[], scope: Scope): void {
  let i = 0;
  let code = false;
  for (; i < args.length; i++) {
    const t = args[i]?.text ?? '';
    if (t === '--' || t === '-') {
      i++;
      break;
    }
    if (!/^[-+]/.test(t)) break;
    if (t.startsWith('--')) {
      if (t === '--rcfile' || t === '--init-file') noValue(scope, args[++i], `${name} ${t} would run a file named by a value; name the file in the action.`);
      continue;
    }
    if (/^[-+][A-Za-z]*c/.test(t)) code = true;
    if (/[oO]$/.test(t)) i++;
  }
  if (!code) {
    noValue(scope, args[i], `${name} would run a script file named by a value; name the file in the action.`);
    return;
  }
  const script = args[i];
  if (!script) return;
  const rest = args.slice(i + 1);
  const positional = rest.some((w) => hasMark(w.text) || tainted(scope, w) !== null);
  shellLayer(a, script, `${name} -c`, scope, positional);
}

function interpreter(name: string, it: Interpreter, args: ShWord[], scope: Scope): void {
  let programSeen = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as ShWord;
    const t = w.text;
    if (t === '--') {
      if (it.programOperand && !programSeen) foreignCode(scope, args[i + 1], name, it.lang);
      return;
    }
    if (it.codeLong.includes(t.split('=')[0] ?? '')) {
      foreignCode(scope, t.includes('=') ? plainWord(t.slice(t.indexOf('=') + 1)) : args[++i], name, it.lang);
      programSeen = true;
      continue;
    }
    if (it.loadsLong.includes(t.split('=')[0] ?? '')) {
      noValue(scope, t.includes('=') ? w : args[++i], `${name} would load code named by a value; name it in the action.`);
      continue;
    }
    if (t.startsWith('--') || !t.startsWith('-') || t === '-') {
      if (t.startsWith('--')) continue;
      if (it.programOperand && !programSeen) foreignCode(scope, w, name, it.lang);
      else if (!programSeen) noValue(scope, w, `${name} would run a script file named by a value; name the file in the action.`);
      return;
    }
    for (let j = 1; j < t.length; j++) {
      const c = t[j] ?? '';
      const attached = t.slice(j + 1);
      if (it.code.includes(c)) {
        foreignCode(scope, attached !== '' ? plainWord(attached) : args[++i], name, it.lang);
        programSeen = true;
        break;
      }
      if (it.withArg.includes(c)) {
        const value = attached !== '' ? plainWord(attached) : args[++i];
        // awk -v NAME=value decodes backslash escapes but runs nothing: data.
        if (it.loads.includes(c)) noValue(scope, value, `${name} -${c} would load code named by a value; name it in the action.`);
        break;
      }
    }
  }
}

function envCommand(a: Analysis, args: ShWord[], scope: Scope): void {
  let envPasses = scope.envPasses;
  let i = 0;
  for (; i < args.length; i++) {
    const t = args[i]?.text ?? '';
    if (t === '-i' || t === '--ignore-environment' || t === '-') envPasses = false;
    else if (t === '-S' || t.startsWith('--split-string') || /^-[a-zA-Z]*S/.test(t)) {
      for (const w of args.slice(i)) noValue(scope, w, 'env -S splits its string with its own quoting rules; pass each argument separately instead.');
      return;
    } else if (t === '-u' || t === '-C' || t === '--unset' || t === '--chdir') i++;
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) assignment({ ...scope, depth: 1 }, args[i] as ShWord);
    else if (t === '--') {
      i++;
      break;
    } else if (!t.startsWith('-')) break;
  }
  if (i < args.length) command(a, args.slice(i), { ...scope, envPasses, parserPrefix: scope.parserPrefix });
}

function suCommand(a: Analysis, name: string, args: ShWord[], scope: Scope): void {
  for (let i = 0; i < args.length; i++) {
    const t = args[i]?.text ?? '';
    if (t === '-c' || t === '--command') return shellLayer(a, args[i + 1] ?? plainWord(''), `${name} -c (the target user's shell)`, { ...scope, envPasses: false }, false);
    if (t.startsWith('--command=')) return shellLayer(a, { ...(args[i] as ShWord), text: t.slice('--command='.length) }, `${name} -c (the target user's shell)`, { ...scope, envPasses: false }, false);
    if (t === '-s' || t === '--shell') noValue(scope, args[i + 1], `${name} -s would run a shell named by a value.`);
  }
}

function xargs(a: Analysis, args: ShWord[], scope: Scope): void {
  let replace: string | null = null;
  const i = firstOperand(args, 0, 'adEeIiLlnPs', ['--arg-file', '--delimiter', '--eof', '--replace', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var']);
  for (let j = 0; j < i; j++) {
    const t = args[j]?.text ?? '';
    if (t === '-I') replace = args[j + 1]?.text ?? '{}';
    else if (t.startsWith('-I')) replace = t.slice(2);
    else if (t === '-i' || t === '--replace') replace = '{}';
    else if (t.startsWith('-i') || t.startsWith('--replace=')) replace = t.replace(/^(-i|--replace=)/, '') || '{}';
  }
  if (i < args.length) command(a, args.slice(i), { ...scope, braces: replace, parserPrefix: `${scope.parserPrefix}xargs → ` });
}

function findCommand(a: Analysis, args: ShWord[], scope: Scope): void {
  for (let i = 0; i < args.length; i++) {
    if (!/^-(exec|execdir|ok|okdir)$/.test(args[i]?.text ?? '')) continue;
    let end = i + 1;
    while (end < args.length && args[end]?.text !== ';' && args[end]?.text !== '+') end++;
    command(a, args.slice(i + 1, end), { ...scope, braces: '{}', parserPrefix: `${scope.parserPrefix}find ${args[i]?.text ?? ''} → ` });
    i = end;
  }
}

function sshCommand(a: Analysis, args: ShWord[], scope: Scope): void {
  const i = firstOperand(args, 0, 'BbcDEeFIiJLlmOopQRSWw');
  for (let j = 0; j < i; j++) {
    const t = args[j]?.text ?? '';
    if (t === '-o' || t === '-F') noValue(scope, args[j + 1], 'ssh options can run local commands (ProxyCommand, LocalCommand); a value cannot go into -o or -F.');
    else if (/^-[A-Za-z]*[oF]./.test(t)) noValue(scope, args[j], 'ssh options can run local commands (ProxyCommand, LocalCommand); a value cannot go into -o or -F.');
  }
  const host = args[i];
  const rest = args.slice(i + 1);
  if (!host || rest.length === 0) return;
  shellLayer(a, joined(rest), `the remote shell on ${host.text} (ssh joins its arguments with spaces)`, { ...scope, envPasses: false }, false);
}

function containerCommand(a: Analysis, name: string, args: ShWord[], scope: Scope): void {
  let s = 0;
  if (args[0]?.text === 'container' || args[0]?.text === 'compose') s = 1;
  const verb = args[s]?.text;
  if (verb !== 'exec' && verb !== 'run') return;
  const withArgs = ['--env', '--env-file', '--user', '--workdir', '--detach-keys', '--name', '--volume', '--publish', '--network', '--entrypoint', '--label', '--mount', '--hostname', '--platform', '--memory', '--cpus', '--add-host', '--cap-add', '--cap-drop', '--device', '--pull', '--restart', '--log-driver', '--security-opt'];
  const i = firstOperand(args, s + 1, 'euwvphlmcl', withArgs);
  for (let j = s + 1; j < i; j++) if (args[j]?.text === '--entrypoint') noValue(scope, args[j + 1], `${name} --entrypoint would run a program named by a value.`);
  command(a, args.slice(i + 1), { ...scope, envPasses: false, parserPrefix: `${scope.parserPrefix}${name} ${verb} → ` });
}
