// The test's side: bundles the stand-in, starts the compiled main process under it
// (`node --require standin.cjs dist/electron/main.cjs`), and connects Playwright to the
// same Chromium so a spec can drive the window main opened.
import { build } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../../playwright.config';
import type { StandinRecord } from './runtime';

// Inside the repository so the bundle resolves playwright-core from node_modules; git-ignored.
const bundleDir = resolve('test-results', 'electron-standin');
// One per test worker: two workers must not write the file while the other's main loads it.
const bundleFile = join(bundleDir, `standin-${process.pid}.cjs`);
let bundled: Promise<unknown> | null = null;

function bundleStandin(): Promise<unknown> {
  bundled ??= (mkdirSync(bundleDir, { recursive: true }),
  build({
    entryPoints: [resolve('e2e', 'electron-standin', 'register.ts')],
    outfile: bundleFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['playwright-core'],
    logLevel: 'warning',
  }));
  return bundled;
}

export interface StandinOptions {
  /** The fake keychain's mode (see platform.ts). */
  safeStorage?: 'available' | 'basic_text' | 'unavailable';
  /** An existing root, to start main again on the same data; a new temporary one otherwise. */
  root?: string;
}

export interface RunningMain {
  root: string;
  /** The Chromium the stand-in started (it ends with main). */
  chromiumPid(): number;
  browser: Browser;
  child: ChildProcess;
  /** Everything recorded so far, in order. */
  records(): StandinRecord[];
  /** Waits for a record that matches. */
  waitForRecord(match: (record: StandinRecord) => boolean): Promise<StandinRecord>;
  /** Queues the answer of the next call to a dialog method (showSaveDialog, showOpenDialog, showMessageBox). */
  programDialog(method: string, answer: unknown): Promise<void>;
  /** The page of the first window whose URL starts with `prefix`. */
  windowPage(prefix: string): Promise<Page>;
  /** Resolves with the exit code when main's process ends. */
  exited: Promise<number | null>;
  output(): string;
}

function spawnMain(root: string, safeStorage: StandinOptions['safeStorage']): ChildProcess {
  return spawn(process.execPath, ['--require', bundleFile, 'dist/electron/main.cjs'], {
    env: {
      ...process.env,
      CORDON_STANDIN_ROOT: root,
      CORDON_STANDIN_CHROMIUM: chromiumPath,
      CORDON_STANDIN_SAFE_STORAGE: safeStorage ?? 'available',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
}

/** Starts main a second time on a running one's data; resolves with its exit code. */
export async function startSecondInstance(root: string): Promise<number | null> {
  await bundleStandin();
  const child = spawnMain(root, 'available');
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

export async function startMain(options: StandinOptions = {}): Promise<RunningMain> {
  await bundleStandin();
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'cordon-standin-'));
  const child = spawnMain(root, options.safeStorage);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const seen: StandinRecord[] = [];
  const waiters: { match: (record: StandinRecord) => boolean; resolve: (record: StandinRecord) => void }[] = [];
  const replies = new Map<number, (reply: { value?: unknown; error?: string }) => void>();
  let nextId = 1;
  let chromiumPid = 0;
  const endpoint = new Promise<string>((resolveEndpoint, reject) => {
    void exited.then((code) => reject(new Error(`main exited (${code}) before it was ready:\n${output}`)));
    child.on('message', (raw) => {
      const message = raw as { type: string; wsEndpoint?: string; chromiumPid?: number; record?: StandinRecord; id?: number; value?: unknown; error?: string };
      if (message.type === 'ready') {
        chromiumPid = Number(message.chromiumPid);
        resolveEndpoint(String(message.wsEndpoint));
      }
      else if (message.type === 'reply') replies.get(Number(message.id))?.(message);
      else if (message.type === 'record' && message.record) {
        seen.push(message.record);
        for (const waiter of [...waiters]) {
          if (waiter.match(message.record)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(message.record);
          }
        }
      }
    });
  });
  const browser = await chromium.connectOverCDP(await endpoint);
  const request = (message: Record<string, unknown>): Promise<unknown> =>
    new Promise((resolveReply, rejectReply) => {
      const id = nextId++;
      replies.set(id, (reply) => {
        replies.delete(id);
        if (reply.error !== undefined) rejectReply(new Error(`electron-standin: ${reply.error}`));
        else resolveReply(reply.value);
      });
      child.send({ ...message, id });
    });
  return {
    root,
    chromiumPid: () => chromiumPid,
    browser,
    child,
    exited,
    output: () => output,
    records: () => [...seen],
    waitForRecord: (match) => {
      const found = seen.find(match);
      return found ? Promise.resolve(found) : new Promise((resolveRecord) => waiters.push({ match, resolve: resolveRecord }));
    },
    programDialog: async (method, answer) => void (await request({ op: 'dialog', method, answer })),
    async windowPage(prefix) {
      const context = browser.contexts()[0]!;
      for (let waited = 0; waited < 200; waited++) {
        const page = context.pages().find((candidate) => candidate.url().startsWith(prefix));
        if (page) return page;
        await new Promise((tick) => setTimeout(tick, 100));
      }
      throw new Error(`no window at ${prefix}:\n${output}`);
    },
  };
}

/** Stops a main that is still running and removes its root. */
export async function stopMain(main: RunningMain, keepRoot = false): Promise<void> {
  await main.browser.close().catch(() => undefined);
  if (main.child.exitCode === null) {
    main.child.kill('SIGTERM');
    await main.exited;
  }
  // Chromium ends after main; its profile is in the root.
  for (let waited = 0; waited < 100 && isAlive(main.chromiumPid()); waited++) await new Promise((tick) => setTimeout(tick, 100));
  if (!keepRoot) rmSync(main.root, { recursive: true, force: true, maxRetries: 5 });
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
