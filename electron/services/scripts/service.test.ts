import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ListedAction, RunPlan, ScriptRun } from '../../../shared/containment/model';
import type { EventView } from '../../../shared/ipc/store-schemas';
import { actionContract, type RunAnswer } from '../../../shared/ipc/containment-contract';
import { isAlive, waitUntil } from './process-testing';
import { actor, setup } from '../../ipc/testing/script-service-app';

const injections = ['; touch MARKER', '$(touch MARKER)', '`touch MARKER`', '&& touch MARKER', '| touch MARKER', "' ; touch MARKER '", '" ; touch MARKER "'];

describe('containment actions', () => {
  it('lists the pinned playbook’s actions (argv and snippet) beside the user’s', async () => {
    const { value, declare, userAction } = await setup();
    const incidentId = await declare();
    await userAction({ name: 'Echo', mode: 'argv', argv: ['/bin/echo', 'hi'] });
    const list = await value<ListedAction[]>('actionList', { incidentId });
    expect(list.map((a) => [a.source, a.name, a.mode])).toEqual([
      ['playbook', 'Say hello', 'argv'],
      ['playbook', 'Record a message', 'snippet'],
      ['user', 'Echo', 'argv'],
    ]);
    expect(list[0]!.argv).toEqual(['echo', 'hello', '{HOSTNAME}']);
    expect(list[1]!.script).toContain('"${CORDON_PARAM_MESSAGE}"');
    expect(await value<ListedAction[]>('actionList', {})).toHaveLength(1);
  });

  it('says which actions hand their values to a shell, so the page need not parse commands', async () => {
    const { value, userAction } = await setup();
    await userAction({ name: 'Plain', mode: 'argv', argv: ['/bin/echo', '{HOST}'], params: [{ name: 'HOST', kind: 'hostname' }] });
    await userAction({ name: 'Remote', mode: 'argv', argv: ['ssh', 'bastion', 'uptime', '{HOST}'], params: [{ name: 'HOST', kind: 'hostname' }] });
    const list = await value<ListedAction[]>('actionList', {});
    expect(Object.fromEntries(list.map((a) => [a.name, a.handsToShell]))).toEqual({ Plain: false, Remote: true });
  });

  it('runs an argv action: live output, script_started and script_finished on the timeline with exit code 0, output kept', async () => {
    const { value, declare, events, finished, pushes, startNow } = await setup();
    const incidentId = await declare();
    const run = await startNow({ incidentId, actionId: 'say-hello', params: { HOSTNAME: 'web-01.example.com' } });
    expect(run.state).toBe('running');
    const done = await finished(run.runId);
    expect(done).toMatchObject({ state: 'succeeded', exitCode: 0, outputBytes: 'hello web-01.example.com\n'.length });
    const output = await value<{ segments: { stream: string; text: string }[] }>('scriptOutput', { runId: run.runId });
    expect(output.segments).toEqual([{ stream: 'stdout', text: 'hello web-01.example.com\n' }]);
    const timeline = await events(incidentId);
    const started = timeline.find((e) => e.kind === 'script_started');
    const ended = timeline.find((e) => e.kind === 'script_finished');
    expect(started?.payload).toMatchObject({ runId: run.runId, argv: ['echo', 'hello', 'web-01.example.com'], simulated: false, params: { HOSTNAME: 'web-01.example.com' } });
    expect(ended?.payload).toMatchObject({ runId: run.runId, outcome: 'succeeded', exitCode: 0, outputSha256: done.outputSha256 });
    expect(pushes.some((p) => p.topic === 'script.output' && p.runId === run.runId && p.chunk.includes('hello'))).toBe(true);
    expect(pushes.filter((p) => p.topic === 'script.state' && p.runId === run.runId).map((p) => p.topic === 'script.state' && p.state)).toEqual(['running', 'succeeded']);
    expect((await value<{ ok: boolean }>('incidentVerify', { incidentId })).ok).toBe(true);
  });

  it('argv actions: injection attempts reach the program as plain text, nothing else runs', async () => {
    const { dir, value, declare, finished, userAction, startNow } = await setup();
    const incidentId = await declare();
    const action = await userAction({ name: 'Echo it', mode: 'argv', argv: ['/bin/echo', 'got:{MSG}'], cwd: dir, params: [{ name: 'MSG', kind: 'string' }] });
    for (const attempt of injections) {
      const run = await startNow({ incidentId, actionId: action.id, params: { MSG: attempt } });
      expect((await finished(run.runId)).exitCode).toBe(0);
      const output = await value<{ segments: { text: string }[] }>('scriptOutput', { runId: run.runId });
      expect(output.segments.map((s) => s.text).join('')).toBe(`got:${attempt}\n`);
    }
    expect(existsSync(join(dir, 'MARKER'))).toBe(false);
  });

  it('snippet actions: values arrive only as environment variables, so shell syntax in them is inert', async () => {
    const { dir, value, declare, finished, start } = await setup();
    const incidentId = await declare();
    const marker = join(dir, 'MARKER');
    const attempt = `$(touch ${marker}) \`touch ${marker}\` ; touch ${marker} && touch ${marker} | touch ${marker} ' " $HOME`;
    // Asking to run a snippet answers with the plan to confirm; nothing runs yet.
    const asked = await value<RunAnswer>('actionRun', { incidentId, actionId: 'record-a-message', params: { MESSAGE: attempt } });
    expect(asked).toMatchObject({ status: 'needs_confirmation', plan: { mode: 'snippet', params: { MESSAGE: attempt } } });
    expect(existsSync(join(dir, 'said.txt'))).toBe(false);
    const plan = await value<RunPlan>('actionDryRun', { incidentId, actionId: 'record-a-message', params: { MESSAGE: attempt } });
    expect(plan).toMatchObject({ mode: 'snippet', needsConfirmation: true, envNames: ['CORDON_PARAM_MESSAGE'] });
    expect(plan.argv[0]).toBe('bash');
    expect(plan.argv[2]).not.toContain(attempt); // the value is never spliced into the script
    const run = await start({ incidentId, actionId: 'record-a-message', params: { MESSAGE: attempt } });
    expect((await finished(run.runId)).exitCode).toBe(0);
    const output = await value<{ segments: { text: string }[] }>('scriptOutput', { runId: run.runId });
    expect(output.segments.map((s) => s.text).join('')).toBe(`${attempt}\n${attempt}\n`);
    expect(readFileSync(join(dir, 'said.txt'), 'utf8')).toBe(`said: ${attempt}\n`);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses values that do not fit their kind, newlines, and option smuggling, before anything runs', async () => {
    const { dir, router, declare, events, userAction } = await setup();
    const incidentId = await declare();
    const ls = await userAction({ name: 'List', mode: 'argv', argv: ['ls', '{TARGET}'], cwd: dir, params: [{ name: 'TARGET', kind: 'path' }] });
    const before = (await events(incidentId)).length;
    const cases: [string, Record<string, string>, RegExp][] = [
      ['say-hello', { HOSTNAME: 'web-01; touch MARKER' }, /not a host name/],
      ['say-hello', { HOSTNAME: '--help' }, /must not start with "-"/],
      ['say-hello', {}, /is required/],
      ['say-hello', { HOSTNAME: 'a.example', EXTRA: 'x' }, /EXTRA is not a parameter/],
      ['record-a-message', { MESSAGE: 'two\nlines' }, /one line/],
      [ls.id, { TARGET: '--output=/etc/passwd' }, /must not start with "-"/],
      [ls.id, { TARGET: '-la' }, /must not start with "-"/],
    ];
    for (const [actionId, params, message] of cases) {
      const result = await router.dispatch('actionRun', { incidentId, actionId, params });
      expect(result).toMatchObject({ ok: false, error: { code: 'bad_input' } });
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
    expect(await events(incidentId)).toHaveLength(before);
    expect(existsSync(join(dir, 'MARKER'))).toBe(false);
  });

  it('a missing program or working folder is a clear error; destructive actions need confirmation', async () => {
    const { dir, router, declare, events, userAction } = await setup();
    const incidentId = await declare();
    const missing = await userAction({ name: 'Missing', mode: 'argv', argv: ['cordon-no-such-program-xyz'] });
    expect(await router.dispatch('actionDryRun', { incidentId, actionId: missing.id })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/not found on PATH/) } });
    const noDir = await userAction({ name: 'No dir', mode: 'argv', argv: ['/bin/echo'], cwd: join(dir, 'nope') });
    expect(await router.dispatch('actionRun', { incidentId, actionId: noDir.id })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/working folder/) } });
    const destroy = await userAction({ name: 'Destroy', mode: 'argv', argv: ['/bin/touch', join(dir, 'DESTROYED')], destructive: true });
    expect(await router.dispatch('actionRun', { incidentId, actionId: destroy.id })).toMatchObject({ ok: true, value: { status: 'needs_confirmation', plan: { destructive: true } } });
    expect(existsSync(join(dir, 'DESTROYED'))).toBe(false);
    expect((await events(incidentId)).some((e) => e.kind === 'script_started')).toBe(false);
    const plan = await router.dispatch('actionDryRun', { incidentId, actionId: destroy.id });
    expect(plan).toMatchObject({ ok: true, value: { argv: ['/bin/touch', join(dir, 'DESTROYED')], destructive: true, needsConfirmation: true } });
    expect(existsSync(join(dir, 'DESTROYED'))).toBe(false);
  });

  it('secrets are stored encrypted, used by the run, and never returned', async () => {
    const { dir, value, declare, finished, userAction, start } = await setup();
    const incidentId = await declare();
    const secret = 's3cr3t-token-value';
    const action = await userAction({
      name: 'Token length',
      mode: 'snippet',
      script: 'printf %s "$API_TOKEN" | wc -c; printf "%s\\n" "$REGION"',
      cwd: dir,
      env: [
        { name: 'API_TOKEN', secret: true, value: secret },
        { name: 'REGION', secret: false, value: 'eu-west-1' },
      ],
    });
    expect(action.env).toEqual([
      { name: 'API_TOKEN', secret: true, value: null, set: true },
      { name: 'REGION', secret: false, value: 'eu-west-1', set: true },
    ]);
    // Edited without re-entering the secret: it is kept. Duplicated: copied.
    const edited = await userAction({ ...strip(action), id: action.id, name: 'Token length v2', env: [{ name: 'API_TOKEN', secret: true }, { name: 'REGION', secret: false, value: 'eu-west-1' }] });
    const copy = await userAction({ ...strip(edited), copySecretsFrom: action.id, name: 'Copy', env: [{ name: 'API_TOKEN', secret: true }] });
    expect(copy.env[0]).toMatchObject({ set: true });
    const listed = JSON.stringify(await value('actionList', { incidentId }));
    expect(listed).not.toContain(secret);
    const plan = await value<RunPlan>('actionDryRun', { incidentId, actionId: edited.id });
    expect(plan.envNames).toEqual(['API_TOKEN', 'REGION']);
    expect(JSON.stringify(plan)).not.toContain(secret);
    const run = await start({ incidentId, actionId: edited.id });
    await finished(run.runId);
    const output = await value<{ segments: { text: string }[] }>('scriptOutput', { runId: run.runId });
    expect(output.segments.map((s) => s.text.trim()).join(' ')).toMatch(new RegExp(`^${secret.length}\\s+eu-west-1$`));
    const copyRun = await start({ incidentId, actionId: copy.id });
    expect((await finished(copyRun.runId)).exitCode).toBe(0);
    const { events } = await value<{ events: EventView[] }>('incidentGet', { incidentId });
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('cancel, timeout and several runs at once, each on the timeline with its outcome and exit code', async () => {
    const { dir, value, declare, events, finished, userAction, startNow, start } = await setup();
    const incidentId = await declare();
    const sleeper = await userAction({ name: 'Sleep', mode: 'argv', argv: ['sleep', '30'], cwd: dir });
    const slow = await userAction({ name: 'Slow', mode: 'argv', argv: ['sleep', '30'], cwd: dir, timeoutSeconds: 1 });
    const exits = await userAction({ name: 'Exit', mode: 'argv', argv: ['/bin/sh', '-c', 'sleep 0.2; exit "$1"', 'x', '{CODE}'], cwd: dir, params: [{ name: 'CODE', kind: 'integer', min: 0, max: 9 }] });
    const toCancel = await startNow({ incidentId, actionId: sleeper.id });
    const toTimeOut = await startNow({ incidentId, actionId: slow.id });
    const many = await Promise.all([0, 1, 2, 3].map((code) => start({ incidentId, actionId: exits.id, params: { CODE: String(code) } })));
    expect(await value('actionCancel', { runId: toCancel.runId })).toEqual({ runId: toCancel.runId, cancelled: true });
    expect(await finished(toCancel.runId)).toMatchObject({ state: 'cancelled', exitCode: null, signal: 'SIGTERM' });
    expect(await finished(toTimeOut.runId)).toMatchObject({ state: 'timed_out', exitCode: null });
    for (const [code, run] of many.entries()) expect(await finished(run.runId)).toMatchObject({ state: code === 0 ? 'succeeded' : 'failed', exitCode: code });
    expect(await value('actionCancel', { runId: toCancel.runId })).toEqual({ runId: toCancel.runId, cancelled: false });
    const finishes = (await events(incidentId)).filter((e) => e.kind === 'script_finished').map((e) => e.payload as { runId: string; outcome: string; exitCode: number | null });
    expect(finishes).toHaveLength(6);
    expect(finishes.find((f) => f.runId === toTimeOut.runId)?.outcome).toBe('timed_out');
    for (const [code, run] of many.entries()) expect(finishes.find((f) => f.runId === run.runId)?.exitCode).toBe(code);
    const runs = await value<ScriptRun[]>('scriptRuns', { incidentId });
    expect(runs).toHaveLength(6);
  });

  it('in an exercise nothing runs: the simulated outcome is logged and marked', async () => {
    const { dir, value, declare, events, userAction, startNow, start } = await setup();
    const incidentId = await declare('exercise');
    const marker = join(dir, 'EXERCISE-MARKER');
    const action = await userAction({
      name: 'Wipe host',
      mode: 'argv',
      argv: ['/bin/touch', marker],
      destructive: true,
      simulated: { exitCode: 0, output: 'host wiped (simulated)\n' },
    });
    const run = await start({ incidentId, actionId: action.id });
    expect(run).toMatchObject({ state: 'simulated', simulated: true, exitCode: 0 });
    expect(existsSync(marker)).toBe(false);
    const timeline = await events(incidentId);
    expect(timeline.find((e) => e.kind === 'script_started')?.payload).toMatchObject({ simulated: true, argv: ['/bin/touch', marker] });
    expect(timeline.find((e) => e.kind === 'script_finished')?.payload).toMatchObject({ outcome: 'simulated', exitCode: 0 });
    const output = await value<{ segments: { text: string }[] }>('scriptOutput', { runId: run.runId });
    expect(output.segments[0]?.text).toBe('host wiped (simulated)\n');
    // A program that does not exist on this machine can still be practised.
    const missing = await value<ListedAction>('actionSave', { name: 'Isolate', mode: 'argv', argv: ['edr-isolate', '{HOST}'], params: [{ name: 'HOST', kind: 'hostname' }] });
    expect(await startNow({ incidentId, actionId: missing.id, params: { HOST: 'web-01' } })).toMatchObject({ state: 'simulated' });
  });

  it('closing the app cancels running scripts and their process groups', async () => {
    const { dir, declare, services, userAction, start } = await setup();
    const incidentId = await declare();
    const pidFile = join(dir, 'pid');
    const action = await userAction({ name: 'Long', mode: 'snippet', script: `sleep 30 & echo $! > "${pidFile}"; wait`, cwd: dir });
    await start({ incidentId, actionId: action.id });
    expect(await waitUntil(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '')).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await services.close();
    expect(await waitUntil(() => !isAlive(pid))).toBe(true);
  });

  it('refuses bad input for every action method and writes nothing', async () => {
    const { router, value, declare, events } = await setup();
    const incidentId = await declare();
    const before = (await events(incidentId)).length;
    const bad: [string, unknown][] = [
      ['actionList', { incidentId: 'nope' }],
      ['actionList', { incidentId, extra: 1 }],
      ['actionSave', { name: 'x', mode: 'argv', argv: [] }],
      ['actionSave', { name: 'x', mode: 'argv', argv: ['{CMD}'], params: [{ name: 'CMD', kind: 'string' }] }],
      ['actionSave', { name: 'x', mode: 'snippet', script: '' }],
      ['actionSave', { name: 'x', mode: 'argv', argv: ['/bin/echo'], params: [{ name: 'bad name', kind: 'string' }] }],
      ['actionSave', { name: 'x', mode: 'argv', argv: ['/bin/echo'], params: [{ name: 'R', kind: 'regex', pattern: '(' }] }],
      ['actionSave', { name: 'x', mode: 'argv', argv: ['/bin/echo'], env: [{ name: 'LD_PRELOAD', secret: false, value: '/tmp/x.so' }] }],
      ['actionSave', { name: 'x', mode: 'argv', argv: ['/bin/echo'], cwd: 'relative/dir' }],
      ['actionSave', { name: 'x', mode: 'argv', argv: ['/bin/echo', '{UNDECLARED}'] }],
      // No input names its actor: the main process stamps it.
      ['actionSave', { actor, name: 'x', mode: 'argv', argv: ['/bin/echo'] }],
      ['actionDelete', { id: 'user.x', actor }],
      ['actionDelete', { id: '../etc' }],
      ['actionDryRun', { incidentId, actionId: 42 }],
      ['actionDryRun', { incidentId, actionId: 'say-hello', params: { HOSTNAME: 7 } }],
      ['actionRun', { incidentId, actionId: 'say-hello', params: { HOSTNAME: 'a.example' }, actor }],
      ['actionRun', { incidentId, actionId: 'say-hello', params: { HOSTNAME: 'a.example' }, confirmed: 'yes' }],
      // The page cannot confirm for the person: `confirmed` is no longer part of the contract, and a token must look like one Cordon gave.
      ['actionRun', { incidentId, actionId: 'say-hello', params: { HOSTNAME: 'a.example' }, confirmed: true }],
      ['actionRun', { incidentId, actionId: 'say-hello', params: { HOSTNAME: 'a.example' }, confirmation: 'ok' }],
      ['actionRun', { incidentId: 'x', actionId: 'say-hello' }],
      ['actionCancel', { runId: '' }],
      ['actionCancel', {}],
      ['scriptOutput', { runId: '; rm -rf /' }],
      ['scriptRuns', {}],
      ['scriptRuns', { incidentId: 12 }],
    ];
    for (const [method, input] of bad) {
      const result = await router.dispatch(method, input);
      expect({ method, input, result }).toMatchObject({ result: { ok: false, error: { code: 'bad_input' } } });
    }
    const covered = new Set(bad.map(([m]) => m));
    for (const method of Object.keys(actionContract)) expect(covered.has(method)).toBe(true);
    expect(await value<ListedAction[]>('actionList', {})).toEqual([]);
    expect(await events(incidentId)).toHaveLength(before);
    expect(await router.dispatch('scriptOutput', { runId: 'unknown-run' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await router.dispatch('actionRun', { incidentId, actionId: 'no-such-action' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('runs outlive a reload: scriptRuns and scriptOutput read them back while running and after', async () => {
    const { dir, value, declare, finished, userAction, startNow } = await setup();
    const incidentId = await declare();
    const script = join(dir, 'lines.sh');
    // The run holds its last lines until the test opens the gate: "while running" is certain.
    const gate = join(dir, 'lines.gate');
    writeFileSync(script, `echo "line 1"; while [ ! -e "${gate}" ]; do sleep 0.05; done; echo "line 2"; echo "line 3"\n`);
    const action = await userAction({ name: 'Lines', mode: 'argv', argv: ['/bin/sh', script], cwd: dir });
    const run = await startNow({ incidentId, actionId: action.id });
    expect((await value<ScriptRun[]>('scriptRuns', { incidentId }))[0]).toMatchObject({ runId: run.runId, state: 'running' });
    writeFileSync(gate, '', { mode: 0o600 });
    await finished(run.runId);
    const output = await value<{ segments: { text: string }[] }>('scriptOutput', { runId: run.runId });
    expect(output.segments.map((s) => s.text).join('')).toBe('line 1\nline 2\nline 3\n');
  });
});

function strip(action: Omit<ListedAction, 'handsToShell'> & { handsToShell?: boolean }): Record<string, unknown> {
  const { id: _id, source: _s, original: _o, updatedAt: _u, updatedBy: _b, env: _e, handsToShell: _h, ...rest } = action;
  return rest;
}
