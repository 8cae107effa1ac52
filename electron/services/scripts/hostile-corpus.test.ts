import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planArgv, planSnippet } from '../../../shared/containment/layered-plan';
import type { ActionParam, ActionView } from '../../../shared/containment/model';
import { fromPlaybookAction, paramEnv, snippetArgv } from '../../../shared/containment/plan';
import { checkParams } from '../../../shared/containment/validate';
import { findParams } from '../../../shared/playbook/params';
import { tempDir } from '../../store/testing/temp-dir';
import { hostileValues } from './hostile-values';
import { resolveExecutable } from './resolve';
import { startProcess } from './runner';
import { createMemoryLogger } from '../logger';

// The hostile corpus: 120+ values an attacker could plant in incident data, against templates
// that hand values to every kind of code layer (the examples from issue 15 first), each run as
// a real process exactly as the service would build it (planArgv / planSnippet, the same
// parameter check, the same runner). Zero executions: the marker file never appears and
// /etc/passwd is never printed; and where the template prints the value, it arrives intact.
//
// ssh, kubectl and docker cannot reach a remote side here, so stand-ins with the same names do
// what the remote side would: the ssh stand-in joins its arguments after the host with spaces
// and hands the string to a local `sh -c` (what the remote login shell does with it); the
// kubectl and docker stand-ins run the argv after `--` / the container name as given (what the
// container runtime does). The strings they receive are exactly what Cordon sends.

let dir = '';
let cleanup: () => void = () => undefined;
let bin = '';
let marker = '';
let env: Record<string, string> = {};
const passwdLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:x:0:0';

beforeAll(() => {
  const t = tempDir('cordon-corpus-');
  dir = t.dir;
  cleanup = t.cleanup;
  bin = join(dir, 'bin');
  mkdirSync(bin);
  marker = join(dir, 'MARKER');
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o700);
  };
  script('ssh', 'while [ $# -gt 0 ]; do case "$1" in -[BbcDEeFIiJLlmOopQRSWw]) shift 2;; -*) shift;; *) break;; esac; done\nshift\nexec /bin/sh -c "$*"');
  script('kubectl', 'while [ $# -gt 0 ] && [ "$1" != "--" ]; do shift; done\nshift\nexec "$@"');
  script('docker', 'shift\nwhile [ $# -gt 0 ]; do case "$1" in -e|-u|-w) shift 2;; -*) shift;; *) break;; esac; done\nshift\nexec "$@"');
  script('grep', 'printf "grep got: %s\\n" "$1"');
  env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: dir, LANG: 'C.UTF-8' };
});
afterAll(() => cleanup());

const stringParam = (name: string): ActionParam => ({ name, kind: 'string' });

function playbook(command: string): ActionView {
  const view = fromPlaybookAction({ key: 'k', name: 'From a playbook', command, language: 'bash', params: findParams(command, true), phaseKey: null, destructive: false, line: 1 });
  // The imported kinds depend on the placeholder's name; the corpus wants free text everywhere.
  return { ...view, params: view.params.map((p) => (p.name === 'HOST' ? p : stringParam(p.name))) };
}

function authored(argv: string[], params = ['X']): ActionView {
  return { ...playbook('true'), source: 'user', mode: 'argv', argv, script: '', params: params.map(stringParam), description: '' };
}

function snippet(script: string, shell: 'sh' | 'bash' = 'sh'): ActionView {
  return { ...playbook('true'), source: 'user', mode: 'snippet', argv: [], script, shell, params: [stringParam('X')], description: '' };
}

interface Template {
  name: string;
  action: () => ActionView;
  /** The parameter the corpus fills; others get a fixed value. */
  param: string;
  fixed?: Record<string, string>;
  /** What the program prints for a value that ran, when that can be said exactly. */
  expect?: (v: string) => string | null;
}

// dash's echo decodes backslash escapes, so only values without one are compared exactly there.
const dashEcho = (prefix: string) => (v: string) => (v.includes('\\') ? null : `${prefix}${v}\n`);

const templates: Template[] = [
  { name: 'playbook one-liner: sh -c "echo noted <MESSAGE>"', action: () => playbook('sh -c "echo noted <MESSAGE>"'), param: 'MESSAGE', expect: dashEcho('noted ') },
  { name: "playbook snippet with a nested sh -c '…<MESSAGE>…'", action: () => playbook("echo start\nsh -c 'echo noted <MESSAGE>'"), param: 'MESSAGE', expect: (v) => (v.includes('\\') ? null : `start\nnoted ${v}\n`) },
  { name: 'playbook one-liner: ssh <HOST> "grep <PATTERN> /var/log/auth.log"', action: () => playbook('ssh <HOST> "grep <PATTERN> /var/log/auth.log"'), param: 'PATTERN', fixed: { HOST: 'web-01.example.com' }, expect: (v) => `grep got: ${v}\n` },
  { name: 'author-built argv: sh -c "echo {X}"', action: () => authored(['sh', '-c', 'echo {X}']), param: 'X', expect: dashEcho('') },
  { name: 'author-built argv: bash -c \'printf "%s\\n" "{X}"\' (inside double quotes)', action: () => authored(['bash', '-c', 'printf "%s\\n" "{X}"']), param: 'X', expect: (v) => `${v}\n` },
  { name: "nested quotes: sh -c \"sh -c 'printf … \\\"{X}\\\"'\"", action: () => authored(['sh', '-c', `sh -c 'printf "%s\\n" "{X}"'`]), param: 'X', expect: (v) => `${v}\n` },
  { name: 'eval: bash -c \'eval "echo {X}"\'', action: () => authored(['bash', '-c', 'eval "echo {X}"']), param: 'X', expect: (v) => `${v}\n` },
  { name: 'trap: sh -c \'trap "printf %s\\\\n {X}" EXIT\'', action: () => authored(['sh', '-c', `trap "printf '%s\\n' {X}" EXIT`]), param: 'X', expect: (v) => `${v}\n` },
  { name: 'kubectl exec pod -- sh -c "printf … {X}"', action: () => authored(['kubectl', 'exec', 'web-0', '-n', 'prod', '--', 'sh', '-c', `printf '%s\\n' {X}`]), param: 'X', expect: (v) => `${v}\n` },
  { name: 'docker exec -u root c sh -c "printf … {X}"', action: () => authored(['docker', 'exec', '-u', 'root', 'web', 'sh', '-c', `printf '%s\\n' {X}`]), param: 'X', expect: (v) => `${v}\n` },
  { name: 'find -exec sh -c \'printf … {X} "$1"\' sh {} ;', action: () => authored(['find', '.', '-maxdepth', '0', '-exec', 'sh', '-c', `printf '%s %s\\n' {X} "$1"`, 'sh', '{}', ';']), param: 'X', expect: (v) => `${v} .\n` },
  { name: 'xargs sh -c \'printf … {X}\' sh', action: () => authored(['xargs', 'sh', '-c', `printf '%s\\n' {X}`, 'sh']), param: 'X', expect: (v) => `${v}\n` },
  { name: 'ssh inside sh -c: sh -c \'ssh web-01 "grep {X} /var/log/auth.log"\'', action: () => authored(['sh', '-c', `ssh web-01 "grep {X} /var/log/auth.log"`]), param: 'X', expect: (v) => `grep got: ${v}\n` },
  { name: 'env: env LC_ALL=C sh -c "printf … {X}"', action: () => authored(['env', 'LC_ALL=C', 'sh', '-c', `printf '%s\\n' {X}`]), param: 'X', expect: (v) => `${v}\n` },
  { name: 'python, the safe way: python3 -c "import sys; …" {X}', action: () => authored(['/usr/bin/python3', '-c', 'import sys; sys.stdout.write(sys.argv[1] + "\\n")', '{X}']), param: 'X', expect: (v) => `${v}\n` },
  { name: 'author snippet: sh -c \'printf … "$CORDON_PARAM_X"\'', action: () => snippet(`sh -c 'printf "%s\\n" "$CORDON_PARAM_X"'`), param: 'X', expect: (v) => `${v}\n` },
];

interface Tally {
  ran: number;
  refusedByCheck: string[];
  executions: number;
  passwdPrinted: number;
  wrong: { value: string; got: string }[];
}

async function runCorpus(t: Template): Promise<Tally> {
  const action = t.action();
  expect(action.description, `${t.name} must be runnable`).toBe('');
  const values = hostileValues(marker);
  const tally: Tally = { ran: 0, refusedByCheck: [], executions: 0, passwdPrinted: 0, wrong: [] };
  const one = async (value: string) => {
    const checked = checkParams(action.params, { ...t.fixed, [t.param]: value });
    if (!checked.ok) {
      tally.refusedByCheck.push(value);
      return;
    }
    const planned = action.mode === 'argv' ? planArgv(action.argv, checked.values) : planSnippet(action.script, action.shell, true);
    if (!planned.ok) throw new Error(`${t.name}: refused ${planned.message}`);
    const argv = 'argv' in planned ? (planned.argv as string[]) : snippetArgv(action.shell, action.script);
    const file = resolveExecutable(argv[0] ?? '', env.PATH ?? '', dir);
    const result = await startProcess({ file, argv, cwd: dir, env: { ...env, ...paramEnv(checked.values) }, timeoutMs: 10_000 }, { spawn, logger: createMemoryLogger(), killGraceMs: 200 }, () => undefined).done;
    tally.ran++;
    const out = result.segments.map((s) => s.text).join('');
    if (existsSync(marker)) tally.executions++;
    if (out.includes(passwdLine)) tally.passwdPrinted++;
    const expected = t.expect?.(value) ?? null;
    if (expected !== null && out !== expected) tally.wrong.push({ value, got: `${result.outcome} ${result.exitCode ?? result.signal ?? ''}: ${out.slice(0, 300)}` });
  };
  const queue = [...values];
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let v = queue.shift(); v !== undefined; v = queue.shift()) await one(v);
  }));
  return tally;
}

// Refused before anything runs, by the parameter check itself: control characters, edge spaces, a leading "-", nothing, over 1000 characters.
const refusedByDesign = (v: string) => v === '' || v.length > 1000 || v !== v.trim() || v.startsWith('-') || [...v].some((c) => ((c.codePointAt(0) ?? 0) < 0x20 && c !== '\t') || c === '\u007f');

describe('the hostile corpus against every kind of code layer, run for real', () => {
  it('has at least 100 values and 10 templates', () => {
    expect(hostileValues('M').length).toBeGreaterThanOrEqual(120);
    expect(templates.length).toBeGreaterThanOrEqual(10);
  });

  it.each(templates.map((t) => [t.name, t] as const))('%s: zero executions, the value arrives as data', async (_name, t) => {
    const tally = await runCorpus(t);
    expect(tally.executions).toBe(0);
    expect(tally.passwdPrinted).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(tally.wrong).toEqual([]);
    // Only the values the parameter check refuses by design stayed out; everything else really ran.
    expect(tally.refusedByCheck.every(refusedByDesign)).toBe(true);
    expect(tally.ran).toBe(hostileValues(marker).filter((v) => !refusedByDesign(v)).length);
    expect(tally.ran).toBeGreaterThanOrEqual(110);
  }, 60_000);

  it('a value inside another language’s code, or a variable a nested shell would parse, is refused with the safe way to write it', () => {
    const refusals: [string[], RegExp][] = [
      [['python3', '-c', 'print("{X}")'], /python code.*python3 -c 'import sys; print\(sys.argv\[1\]\)' \{VALUE\}/],
      [['perl', '-ne', 'print if /{X}/', 'f'], /perl code.*perl -e 'print \$ARGV\[0\]'/],
      [['ruby', '-e', 'puts "{X}"'], /ruby code/],
      [['node', '-e', 'console.log("{X}")'], /node code/],
      [['pwsh', '-Command', 'Write-Output {X}'], /PowerShell code/],
      [['cmd', '/c', 'echo {X}'], /cmd.exe code/],
      [['awk', '/{X}/ { print }', 'f'], /awk code.*awk -v VALUE=\{VALUE\}/],
      [['sed', '-i', 's/{X}/y/', 'f'], /sed code/],
      [['sh', '-c', 'eval "$1"', 'sh', '{X}'], /eval would parse the value of \$1 as code/],
      [['sh', '-c', 'sh -c "echo $1"', 'sh', '{X}'], /sh -c would parse the value of \$1 as code/],
      [['sh', '-c', 'echo $1', 'sh', '{X}'], /Write "\$1" in double quotes/],
      [['find', '.', '-exec', 'sh', '-c', 'echo {}', ';'], /would parse each \{\} \(a file name or input line\) as code/],
      [['xargs', '-I', '%', 'sh', '-c', 'echo %'], /would parse each % /],
      [['sh', '-c', '{X} --version'], /program to run cannot come from a value/],
      [['sh', '-c', 'echo `echo {X}`'], /backticks/],
      [['sh', '-c', 'cat <<EOF\n{X}\nEOF'], /here-document/],
      [['bash', '-c', 'echo $(( {X} + 1 ))'], /arithmetic/],
      [['ssh', '-o', 'ProxyCommand={X}', 'h'], /ProxyCommand/],
      [['sudo', '-s', 'echo', '{X}'], /sudo -s/],
      [['env', 'LD_PRELOAD={X}', 'ls'], /LD_PRELOAD.*loader/],
      [['parallel', 'echo', '{X}'], /GNU parallel/],
    ];
    for (const [template, message] of refusals) {
      const planned = planArgv(template, { X: 'value' });
      expect({ template, planned }).toMatchObject({ planned: { ok: false, message: expect.stringMatching(message) } });
    }
    expect(planSnippet('sh -c "echo $CORDON_PARAM_X"', 'sh', true)).toMatchObject({ ok: false, message: expect.stringMatching(/sh -c would parse the value of \$CORDON_PARAM_X as code/) });
    expect(planSnippet('ssh web-01 "grep $CORDON_PARAM_X /var/log/auth.log"', 'sh', true)).toMatchObject({ ok: false, message: expect.stringMatching(/remote shell on web-01.*CORDON_PARAM_X/) });
    expect(planSnippet('"$CORDON_PARAM_X" --help', 'sh', true)).toMatchObject({ ok: false, message: expect.stringMatching(/program to run would be named by a value/) });
  });

  it('the refused forms really would have run the value (so refusing them is not over-caution)', async () => {
    // What a naive run of `sh -c "sh -c \"echo $1\""` does with the value: the inner shell executes it.
    const naive = await startProcess(
      { file: '/bin/sh', argv: ['sh', '-c', 'sh -c "echo $1"', 'sh', `x; touch ${marker}`], cwd: dir, env, timeoutMs: 5_000 },
      { spawn, logger: createMemoryLogger(), killGraceMs: 200, drainMs: 200 },
      () => undefined,
    ).done;
    expect(naive.outcome).toBe('succeeded');
    expect(existsSync(marker)).toBe(true);
    const { rmSync } = await import('node:fs');
    rmSync(marker);
  });
});
