import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { maxLiveChunkChars } from '../../../shared/containment/model';
import { tempDir } from '../../store/testing/temp-dir';
import { isAlive, waitUntil } from './process-testing';
import { createMemoryLogger } from '../logger';
import { startProcess, type ProcessSpec, type RunnerOptions } from './runner';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function dir(): string {
  const t = tempDir('cordon-runner-');
  cleanups.push(t.cleanup);
  return t.dir;
}

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
const options: RunnerOptions = { spawn, logger: createMemoryLogger(), killGraceMs: 300, drainMs: 300 };
const sh = (script: string, cwd: string, extra: Partial<ProcessSpec> = {}): ProcessSpec => ({
  file: '/bin/sh',
  argv: ['/bin/sh', '-c', script, 'cordon-action'],
  cwd,
  env,
  timeoutMs: 20_000,
  ...extra,
});

describe('the process runner', () => {
  it('runs an argv without a shell: metacharacters reach the program as plain text', async () => {
    const cwd = dir();
    const marker = join(cwd, 'MARKER');
    const nasty = ['; touch MARKER', '$(touch MARKER)', '`touch MARKER`', 'a\ntouch MARKER', '&& touch MARKER', '| touch MARKER'];
    const run = startProcess({ file: '/bin/echo', argv: ['echo', ...nasty], cwd, env, timeoutMs: 5_000 }, options, () => undefined);
    const result = await run.done;
    expect(result.outcome).toBe('succeeded');
    expect(result.segments.map((s) => s.text).join('')).toBe(`${nasty.join(' ')}\n`);
    expect(existsSync(marker)).toBe(false);
  });

  it('records exit code, duration and the SHA-256 of everything printed, in order', async () => {
    const cwd = dir();
    const result = await startProcess(sh('printf out1; printf err1 >&2; sleep 0.05; printf out2; exit 3', cwd), options, () => undefined).done;
    expect(result).toMatchObject({ outcome: 'failed', exitCode: 3, signal: null, outputBytes: 12, truncated: false });
    const text = result.segments.map((s) => s.text).join('');
    expect(text).toBe('out1err1out2');
    expect(result.sha256).toBe(createHash('sha256').update('out1err1out2').digest('hex'));
    expect(result.segments.find((s) => s.stream === 'stderr')?.text).toBe('err1');
    expect(result.durationMs).toBeGreaterThanOrEqual(40);
  });

  it('a timeout ends the whole process group, grandchildren included (even one ignoring SIGTERM)', async () => {
    const cwd = dir();
    const pidFile = join(cwd, 'grandchild.pid');
    const stubborn = join(cwd, 'stubborn.pid');
    const script = `sleep 300 & echo $! > "${pidFile}"; sh -c 'trap "" TERM; echo $$ > "${stubborn}"; exec sleep 300' & wait`;
    // Without the timeout this would run for minutes: the outcome says the runner ended it.
    const result = await startProcess(sh(script, cwd, { timeoutMs: 400 }), options, () => undefined).done;
    expect(result.outcome).toBe('timed_out');
    expect(result.exitCode).toBeNull();
    const pids = [Number(readFileSync(pidFile, 'utf8')), Number(readFileSync(stubborn, 'utf8'))];
    for (const pid of pids) expect(pid).toBeGreaterThan(1);
    expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)))).toBe(true);
  });

  it('cancel stops a run at once', async () => {
    const cwd = dir();
    // Cancelled once its first line has arrived (not after a guessed delay); the run would
    // otherwise outlast the test's own timeout, so finishing at all is the runner's doing.
    let printed = false;
    const run = startProcess(sh('echo started; sleep 300', cwd), options, () => (printed = true));
    expect(await waitUntil(() => printed, 20_000)).toBe(true);
    run.cancel();
    const result = await run.done;
    expect(result).toMatchObject({ outcome: 'cancelled', exitCode: null, signal: 'SIGTERM' });
    expect(result.segments[0]?.text).toBe('started\n');
  });

  it('keeps at most the cap of 10 MB of output, counts and hashes all of it, and coalesces the live pushes', async () => {
    const cwd = dir();
    const size = 10 * 1024 * 1024;
    const line = 'abcdefghijklmnopqrstuvwxyz0123456789\n';
    const expected = createHash('sha256');
    const whole = Buffer.from(line.repeat(Math.ceil(size / line.length))).subarray(0, size);
    expected.update(whole);
    const pushes: { chunk: string; dropped: number }[] = [];
    const started = Date.now();
    const result = await startProcess(sh(`yes ${line.trim()} | head -c ${size}`, cwd), options, (_s, chunk, dropped) => pushes.push({ chunk, dropped })).done;
    const elapsed = Date.now() - started;
    expect(result.outcome).toBe('succeeded');
    expect(result.outputBytes).toBe(size);
    expect(result.sha256).toBe(expected.digest('hex'));
    expect(result.truncated).toBe(true);
    expect(result.keptBytes).toBe(1024 * 1024);
    expect(result.segments.reduce((n, s) => n + s.text.length, 0)).toBeLessThanOrEqual(1024 * 1024);
    // ~one push per 50 ms window, each bounded; what did not fit the live view is counted.
    expect(pushes.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 3);
    expect(Math.max(...pushes.map((p) => p.chunk.length))).toBeLessThanOrEqual(maxLiveChunkChars);
    const shown = pushes.reduce((n, p) => n + Buffer.byteLength(p.chunk) + p.dropped, 0);
    expect(shown).toBe(size);
  });

  it('runs several at once, each with its own output', async () => {
    const cwd = dir();
    // Each run waits until all six have begun: one at a time, the first would wait until its
    // own timeout. That they all end by themselves proves they ran together, at any speed.
    const barrier = (i: number) =>
      `echo begin ${i}; touch began.${i}; while [ "$(ls began.* | wc -l)" -lt 6 ]; do sleep 0.05; done; echo end ${i}; exit ${i}`;
    const runs = Array.from({ length: 6 }, (_, i) => startProcess(sh(barrier(i), cwd, { timeoutMs: 25_000 }), options, () => undefined));
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r.outcome).not.toBe('timed_out');
    results.forEach((result, i) => {
      expect(result.exitCode).toBe(i);
      expect(result.segments.map((s) => s.text).join('')).toBe(`begin ${i}\nend ${i}\n`);
    });
  });

  it('a program that cannot start is a failed run with the reason, not a crash', async () => {
    const cwd = dir();
    const result = await startProcess({ file: join(cwd, 'missing'), argv: ['missing'], cwd, env, timeoutMs: 5_000 }, options, () => undefined).done;
    expect(result.outcome).toBe('failed');
    expect(result.segments.map((s) => s.text).join('')).toMatch(/could not start the program: ENOENT/);
  });

  it('a run ends when its process group is gone: a background child with its output on /dev/null is ended and counted', async () => {
    const cwd = dir();
    const pidFile = join(cwd, 'bg.pid');
    const started = Date.now();
    const result = await startProcess(sh(`sleep 30 >/dev/null 2>&1 & echo $! > "${pidFile}"; echo done`, cwd), options, () => undefined).done;
    expect(result).toMatchObject({ outcome: 'succeeded', exitCode: 0, stragglersKilled: 1 });
    expect(result.segments.map((s) => s.text).join('')).toBe('done\n');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(pid)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a straggler that ignores SIGTERM is killed after the grace period', async () => {
    const cwd = dir();
    const pidFile = join(cwd, 'stubborn.pid');
    const result = await startProcess(sh(`sh -c 'trap "" TERM; echo $$ > "${pidFile}"; exec sleep 30' >/dev/null 2>&1 & sleep 0.2; echo done`, cwd), options, () => undefined).done;
    expect(result).toMatchObject({ outcome: 'succeeded', stragglersKilled: 1 });
    expect(isAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });

  it('a program that leaves nothing behind reports no stragglers', async () => {
    const result = await startProcess(sh('echo alone', dir()), options, () => undefined).done;
    expect(result).toMatchObject({ outcome: 'succeeded', stragglersKilled: 0 });
  });

  it('ends leftovers that hold the output open after the program exits', async () => {
    const cwd = dir();
    const pidFile = join(cwd, 'bg.pid');
    const result = await startProcess(sh(`sleep 30 & echo $! > "${pidFile}"; echo done`, cwd), options, () => undefined).done;
    expect(result).toMatchObject({ outcome: 'succeeded', exitCode: 0 });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(await waitUntil(() => !isAlive(pid))).toBe(true);
  });
});
