// `app`: ready, paths, name and version, the single-instance lock, and quitting.
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromiumInstance, config, record, stopChromium } from './runtime';

/** An Electron-style event: listeners may call preventDefault(). */
export interface StandinEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function newEvent(extra: Record<string, unknown> = {}): StandinEvent & Record<string, unknown> {
  let prevented = false;
  return Object.assign(
    {
      preventDefault: () => void (prevented = true),
      get defaultPrevented() {
        return prevented;
      },
    },
    extra,
  );
}

// Name and version come from the package.json beside the app's entry, as Electron reads them.
function findPackage(): { name: string; version: string; productName?: string } {
  let dir = dirname(process.argv[1] ?? process.cwd());
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };
    const up = dirname(dir);
    if (up === dir) return { name: 'Electron', version: '0.0.0' };
    dir = up;
  }
}

const pkg = findPackage();
// Electron also keeps Chromium's profile in userData; here Chromium's lives beside it.
const appData = (): string => join(config.root, 'appData');
let appName = pkg.productName ?? pkg.name;
const paths = new Map<string, string>();
const basePath = (name: string): string | undefined => {
  switch (name) {
    case 'appData':
      return appData();
    case 'userData':
    case 'sessionData':
      return join(appData(), appName);
    case 'logs':
      return join(appData(), appName, 'logs');
    case 'crashDumps':
      return join(appData(), appName, 'Crashpad');
    // Never the real home folder: a test must not write where a person keeps files. The
    // person's folders sit inside the stand-in home, as ~/Documents does on every platform.
    case 'home':
    case 'temp':
      return join(config.root, name);
    case 'desktop':
    case 'documents':
    case 'downloads':
    case 'music':
    case 'pictures':
    case 'videos':
      return join(config.root, 'home', name[0]!.toUpperCase() + name.slice(1));
    case 'exe':
    case 'module':
      return process.execPath;
    default:
      return undefined;
  }
};

class StandinApp extends EventEmitter {
  readonly isPackaged = false;
  private ready = false;
  private readyPromise: Promise<void>;
  private quitRunning = false;
  private quitAgain = false;
  private lockFile: string | null = null;
  readonly commandLine = {
    switches: new Map<string, string>(),
    appendSwitch: (name: string, value = '') => void this.commandLine.switches.set(name, value),
    hasSwitch: (name: string) => this.commandLine.switches.has(name),
    getSwitchValue: (name: string) => this.commandLine.switches.get(name) ?? '',
  };

  constructor() {
    super();
    // Electron emits 'ready' after the main script's first synchronous run, once Chromium is up.
    this.readyPromise = new Promise((resolve, reject) => {
      setImmediate(() => {
        chromiumInstance(this.commandLine.getSwitchValue('disable-features')).then(
          (instance) => {
            this.ready = true;
            process.send?.({ type: 'ready', wsEndpoint: instance.wsEndpoint, chromiumPid: instance.process.pid });
            this.emit('ready', newEvent(), {});
            resolve();
          },
          (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
        );
      });
    });
    this.readyPromise.catch((error: unknown) => {
      console.error('electron-standin: Chromium did not start:', error);
      process.exit(1);
    });
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  getName(): string {
    return appName;
  }

  setName(name: string): void {
    appName = name;
  }

  getVersion(): string {
    return pkg.version;
  }

  getLocale(): string {
    return 'en-US';
  }

  getPath(name: string): string {
    const path = paths.get(name) ?? basePath(name);
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    if (name !== 'exe' && name !== 'module') mkdirSync(path, { recursive: true, mode: 0o700 });
    return path;
  }

  setPath(name: string, path: string): void {
    paths.set(name, path);
  }

  enableSandbox(): void {
    // Every page the stand-in opens is a plain Chromium page: it never has Node in it.
    record({ kind: 'app.enableSandbox', beforeReady: !this.ready });
  }

  focus(): void {}

  setAppUserModelId(): void {}

  /**
   * Electron's lock is a socket in userData that the first instance listens on; here it is
   * a lock file naming the holder's pid, and the second instance hands its argv over through
   * a file and SIGUSR2, synchronously, as Electron does inside this call.
   */
  requestSingleInstanceLock(additionalData: unknown = null): boolean {
    const dir = this.getPath('userData');
    const lock = join(dir, 'SingletonLock');
    const inbox = join(dir, 'SingletonInbox');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
        this.lockFile = lock;
        mkdirSync(inbox, { recursive: true, mode: 0o700 });
        process.on('SIGUSR2', () => {
          for (const file of readdirSync(inbox)) {
            const message = JSON.parse(readFileSync(join(inbox, file), 'utf8')) as { argv: string[]; cwd: string; data: unknown };
            rmSync(join(inbox, file));
            this.emit('second-instance', newEvent(), message.argv, message.cwd, message.data);
          }
        });
        return true;
      } catch {
        const holder = Number(readFileSync(lock, 'utf8'));
        if (holder > 0 && isAlive(holder)) {
          mkdirSync(inbox, { recursive: true, mode: 0o700 });
          writeFileSync(join(inbox, `${process.pid}.json`), JSON.stringify({ argv: process.argv, cwd: process.cwd(), data: additionalData }), { mode: 0o600 });
          process.kill(holder, 'SIGUSR2');
          record({ kind: 'app.singleInstanceLock', granted: false, holder });
          return false;
        }
        rmSync(lock, { force: true }); // stale: its holder is gone
      }
    }
    return false;
  }

  hasSingleInstanceLock(): boolean {
    return this.lockFile !== null;
  }

  releaseSingleInstanceLock(): void {
    if (this.lockFile) rmSync(this.lockFile, { force: true });
    this.lockFile = null;
  }

  /** before-quit, every window closed, will-quit, quit, then the process ends. */
  quit(): void {
    if (this.quitRunning) {
      // Asked again while a quit is under way (after a prevented will-quit): go round once more.
      this.quitAgain = true;
      return;
    }
    this.quitRunning = true;
    void this.runQuit().finally(() => {
      this.quitRunning = false;
      if (this.quitAgain) {
        this.quitAgain = false;
        this.quit();
      }
    });
  }

  /** While quitting, closing the last window does not emit 'window-all-closed' (as in Electron). */
  get quitting(): boolean {
    return this.quitRunning;
  }

  private async runQuit(): Promise<void> {
    const before = newEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const { BrowserWindow } = await import('./browser-window');
    for (const window of BrowserWindow.getAllWindows()) window.close();
    await BrowserWindow.allClosed();
    if (BrowserWindow.getAllWindows().length > 0) return; // a window refused to close
    const willQuit = newEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.exit(0);
  }

  /**
   * Ends at once, as Electron does after 'quit': work the main process left pending
   * (promises, timers, I/O) does not get to finish. Nothing is awaited here on purpose.
   */
  exit(code = 0): void {
    this.emit('quit', newEvent(), code);
    record({ kind: 'app.exit', code });
    this.releaseSingleInstanceLock();
    stopChromium();
    setImmediate(() => process.exit(code));
  }

  relaunch(): void {
    record({ kind: 'app.relaunch' });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const app = new StandinApp();
