import { describe, expect, it } from 'vitest';
import { findChromium, findOnPath, type FindDeps } from './find-chromium';

// A machine described by the executables it has; nothing real is looked at.
function machine(files: string[], over: Partial<FindDeps> = {}): FindDeps {
  const set = new Set(files);
  return {
    env: { PATH: '/usr/local/bin:/usr/bin' },
    platform: 'linux',
    isExecutable: (p) => set.has(p),
    playwrightChromium: () => '/home/u/.cache/ms-playwright/chromium-1/chrome-linux64/chrome',
    ...over,
  };
}

describe('finding a Chromium', () => {
  it('takes CHROMIUM_PATH first, even over Playwright’s and the system’s', () => {
    const deps = machine(['/opt/chrome/chrome', '/home/u/.cache/ms-playwright/chromium-1/chrome-linux64/chrome', '/usr/bin/chromium'], {
      env: { PATH: '/usr/bin', CHROMIUM_PATH: '/opt/chrome/chrome' },
    });
    expect(findChromium(deps)).toEqual({ ok: true, path: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' });
  });

  it('refuses a CHROMIUM_PATH that does not exist rather than quietly using another browser', () => {
    const deps = machine(['/usr/bin/chromium'], { env: { PATH: '/usr/bin', CHROMIUM_PATH: '/opt/missing' } });
    expect(findChromium(deps)).toEqual({ ok: false, reason: 'CHROMIUM_PATH is set to /opt/missing, which is not an executable file.' });
  });

  it('then the browser Playwright installed', () => {
    const deps = machine(['/home/u/.cache/ms-playwright/chromium-1/chrome-linux64/chrome', '/usr/bin/chromium']);
    expect(findChromium(deps)).toMatchObject({ ok: true, source: 'playwright' });
  });

  it('then the system’s, in the order chromium, chromium-browser, google-chrome, on PATH order', () => {
    expect(findChromium(machine(['/usr/bin/chromium', '/usr/bin/google-chrome']))).toEqual({ ok: true, path: '/usr/bin/chromium', source: 'system' });
    expect(findChromium(machine(['/usr/bin/google-chrome', '/usr/local/bin/chromium-browser']))).toMatchObject({ path: '/usr/local/bin/chromium-browser' });
    expect(findChromium(machine(['/usr/bin/google-chrome']))).toMatchObject({ path: '/usr/bin/google-chrome' });
  });

  it('knows where Chrome lives on macOS and Windows outside PATH', () => {
    const mac = machine(['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'], { platform: 'darwin', playwrightChromium: () => null });
    expect(findChromium(mac)).toMatchObject({ ok: true, source: 'system' });
    const win = machine(['C:\\Program Files/Google/Chrome/Application/chrome.exe'], { platform: 'win32', env: { Path: '', PROGRAMFILES: 'C:\\Program Files' }, playwrightChromium: () => null });
    expect(findChromium(win)).toMatchObject({ ok: true, path: 'C:\\Program Files/Google/Chrome/Application/chrome.exe' });
  });

  it('says so when there is none, and survives a platform Playwright has no browser for', () => {
    expect(findChromium(machine([], { playwrightChromium: () => null }))).toEqual({ ok: false, reason: 'No Chromium or Google Chrome was found.' });
  });
});

describe('finding a program on PATH', () => {
  it('walks PATH in order and skips empty entries', () => {
    const deps = machine(['/b/pdftotext', '/c/pdftotext'], { env: { PATH: '::/a:/b:/c' } });
    expect(findOnPath('pdftotext', deps)).toBe('/b/pdftotext');
    expect(findOnPath('pdftoppm', deps)).toBeNull();
  });

  it('adds PATHEXT suffixes on Windows', () => {
    const deps = machine(['C:\\poppler/pdftotext.exe'], { platform: 'win32', env: { Path: 'C:\\poppler', PATHEXT: '.COM;.EXE' } });
    expect(findOnPath('pdftotext', deps)).toBe('C:\\poppler/pdftotext.exe');
  });
});
