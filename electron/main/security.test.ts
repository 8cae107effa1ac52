import type { ElectronMock } from './electron-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSession, FakeWebContents } from './electron-mock';

const electron = vi.hoisted(() => ({ current: null as null | ElectronMock }));
vi.mock('electron', async () => {
  const { createElectronMock: make } = await import('./electron-mock');
  electron.current = make();
  return electron.current.module;
});

const { secureWindowOptions, hardenSession, lockNavigation, isTrustedSender } = await import('./security');
const { isSafeExternalUrl } = await import('./external-links');
const mock = () => electron.current!;

beforeEach(() => vi.clearAllMocks());

describe('window options', () => {
  it('follow the Electron security checklist', () => {
    const prefs = secureWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });
});

describe('session hardening', () => {
  it('denies every permission request and check but our page’s camera', () => {
    const fake = createFakeSession();
    hardenSession(fake.session as never);
    const callback = vi.fn();
    const ours = { isMainFrame: true, requestingUrl: 'app://cordon/index.html' };
    fake.calls.permissionRequest!({}, 'media', callback, { ...ours, mediaTypes: ['video'] });
    fake.calls.permissionRequest!({}, 'media', callback, { ...ours, mediaTypes: ['audio'] });
    fake.calls.permissionRequest!({}, 'media', callback, { isMainFrame: true, requestingUrl: 'https://evil.example/', mediaTypes: ['video'] });
    fake.calls.permissionRequest!({}, 'notifications', callback, ours);
    expect(callback.mock.calls).toEqual([[true], [false], [false], [false]]);
    expect(fake.calls.permissionCheck!({}, 'clipboard-read', 'app://cordon', { isMainFrame: true })).toBe(false);
    expect(fake.calls.permissionCheck!({}, 'media', 'app://cordon', { isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(fake.calls.devicePermission!({})).toBe(false);
  });

  it('adds a strict CSP with no remote origins to every response', () => {
    const fake = createFakeSession();
    hardenSession(fake.session as never);
    const callback = vi.fn();
    fake.calls.headersReceived!({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    const csp = headers['Content-Security-Policy']![0]!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:|unsafe-inline|unsafe-eval|\*/);
    expect(headers['X-Other']).toEqual(['1']);
  });
});

describe('navigation lock', () => {
  it('keeps navigation on our own pages', () => {
    const contents = new FakeWebContents();
    lockNavigation(contents as never);
    expect(contents.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emit('will-navigate', 'app://cordon.evil/index.html')).toBe(true);
    expect(contents.emit('will-navigate', 'app://cordon/index.html#/settings')).toBe(false);
    expect(contents.emit('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emit('will-attach-webview')).toBe(true);
  });

  it('never opens a Cordon window, and opens only plain web links in the OS browser', () => {
    const contents = new FakeWebContents();
    lockNavigation(contents as never);
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://status.example.com/incident/42')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('smb://share/x')).toEqual({ action: 'deny' });
    expect(mock().module.shell.openExternal.mock.calls).toEqual([['https://status.example.com/incident/42']]);
  });
});

describe('external links', () => {
  it.each([
    ['https://example.com/a?b=c', true],
    ['http://intranet.example/x', true],
    ['https://user:pass@example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['ms-settings:privacy', false],
    ['not a url', false],
    [`https://example.com/${'a'.repeat(3000)}`, false],
  ])('%s is safe: %s', (url, safe) => expect(isSafeExternalUrl(url)).toBe(safe));
});

describe('IPC sender check', () => {
  it('trusts only our own top-level frame', () => {
    expect(isTrustedSender({ url: 'app://cordon/index.html', parent: null } as never)).toBe(true);
    expect(isTrustedSender({ url: 'app://cordon/index.html', parent: {} } as never)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null } as never)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/x.html', parent: null } as never)).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});
