import { describe, expect, it } from 'vitest';
import { ensureTestTools, type ToolDeps } from './test-tools';

// A fake machine: `run` records the commands and, for the ones that would install something,
// makes the files appear. Nothing is installed or downloaded for real.
function machine(initial: string[], over: Partial<ToolDeps> & { installs?: Record<string, string[]> } = {}) {
  const files = new Set(initial);
  const ran: string[] = [];
  const said: string[] = [];
  const { installs = {}, ...rest } = over;
  const deps: ToolDeps = {
    env: { PATH: '/usr/bin' },
    platform: 'linux',
    isRoot: true,
    isExecutable: (p) => files.has(p),
    playwrightChromium: () => '/pw/chrome',
    playwrightInstaller: ['node', 'playwright-core/cli.js'],
    run: (file, args) => {
      const line = [file, ...args].join(' ');
      ran.push(line);
      const made = Object.entries(installs).find(([prefix]) => line.startsWith(prefix));
      if (!made) return false;
      for (const f of made[1]) files.add(f);
      return true;
    },
    say: (line) => said.push(line),
    ...rest,
  };
  return { deps, ran, said };
}

describe('the tools npm test needs', () => {
  it('uses what is there and installs nothing', () => {
    const { deps, ran } = machine(['/usr/bin/chromium', '/usr/bin/pdftotext', '/usr/bin/apt-get']);
    expect(ensureTestTools(deps)).toEqual({ ok: true, chromium: '/usr/bin/chromium', pdftotext: '/usr/bin/pdftotext' });
    expect(ran).toEqual([]);
  });

  it('as root on Debian, installs Chromium (with a font) and poppler with apt-get', () => {
    const { deps, ran } = machine(['/usr/bin/apt-get'], {
      installs: { 'apt-get update': [], 'apt-get install': ['/usr/bin/chromium', '/usr/bin/pdftotext'] },
    });
    expect(ensureTestTools(deps)).toEqual({ ok: true, chromium: '/usr/bin/chromium', pdftotext: '/usr/bin/pdftotext' });
    expect(ran).toEqual(['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core poppler-utils']);
  });

  it('asks apt-get only for what is missing', () => {
    const { deps, ran } = machine(['/usr/bin/apt-get', '/usr/bin/chromium'], { installs: { 'apt-get': ['/usr/bin/pdftotext'] } });
    expect(ensureTestTools(deps).ok).toBe(true);
    expect(ran[1]).toBe('apt-get install -y -qq --no-install-recommends poppler-utils');
  });

  it('without root, gets Chromium from Playwright’s installer and never calls apt-get', () => {
    const { deps, ran } = machine(['/usr/bin/apt-get', '/usr/bin/pdftotext'], { isRoot: false, installs: { 'node playwright-core/cli.js install chromium': ['/pw/chrome'] } });
    expect(ensureTestTools(deps)).toEqual({ ok: true, chromium: '/pw/chrome', pdftotext: '/usr/bin/pdftotext' });
    expect(ran).toEqual(['node playwright-core/cli.js install chromium']);
  });

  it('offline and not root: one line saying exactly what to run', () => {
    const { deps } = machine(['/usr/bin/pdftotext'], { isRoot: false });
    const result = ensureTestTools(deps);
    expect(result).toEqual({
      ok: false,
      message:
        'The tests need Chromium and none was found or could be installed: run `sudo apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install --with-deps chromium`, or set CHROMIUM_PATH.',
    });
    expect(result.ok || result.message.includes('\n')).toBe(false);
  });

  it('says what to run for pdftotext, per system', () => {
    expect(ensureTestTools(machine(['/usr/bin/chromium'], { isRoot: false }).deps)).toMatchObject({ ok: false, message: expect.stringContaining('sudo apt-get install -y poppler-utils') });
    const mac = machine(['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'], { platform: 'darwin', isRoot: false });
    expect(ensureTestTools(mac.deps)).toMatchObject({ ok: false, message: 'The tests need pdftotext and it is not installed: run `brew install poppler`.' });
  });

  it('a failed apt-get falls through to Playwright, then to the one line', () => {
    const { deps, ran } = machine(['/usr/bin/apt-get']);
    expect(ensureTestTools(deps)).toMatchObject({ ok: false, message: expect.stringMatching(/^The tests need Chromium/) });
    expect(ran).toEqual(['apt-get update -qq', 'node playwright-core/cli.js install chromium']);
  });

  it('leaves a wrong CHROMIUM_PATH to the user, installing nothing over it', () => {
    const { deps, ran } = machine(['/usr/bin/apt-get'], { env: { PATH: '/usr/bin', CHROMIUM_PATH: '/opt/nope' } });
    expect(ensureTestTools(deps)).toEqual({ ok: false, message: 'CHROMIUM_PATH is set to /opt/nope, which is not an executable file. Fix it or unset it.' });
    expect(ran).toEqual([]);
  });
});
