// What the stand-in's modules share: its configuration (environment variables read only by
// this stand-in, set by e2e/electron-standin/launch.ts), the Chromium it drives, the record
// of what the main process did that a test may want to check, and the custom-scheme URL
// mapping.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession } from 'playwright-core';

export interface StandinRecord {
  kind: string;
  [key: string]: unknown;
}

export const records: StandinRecord[] = [];

/** Appends to the record and tells the test process at once (it may be waiting for it). */
export function record(entry: StandinRecord): void {
  records.push(entry);
  // Only a main started by launch.ts has the test at the other end of its IPC channel.
  if (process.env.CORDON_STANDIN_ROOT) process.send?.({ type: 'record', record: entry });
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`electron-standin: ${name} is not set (start main through e2e/electron-standin/launch.ts)`);
  return value;
}

// Read when used, not at import, so the stand-in's pieces can be unit-tested.
export const config = {
  /** A fresh temporary folder: every app path, Chromium's profile and the fake keychain live here. */
  get root(): string {
    return requiredEnv('CORDON_STANDIN_ROOT');
  },
  get chromiumPath(): string {
    return requiredEnv('CORDON_STANDIN_CHROMIUM');
  },
  get safeStorage(): 'available' | 'basic_text' | 'unavailable' {
    const mode = process.env.CORDON_STANDIN_SAFE_STORAGE ?? 'available';
    if (mode !== 'available' && mode !== 'basic_text' && mode !== 'unavailable') throw new Error(`electron-standin: unknown safeStorage mode ${mode}`);
    return mode;
  },
  get darkColors(): boolean {
    return process.env.CORDON_STANDIN_DARK === '1';
  },
};

// Chromium cannot be taught a new standard scheme from outside (protocol registration is an
// embedder API, which is what Electron is). A privileged custom scheme is therefore carried
// on an https origin under the reserved .invalid TLD, which never resolves, so nothing of it
// can leave the machine: scheme://host/path <-> https://host.scheme.standin.invalid/path.
// Every URL crossing between Chromium and the main process goes through these two functions,
// so the main process only ever sees app:// URLs, as in Electron.
export const customSchemes = new Set<string>();
const carrierSuffix = '.standin.invalid';

export function toChromiumUrl(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!match || !customSchemes.has(match[1]!.toLowerCase())) return url;
  return `https://${match[2]}.${match[1]!.toLowerCase()}${carrierSuffix}${match[3] || '/'}`;
}

export function fromChromiumUrl(url: string): string {
  const match = /^https:\/\/([^/?#]*)\.([a-z][a-z0-9+.-]*)\.standin\.invalid(?::\d+)?([/?#].*)?$/i.exec(url);
  if (!match || !customSchemes.has(match[2]!.toLowerCase())) return url;
  return `${match[2]!.toLowerCase()}://${match[1]}${match[3] ?? '/'}`;
}

export interface Chromium {
  browser: Browser;
  /** A browser-level CDP session (targets, permissions). */
  session: CDPSession;
  wsEndpoint: string;
  process: ChildProcess;
}

let launched: Promise<Chromium> | null = null;

/**
 * Starts Chromium once, headless, with a DevTools port the test connects to as well, and the
 * features the main process disabled on its command line (Electron hands them to Chromium).
 */
export function chromiumInstance(disabledFeatures = ''): Promise<Chromium> {
  launched ??= (async () => {
    const profile = join(config.root, 'chromium-profile');
    mkdirSync(profile, { recursive: true, mode: 0o700 });
    const child = spawn(
      config.chromiumPath,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--remote-debugging-port=0',
        `--user-data-dir=${profile}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Electron has no popup blocker: whether window.open works is up to setWindowOpenHandler alone.
        '--disable-popup-blocking',
        // Keeps a sandboxed (opaque-origin) iframe in the page's process, so the window's one
        // CDP session sees it as it sees every frame; Electron's frame tree is the same either way.
        `--disable-features=${['IsolateSandboxedIframes', ...disabledFeatures.split(',')].filter(Boolean).join(',')}`,
        ...(config.darkColors ? ['--force-dark-mode'] : []),
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    // Chromium must not outlive the main process, however that ends.
    process.once('exit', () => child.kill('SIGTERM'));
    process.once('SIGTERM', () => process.exit(143));
    const wsEndpoint = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const found = /DevTools listening on (ws:\/\/\S+)/.exec(text)?.[1];
        if (found) resolve(found);
      });
      child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened: ${text.slice(-400)}`)));
    });
    const browser = await chromium.connectOverCDP(wsEndpoint);
    // Electron starts with no window at all.
    for (const page of browser.contexts()[0]!.pages()) await page.close();
    const session = await browser.newBrowserCDPSession();
    await session.send('Target.setDiscoverTargets', { discover: true });
    return { browser, session, wsEndpoint, process: child };
  })();
  return launched;
}

export function stopChromium(): void {
  void launched?.then((instance) => instance.process.kill('SIGTERM')).catch(() => undefined);
}
