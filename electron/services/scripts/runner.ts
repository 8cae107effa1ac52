import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { maxLiveChunkChars, type OutputSegment, type OutputStream } from '../../../shared/containment/model';
import { errorShape, hasCode } from '../../store/error-shape';
import type { Logger } from '../logger';

// Runs one process the safe way: no shell (the file and its argv are given whole), its own
// process group (so a timeout or cancel reaches every grandchild), a cap on what is kept in
// memory, and the SHA-256 and byte count of everything it printed. Plain Node: `spawn` is
// injected, and tests hand it the real one.

export type SpawnFn = (file: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface RunnerOptions {
  spawn: SpawnFn;
  /** Where a failing live-output listener is reported (by name and shape): the run goes on. */
  logger: Pick<Logger, 'warn'>;
  now?: () => number;
  /** Output bytes kept for the record (both streams together); the rest is counted and hashed. Default 1 MiB. */
  maxKeptBytes?: number;
  /** Live output is gathered this long before it is pushed. Default 50 ms. */
  coalesceMs?: number;
  /** After SIGTERM, the group gets SIGKILL this much later. Default 2 s. */
  killGraceMs?: number;
  /** After the program exits, processes it left behind holding its output get this long before they are ended. Default 1 s. */
  drainMs?: number;
  /** The live (not zombie) processes in a process group. Default: read from /proc. */
  listGroup?: (pgid: number) => number[];
}

/** Live members of a process group, from /proc (Linux); elsewhere, whether the group answers a signal 0. */
export function processGroupMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const members: number[] = [];
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state, ppid, pgrp, …
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') members.push(Number(entry));
    } catch (error) {
      // The process ended while we looked; anything else is a real failure.
      if (!hasCode(error, 'ENOENT', 'ESRCH')) throw error;
    }
  }
  return members;
}

export interface ProcessSpec {
  /** The resolved executable. */
  file: string;
  /** argv[0] as shown, then the arguments. */
  argv: readonly string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
}

export type ProcessOutcome = 'succeeded' | 'failed' | 'cancelled' | 'timed_out';

export interface ProcessResult {
  outcome: ProcessOutcome;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** Every byte printed, both streams. */
  outputBytes: number;
  keptBytes: number;
  /** SHA-256 over all output bytes in the order they arrived (stdout and stderr interleaved). */
  sha256: string;
  truncated: boolean;
  segments: OutputSegment[];
  /** Processes still in the run's group after the program exited, which Cordon ended. */
  stragglersKilled: number;
}

export interface RunningProcess {
  readonly pid: number | undefined;
  cancel(): void;
  /** What is kept so far (for viewing a run that is still going). */
  snapshot(): OutputSegment[];
  readonly done: Promise<ProcessResult>;
}

export type LiveOutput = (stream: OutputStream, chunk: string, dropped: number) => void;

export const defaultMaxKeptBytes = 1024 * 1024;

export function startProcess(spec: ProcessSpec, options: RunnerOptions, onLive: LiveOutput): RunningProcess {
  const now = options.now ?? Date.now;
  const cap = options.maxKeptBytes ?? defaultMaxKeptBytes;
  const coalesceMs = options.coalesceMs ?? 50;
  const graceMs = options.killGraceMs ?? 2_000;
  const drainMs = options.drainMs ?? 1_000;
  const listGroup = options.listGroup ?? processGroupMembers;
  let stragglersKilled = 0;
  const startedAt = now();

  const hash = createHash('sha256');
  let outputBytes = 0;
  let keptBytes = 0;
  let truncated = false;
  const segments: OutputSegment[] = [];
  const keptDecoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  const liveDecoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  const pending = { stdout: '', stderr: '' };
  const dropped = { stdout: 0, stderr: 0 };
  let flushTimer: NodeJS.Timeout | null = null;

  const keep = (stream: OutputStream, text: string) => {
    if (text === '') return;
    const last = segments.at(-1);
    if (last && last.stream === stream) last.text += text;
    else segments.push({ stream, text });
  };

  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    for (const stream of ['stdout', 'stderr'] as const) {
      if (pending[stream] === '' && dropped[stream] === 0) continue;
      const chunk = pending[stream];
      const lost = dropped[stream];
      pending[stream] = '';
      dropped[stream] = 0;
      try {
        onLive(stream, chunk, lost);
      } catch (error) {
        // A listener's failure must not stop the run.
        options.logger.warn('scripts.live_output_failed', { stream, ...errorShape(error) });
      }
    }
  };

  const onData = (stream: OutputStream) => (data: Buffer) => {
    hash.update(data);
    outputBytes += data.length;
    if (keptBytes < cap) {
      const slice = data.length <= cap - keptBytes ? data : data.subarray(0, cap - keptBytes);
      keptBytes += slice.length;
      keep(stream, keptDecoders[stream].write(slice));
      if (slice.length < data.length) truncated = true;
    } else truncated = true;
    // The live view is bounded per window: what does not fit is counted, not buffered.
    const room = maxLiveChunkChars - pending[stream].length;
    if (room <= 0) dropped[stream] += data.length;
    else {
      const text = liveDecoders[stream].write(data);
      if (text.length <= room) pending[stream] += text;
      else {
        pending[stream] += text.slice(0, room);
        dropped[stream] += Buffer.byteLength(text.slice(room));
      }
    }
    flushTimer ??= setTimeout(flush, coalesceMs);
  };

  let reason: 'cancelled' | 'timed_out' | null = null;
  let child: ChildProcess | null = null;
  let killTimer: NodeJS.Timeout | null = null;
  let timeoutTimer: NodeJS.Timeout | null = null;
  let drainTimer: NodeJS.Timeout | null = null;
  let exit: { code: number | null; signal: string | null } | null = null;
  let settle: (result: ProcessResult) => void = () => undefined;
  const done = new Promise<ProcessResult>((resolve) => (settle = resolve));
  let settled = false;

  const signalGroup = (signal: NodeJS.Signals) => {
    const pid = child?.pid;
    if (pid === undefined) return;
    try {
      // Negative pid: the whole process group the child leads (spawned detached).
      process.kill(-pid, signal);
    } catch (error) {
      // ESRCH: the group is already gone.
      if (!hasCode(error, 'ESRCH')) throw error;
    }
  };
  const terminate = () => {
    signalGroup('SIGTERM');
    killTimer ??= setTimeout(() => signalGroup('SIGKILL'), graceMs);
    killTimer.unref();
  };

  const finish = (startError?: string) => {
    if (settled) return;
    settled = true;
    if (timeoutTimer) clearTimeout(timeoutTimer);
    if (drainTimer) clearTimeout(drainTimer);
    if (startError) {
      const text = `Cordon could not start the program: ${startError}\n`;
      const bytes = Buffer.from(text);
      hash.update(bytes);
      outputBytes += bytes.length;
      keptBytes += bytes.length;
      keep('stderr', text);
      pending.stderr += text;
    }
    for (const stream of ['stdout', 'stderr'] as const) {
      keep(stream, keptDecoders[stream].end());
      pending[stream] += liveDecoders[stream].end();
    }
    flush();
    const code = exit?.code ?? null;
    const outcome: ProcessOutcome = reason ?? (code === 0 && !startError ? 'succeeded' : 'failed');
    settle({
      outcome,
      exitCode: code,
      signal: exit?.signal ?? null,
      durationMs: Math.max(0, Math.round(now() - startedAt)),
      outputBytes,
      keptBytes,
      sha256: hash.digest('hex'),
      truncated,
      segments,
      stragglersKilled,
    });
  };

  // A run ends when its whole process group is gone: what the program left behind (a
  // background child writing to /dev/null holds no pipe open) is ended, and counted.
  let sweeping = false;
  const sweepThenFinish = () => {
    const pid = child?.pid;
    if (settled || sweeping) return;
    if (pid === undefined) return finish();
    sweeping = true;
    if (drainTimer) clearTimeout(drainTimer);
    const left = listGroup(pid);
    if (left.length === 0) return finish();
    if (reason === null) stragglersKilled = left.length;
    const startedSweep = now();
    signalGroup('SIGTERM');
    let killed = false;
    const poll = () => {
      if (listGroup(pid).length === 0) return finish();
      const waited = now() - startedSweep;
      if (!killed && waited >= graceMs) {
        killed = true;
        signalGroup('SIGKILL');
      }
      // A group that even SIGKILL cannot end (stopped in the kernel) must not hold the record forever.
      if (waited >= graceMs * 3) return finish();
      setTimeout(poll, 25);
    };
    setTimeout(poll, 25);
  };

  try {
    child = options.spawn(spec.file, spec.argv.slice(1), {
      cwd: spec.cwd,
      env: spec.env,
      argv0: spec.argv[0] ?? spec.file,
      detached: true,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
  } catch (error) {
    queueMicrotask(() => finish(error instanceof Error ? error.message : 'spawn failed'));
    return { pid: undefined, cancel: () => undefined, snapshot: () => segments, done };
  }
  const proc = child;
  proc.stdout?.on('data', onData('stdout'));
  proc.stderr?.on('data', onData('stderr'));
  proc.on('error', (error: NodeJS.ErrnoException) => {
    // Spawn failures (EACCES, a cwd that vanished) arrive here with no pid.
    if (proc.pid === undefined) finish(error.code ?? error.message);
  });
  proc.on('exit', (code, signal) => {
    exit = { code, signal };
    // The program is gone; anything it left behind still holding its output is ended shortly.
    drainTimer = setTimeout(() => {
      proc.stdout?.destroy();
      proc.stderr?.destroy();
      sweepThenFinish();
    }, drainMs);
    drainTimer.unref();
  });
  proc.on('close', (code, signal) => {
    exit ??= { code, signal };
    sweepThenFinish();
  });
  timeoutTimer = setTimeout(() => {
    if (settled) return;
    reason ??= 'timed_out';
    terminate();
  }, spec.timeoutMs);

  return {
    pid: proc.pid,
    cancel() {
      if (settled) return;
      reason ??= 'cancelled';
      terminate();
    },
    snapshot: () => segments.map((s) => ({ ...s })),
    done,
  };
}
