import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunPlan } from '../../../shared/containment/model';
import type { RunAnswer } from '../../../shared/ipc/containment-contract';
import { describeEvent } from '../../../shared/warroom/timeline-filter';
import { confirmationTtlMs } from './confirmations';
import { isAlive, waitUntil } from './process-testing';
import { actor, setup } from '../../ipc/testing/script-service-app';
import { createMemoryLogger } from '../logger';

// Issue 15 through the harness API (the real router over a real store, real processes): the
// examples an attacker used, the confirmation the main process asks for, the environment an
// action may set, negative integers, and what a program leaves behind in its process group.

const issuePlaybook = () => `# Issue 15 runbook

## Severity Levels

| Level | Description |
|-------|-------------|
| SEV1 | Everything is down |

## Containment

Note it:

\`\`\`bash
sh -c "echo noted <MESSAGE>"
\`\`\`

Note it twice:

\`\`\`bash
echo start
sh -c 'echo noted <MESSAGE>'
\`\`\`

Search the auth log:

\`\`\`bash
ssh <HOST> "grep <MESSAGE> /var/log/auth.log"
\`\`\`
`;

const attacks = (marker: string) => ['x && cat /etc/passwd', `$(touch ${marker})`, `\`touch ${marker}\``, `'"$(touch ${marker})"'`, `x'; touch ${marker}; '`, `"; touch ${marker}; "`, '${IFS}cat${IFS}/etc/passwd'];
const passwdLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:x:0:0';

describe('issue 15 through the harness API', () => {
  it('the playbook one-liner sh -c "echo noted <MESSAGE>": asks first, shows the quoted text sh will parse, runs the value as data', async () => {
    const { dir, value, declare, finished, output, events } = await setup({ markdown: issuePlaybook });
    const incidentId = await declare();
    const marker = join(dir, 'MARKER');
    for (const attack of attacks(marker)) {
      const asked = await value<RunAnswer>('actionRun', { incidentId, actionId: 'note-it', params: { MESSAGE: attack } });
      if (asked.status !== 'needs_confirmation') throw new Error('a shell layer must be confirmed');
      expect(asked.plan.layers).toEqual([{ parser: 'sh -c', depth: 1, text: `echo noted '${attack.replaceAll("'", `'\\''`)}'` }]);
      expect(asked.plan.argv[2]).toBe(asked.plan.layers[0]?.text);
      const answer = await value<RunAnswer>('actionRun', { incidentId, actionId: 'note-it', params: { MESSAGE: attack }, confirmation: asked.confirmation });
      if (answer.status !== 'started') throw new Error('confirmed run must start');
      expect((await finished(answer.run.runId)).exitCode).toBe(0);
      const printed = await output(answer.run.runId);
      expect(printed).toBe(`noted ${attack}\n`);
      expect(printed).not.toContain(passwdLine);
    }
    expect(existsSync(marker)).toBe(false);
    expect((await events(incidentId)).filter((e) => e.kind === 'script_started')).toHaveLength(attacks(marker).length);
  });

  it('the nested sh -c in a multi-line snippet: the inner shell expands the variable itself, and the confirmation shows that', async () => {
    const { dir, value, declare, finished, output } = await setup({ markdown: issuePlaybook });
    const incidentId = await declare();
    const marker = join(dir, 'MARKER');
    for (const attack of attacks(marker)) {
      const asked = await value<RunAnswer>('actionRun', { incidentId, actionId: 'note-it-twice', params: { MESSAGE: attack } });
      if (asked.status !== 'needs_confirmation') throw new Error('a snippet must be confirmed');
      expect(asked.plan.layers.map((l) => [l.parser, l.depth, l.text])).toEqual([
        ['bash', 1, `echo start\nsh -c 'echo noted ''"\${CORDON_PARAM_MESSAGE}"'''`],
        ['sh -c', 2, 'echo noted "${CORDON_PARAM_MESSAGE}"'],
      ]);
      const answer = await value<RunAnswer>('actionRun', { incidentId, actionId: 'note-it-twice', params: { MESSAGE: attack }, confirmation: asked.confirmation });
      if (answer.status !== 'started') throw new Error('confirmed run must start');
      await finished(answer.run.runId);
      expect(await output(answer.run.runId)).toBe(`start\nnoted ${attack}\n`);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('ssh <HOST> "grep <MESSAGE> …": the dry run asks for confirmation and shows the quoted string the remote shell will parse', async () => {
    const { value, declare } = await setup({ markdown: issuePlaybook });
    // An exercise: nothing is looked up or run, so this holds on a machine without ssh.
    const incidentId = await declare('exercise');
    const plan = await value<RunPlan>('actionDryRun', { incidentId, actionId: 'search-the-auth-log', params: { HOST: 'web-01.example.com', MESSAGE: 'x && cat /etc/passwd' } });
    expect(plan).toMatchObject({ needsConfirmation: true, argv: ['ssh', 'web-01.example.com', `grep 'x && cat /etc/passwd' /var/log/auth.log`] });
    expect(plan.layers).toEqual([{ parser: 'the remote shell on web-01.example.com (ssh joins its arguments with spaces)', depth: 1, text: `grep 'x && cat /etc/passwd' /var/log/auth.log` }]);
  });

  it('an author-built sh -c "echo {X}" is quoted the same way; python -c with a value inside is refused when saved, with the safe form', async () => {
    const { dir, router, declare, start, finished, output, userAction } = await setup({ markdown: issuePlaybook });
    const incidentId = await declare();
    const marker = join(dir, 'MARKER');
    const echo = await userAction({ name: 'Echo', mode: 'argv', argv: ['sh', '-c', 'echo {X}'], cwd: dir, params: [{ name: 'X', kind: 'string' }] });
    for (const attack of attacks(marker)) {
      const run = await start({ incidentId, actionId: echo.id, params: { X: attack } });
      await finished(run.runId);
      expect(await output(run.runId)).toBe(`${attack}\n`);
    }
    expect(existsSync(marker)).toBe(false);
    const refused = await router.dispatch('actionSave', { name: 'Py', mode: 'argv', argv: ['python3', '-c', 'print("{X}")'], params: [{ name: 'X', kind: 'string' }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/python code.*sys\.argv\[1\]/) } });
    const snippet = await router.dispatch('actionSave', { name: 'Sn', mode: 'snippet', script: 'sh -c "echo $CORDON_PARAM_X"', params: [{ name: 'X', kind: 'string' }] });
    expect(snippet).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/would parse the value of \$CORDON_PARAM_X as code/) } });
  });
});

describe('the confirmation is the main process’s', () => {
  it('a token is single use, expires after two minutes, binds the exact plan and the incident, and cannot be forged; nothing runs without one', async () => {
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const { dir, router, value, declare, events, userAction } = await setup({ now: () => clock });
    const incidentId = await declare();
    const other = await declare();
    const destroy = await userAction({ name: 'Destroy', mode: 'argv', argv: ['/bin/touch', join(dir, 'DESTROYED-{N}')], destructive: true, params: [{ name: 'N', kind: 'integer' }] });
    const ask = async (n: string, where = incidentId) => {
      const answer = await value<RunAnswer>('actionRun', { incidentId: where, actionId: destroy.id, params: { N: n } });
      if (answer.status !== 'needs_confirmation') throw new Error('destructive actions must be confirmed');
      return answer;
    };
    const bring = (token: string, n: string, where = incidentId) => router.dispatch('actionRun', { incidentId: where, actionId: destroy.id, params: { N: n }, confirmation: token });
    const forbidden = (message: RegExp) => ({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(message) } });

    const first = await ask('1');
    expect(first.expiresAt).toBe(new Date(clock + confirmationTtlMs).toISOString());
    expect(first.plan.argv).toEqual(['/bin/touch', join(dir, 'DESTROYED-1')]);
    // Another value than the one confirmed: refused, and the token is spent.
    expect(await bring(first.confirmation, '2')).toMatchObject(forbidden(/not the one you confirmed/));
    expect(await bring(first.confirmation, '1')).toMatchObject(forbidden(/already used, or never asked for/));
    // Expired.
    const late = await ask('3');
    clock += confirmationTtlMs + 1;
    expect(await bring(late.confirmation, '3')).toMatchObject(forbidden(/expired/));
    // Another incident.
    const elsewhere = await ask('4');
    expect(await bring(elsewhere.confirmation, '4', other)).toMatchObject(forbidden(/not the one you confirmed/));
    // Forged: well formed, never issued.
    expect(await bring(`${'0'.repeat(32)}.${'f'.repeat(64)}`, '5')).toMatchObject(forbidden(/never asked for/));
    expect((await events(incidentId)).some((e) => e.kind === 'script_started')).toBe(false);
    for (const n of ['1', '2', '3', '4', '5']) expect(existsSync(join(dir, `DESTROYED-${n}`))).toBe(false);
    // The right token, in time, once: it runs.
    const good = await ask('6');
    expect(await bring(good.confirmation, '6')).toMatchObject({ ok: true, value: { status: 'started' } });
    expect(await bring(good.confirmation, '6')).toMatchObject(forbidden(/already used/));
  });

  it('with a native confirmation (Electron), the main process asks it and the page’s token is not needed; a no stops the run', async () => {
    const { dir, value, declare, events, userAction, services } = await setup();
    const incidentId = await declare();
    const asked: RunPlan[] = [];
    let answer = false;
    // The dialog adapter Electron injects (electron/main/confirm-dialog.ts), here as a stand-in that records the plan.
    const { createScriptService } = await import('./service');
    const scripts = createScriptService({
      withStore: (fn) => services.vault.use(fn),
      isUnlocked: () => services.vault.isUnlocked,
      bus: services.bus,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined } as never,
      runner: { spawn: (await import('node:child_process')).spawn, logger: createMemoryLogger(), drainMs: 300 },
      confirm: async (plan) => {
        asked.push(plan);
        return answer;
      },
    });
    const destroy = await userAction({ name: 'Destroy', mode: 'argv', argv: ['/bin/touch', join(dir, 'DESTROYED')], destructive: true });
    expect(await scripts.run({ incidentId, actionId: destroy.id, params: {}, actor })).toEqual({ status: 'declined' });
    expect(asked[0]?.argv).toEqual(['/bin/touch', join(dir, 'DESTROYED')]);
    expect((await events(incidentId)).some((e) => e.kind === 'script_started')).toBe(false);
    answer = true;
    const started = await scripts.run({ incidentId, actionId: destroy.id, params: {}, actor });
    expect(started).toMatchObject({ status: 'started' });
    expect(await waitUntil(() => existsSync(join(dir, 'DESTROYED')))).toBe(true);
    await scripts.close();
    expect(await value('actionList', {})).toHaveLength(1);
  });
});

describe('scripts get little', () => {
  const refusedNames = [
    'PYTHONPATH', 'PYTHONSTARTUP', 'PYTHONHOME', 'PERL5OPT', 'PERL5LIB', 'PERLLIB', 'RUBYOPT', 'RUBYLIB', 'NODE_OPTIONS', 'NODE_PATH',
    'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'CLASSPATH', 'GCONV_PATH', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT',
    'DYLD_INSERT_LIBRARIES', 'DYLD_LIBRARY_PATH', 'GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_EXEC_PATH', 'GIT_CONFIG_GLOBAL', 'PROMPT_COMMAND',
    'LESSOPEN', 'LESSCLOSE', 'BASH_ENV', 'ENV', 'IFS', 'PATH', 'HOME', 'SHELLOPTS', 'BASHOPTS', 'PS4', 'PAGER', 'EDITOR', 'SSH_ASKPASS',
    'SUDO_ASKPASS', 'GLIBC_TUNABLES', 'LOCPATH', 'CDPATH', 'ZDOTDIR', 'CORDON_PARAM_X', 'OPENSSL_CONF', 'LUA_INIT', 'http_proxy', 'lower',
  ];

  it.each(refusedNames)('an action may not set %s: refused when saved, naming it', async (name) => {
    const { router } = await setup();
    const result = await router.dispatch('actionSave', { name: 'x', mode: 'argv', argv: ['/bin/true'], env: [{ name, secret: false, value: 'x' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    if (!result.ok) expect(result.error.message).toContain(name);
  });

  it('plain names an author needs are allowed and reach the program; a stored action with a refused name cannot run', async () => {
    const { dir, router, declare, startNow, finished, output, userAction, services } = await setup();
    const incidentId = await declare();
    const ok = await userAction({ name: 'Env', mode: 'argv', argv: ['/usr/bin/env'], cwd: dir, env: ['API_TOKEN', 'AWS_REGION', 'VAULT_ADDR', 'KUBE_NAMESPACE', 'TICKET_ID'].map((name) => ({ name, secret: false, value: `v-${name}` })) });
    const run = await startNow({ incidentId, actionId: ok.id });
    await finished(run.runId);
    const printed = await output(run.runId);
    for (const name of ['API_TOKEN', 'AWS_REGION', 'VAULT_ADDR', 'KUBE_NAMESPACE', 'TICKET_ID']) expect(printed).toContain(`${name}=v-${name}\n`);
    // Saved before the allow-list (written straight to the store): refused at run time, naming the variable.
    services.vault.use((store) => {
      const repo = store.actions;
      const stored = repo.get(ok.id);
      if (!stored) throw new Error('missing');
      const { id: _id, source: _s, original: _o, updatedAt: _u, updatedBy: _b, ...definition } = stored;
      store.write((tx) => repo.upsert(tx, ok.id, { ...definition, env: [{ name: 'PYTHONSTARTUP', secret: false, value: '/tmp/x.py' }] }, {}, new Date().toISOString(), actor));
    });
    const refused = await router.dispatch('actionRun', { incidentId, actionId: ok.id, params: {} });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/PYTHONSTARTUP is not allowed: Python reads it/) } });
  });

  it('an integer is non-negative unless the parameter says it may be negative: kill -HUP -1 is refused before anything runs', async () => {
    const { dir, router, declare, events, startNow, finished, output, userAction } = await setup();
    const incidentId = await declare();
    const kill = await userAction({ name: 'Reload', mode: 'argv', argv: ['/bin/echo', 'kill', '-HUP', '{PID}'], cwd: dir, params: [{ name: 'PID', kind: 'integer' }] });
    const before = (await events(incidentId)).length;
    expect(await router.dispatch('actionRun', { incidentId, actionId: kill.id, params: { PID: '-1' } })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringMatching(/PID must not be negative/) },
    });
    expect(await events(incidentId)).toHaveLength(before);
    const offset = await userAction({ name: 'Offset', mode: 'argv', argv: ['/bin/echo', '{N}'], cwd: dir, params: [{ name: 'N', kind: 'integer', signed: true }] });
    const run = await startNow({ incidentId, actionId: offset.id, params: { N: '-5' } });
    await finished(run.runId);
    expect(await output(run.runId)).toBe('-5\n');
  });

  it('a run ends when its whole process group is gone: a background child writing to /dev/null is ended, and the timeline says so', async () => {
    const { dir, declare, events, start, finished, userAction } = await setup();
    const incidentId = await declare();
    const pidFile = join(dir, 'bg.pid');
    const action = await userAction({ name: 'Leave one behind', mode: 'argv', argv: ['/bin/sh', '-c', `sleep 30 >/dev/null 2>&1 & echo $! > "${pidFile}"; echo done`], cwd: dir });
    const run = await start({ incidentId, actionId: action.id });
    expect(await finished(run.runId)).toMatchObject({ state: 'succeeded', exitCode: 0 });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(1);
    expect(await waitUntil(() => !isAlive(pid))).toBe(true);
    const ended = (await events(incidentId)).find((e) => e.kind === 'script_finished');
    expect(ended?.payload).toMatchObject({ outcome: 'succeeded', stragglersKilled: 1 });
    expect(ended && describeEvent(ended).detail).toMatch(/Cordon ended 1 process the program left running/);
  });
});
