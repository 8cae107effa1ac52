import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

// Which Chromium prints PDFs (harness, CLI, tests) and drives the e2e suite. In order: the one
// CHROMIUM_PATH names, the one Playwright installed (`npx playwright install chromium`), then
// the system's. A CHROMIUM_PATH that does not exist is an error, not a hint to look elsewhere:
// whoever set it meant that binary.

export interface FindDeps {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** True when the file exists and may be executed. */
  isExecutable(path: string): boolean;
  /** Where Playwright keeps (or would keep) its Chromium; null when it has none for this platform. */
  playwrightChromium(): string | null;
}

export type Found = { ok: true; path: string; source: 'CHROMIUM_PATH' | 'playwright' | 'system' } | { ok: false; reason: string };

const systemNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The full path of a program on PATH, or null. */
export function findOnPath(name: string, deps: Pick<FindDeps, 'env' | 'platform' | 'isExecutable'>): string | null {
  const dirs = (deps.env.PATH ?? deps.env.Path ?? '').split(deps.platform === 'win32' ? ';' : delimiter).filter(Boolean);
  const suffixes = deps.platform === 'win32' ? (deps.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').concat('') : [''];
  for (const dir of dirs) {
    for (const suffix of suffixes) {
      const candidate = join(dir, name + suffix.toLowerCase());
      if (deps.isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/** Where Chrome or Chromium is installed as an application, outside PATH. */
function applicationPaths(deps: Pick<FindDeps, 'env' | 'platform'>): string[] {
  if (deps.platform === 'darwin') {
    return ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];
  }
  if (deps.platform === 'win32') {
    const roots = [deps.env.PROGRAMFILES, deps.env['PROGRAMFILES(X86)'], deps.env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    return roots.map((root) => join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  return [];
}

export function findChromium(deps: FindDeps): Found {
  const fromEnv = deps.env.CHROMIUM_PATH;
  if (fromEnv) {
    return deps.isExecutable(fromEnv) ? { ok: true, path: fromEnv, source: 'CHROMIUM_PATH' } : { ok: false, reason: `CHROMIUM_PATH is set to ${fromEnv}, which is not an executable file.` };
  }
  const playwright = deps.playwrightChromium();
  if (playwright && deps.isExecutable(playwright)) return { ok: true, path: playwright, source: 'playwright' };
  for (const name of systemNames) {
    const onPath = findOnPath(name, deps);
    if (onPath) return { ok: true, path: onPath, source: 'system' };
  }
  const app = applicationPaths(deps).find((p) => deps.isExecutable(p));
  if (app) return { ok: true, path: app, source: 'system' };
  return { ok: false, reason: 'No Chromium or Google Chrome was found.' };
}

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** playwright-core's `chromium`, passed in: importing it takes most of a second, so only what prints or tests loads it. */
export interface PlaywrightChromium {
  executablePath(): string;
}

export const systemFindDeps = (chromium: PlaywrightChromium): FindDeps => ({
  env: process.env,
  platform: process.platform,
  isExecutable: isExecutableFile,
  playwrightChromium: () => {
    try {
      return chromium.executablePath();
    } catch {
      return null;
    }
  },
});

/** The Chromium of this machine, or null. */
export function chromiumOnThisMachine(chromium: PlaywrightChromium): string | null {
  const found = findChromium(systemFindDeps(chromium));
  return found.ok ? found.path : null;
}
