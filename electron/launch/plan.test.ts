import { join } from 'node:path/posix';
import { describe, expect, it } from 'vitest';
import { appDataDir, browserCommand, failureReason, hasDisplay, start, type LaunchDeps, type Step } from './plan.mjs';

// `npm start`'s decisions over fake steps: nothing is built, downloaded or opened for real.
function launcher(over: Partial<LaunchDeps> & { installs?: boolean } = {}) {
  const calls: string[] = [];
  const said: string[] = [];
  let installed = false;
  const { installs = true, ...rest } = over;
  const ok: Step = { ok: true };
  const deps: LaunchDeps = {
    build: async () => (calls.push('build'), 0),
    electronInstalled: () => installed,
    skipDownload: false,
    hasDisplay: true,
    installElectron: async () => {
      calls.push('installElectron');
      installed = installs;
      return ok;
    },
    buildNative: async () => (calls.push('buildNative'), ok),
    runElectron: async () => (calls.push('runElectron'), 0),
    runHarness: async (onUrl) => {
      calls.push('runHarness');
      onUrl('http://127.0.0.1:4321/?token=abc');
      return 0;
    },
    openBrowser: (url) => void calls.push(`openBrowser ${url}`),
    say: (line) => void said.push(line),
    ...rest,
  };
  return { deps, calls, said, setInstalled: (v: boolean) => (installed = v) };
}

const fallbackSentence = (said: string[]) => said.filter((l) => l.startsWith('Cordon cannot open as a desktop app'));

describe('npm start', () => {
  it('online, first start: builds, downloads Electron, compiles the module for it and opens the window', async () => {
    const { deps, calls, said } = launcher();
    expect(await start(deps)).toBe(0);
    expect(calls).toEqual(['build', 'installElectron', 'buildNative', 'runElectron']);
    expect(fallbackSentence(said)).toEqual([]);
  });

  it('later starts do not download again', async () => {
    const l = launcher();
    l.setInstalled(true);
    await start(l.deps);
    expect(l.calls).toEqual(['build', 'buildNative', 'runElectron']);
  });

  it('offline: one sentence with the reason, then the harness, opened in the system browser', async () => {
    const { deps, calls, said } = launcher({ installElectron: async () => ({ ok: false, reason: 'getaddrinfo ENOTFOUND github.com' }) });
    expect(await start(deps)).toBe(0);
    expect(calls).toEqual(['build', 'runHarness', 'openBrowser http://127.0.0.1:4321/?token=abc']);
    expect(fallbackSentence(said)).toEqual([
      'Cordon cannot open as a desktop app because Electron’s binary could not be downloaded (getaddrinfo ENOTFOUND github.com), so it is starting in your browser instead.',
    ]);
  });

  it('an installer that exits 0 without a binary (a blocked mirror serving nothing) still falls back', async () => {
    const { deps, calls, said } = launcher({ installs: false });
    await start(deps);
    expect(calls).toContain('runHarness');
    expect(calls).not.toContain('runElectron');
    expect(fallbackSentence(said)[0]).toContain('Electron’s installer finished without installing its binary');
  });

  it('a failed native build falls back too, naming why', async () => {
    const { deps, calls, said } = launcher({ buildNative: async () => ({ ok: false, reason: 'gyp ERR! stack Error: not found: make' }) });
    await start(deps);
    expect(calls).toEqual(['build', 'installElectron', 'runHarness', 'openBrowser http://127.0.0.1:4321/?token=abc']);
    expect(fallbackSentence(said)[0]).toContain('the SQLite module could not be compiled for Electron (gyp ERR! stack Error: not found: make)');
  });

  it('respects ELECTRON_SKIP_BINARY_DOWNLOAD: no download, the harness', async () => {
    const { deps, calls, said } = launcher({ skipDownload: true });
    await start(deps);
    expect(calls).not.toContain('installElectron');
    expect(fallbackSentence(said)[0]).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set');
  });

  it('without a display: downloads nothing, prints where to open it and opens no browser', async () => {
    const { deps, calls, said } = launcher({ hasDisplay: false });
    await start(deps);
    expect(calls).toEqual(['build', 'runHarness']);
    expect(said).toContain('Open http://127.0.0.1:4321/?token=abc in Chromium or Chrome on this machine (or through an SSH tunnel).');
  });

  it('a failed build stops with its exit code: a defect is not hidden behind the fallback', async () => {
    const { deps, calls } = launcher({ build: async () => 2 });
    expect(await start(deps)).toBe(2);
    expect(calls).toEqual([]);
  });

  it('passes on the exit code of Electron or the harness', async () => {
    expect(await start(launcher({ runElectron: async () => 3 }).deps)).toBe(3);
    expect(await start(launcher({ hasDisplay: false, runHarness: async () => 4 }).deps)).toBe(4);
  });
});

describe('the reason in that sentence', () => {
  it('is the network error, not the stack trace', () => {
    const out = `Error: getaddrinfo ENOTFOUND github.com\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:120:26)\n`;
    expect(failureReason(out)).toBe('getaddrinfo ENOTFOUND github.com');
    expect(failureReason('RequestError: connect ECONNREFUSED 10.0.0.1:443\n  at x')).toBe('connect ECONNREFUSED 10.0.0.1:443');
  });

  it('names an HTTP status from a mirror', () => {
    expect(failureReason('HTTPError: Response code 403 (Forbidden) for https://mirror.example/electron.zip')).toBe('HTTPError: Response code 403 (Forbidden) for https://mirror.example/electron.zip');
  });

  it('reads node-gyp’s offline message and the native build’s summary line', () => {
    expect(failureReason('Error: This is most likely not a problem with node-gyp or the package itself and\nis related to network connectivity. In most cases')).toBe(
      'no network connection for a download',
    );
    expect(failureReason('Electron build of m failed: gyp ERR! stack Error: not found: make. Full log: .native/electron-build.log')).toBe('gyp ERR! stack Error: not found: make');
  });

  it('else the first error line, else the last line, clipped', () => {
    expect(failureReason('building\nTypeError: x is not a function\nmore')).toBe('TypeError: x is not a function');
    expect(failureReason('one\ntwo\n')).toBe('two');
    expect(failureReason('')).toBe('no output');
    expect(failureReason('x'.repeat(300))).toHaveLength(160);
  });
});

describe('the system around it', () => {
  it('a window can be shown on macOS and Windows, and on Linux only with X11 or Wayland', () => {
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
  });

  it('opens the browser with open, start or xdg-open, and with nothing where there is none', () => {
    const url = 'http://127.0.0.1:1/?token=t';
    expect(browserCommand('darwin', url, () => false)).toEqual(['open', [url]]);
    expect(browserCommand('win32', url, () => false)).toEqual(['cmd', ['/c', 'start', '""', url]]);
    expect(browserCommand('linux', url, (n) => n === 'xdg-open')).toEqual(['xdg-open', [url]]);
    expect(browserCommand('linux', url, () => false)).toBeNull();
  });

  it('the harness uses the folder Electron keeps this app’s data in', () => {
    expect(appDataDir('linux', {}, '/home/ana', 'cordon', join)).toBe('/home/ana/.config/cordon');
    expect(appDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana', 'cordon', join)).toBe('/cfg/cordon');
    expect(appDataDir('darwin', {}, '/Users/ana', 'cordon', join)).toBe('/Users/ana/Library/Application Support/cordon');
    expect(appDataDir('win32', { APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'C:/Users/ana', 'cordon', join)).toBe('C:/Users/ana/AppData/Roaming/cordon');
  });
});
