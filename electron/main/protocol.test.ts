import { join, sep } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-mock')).createElectronMock().module);
const { resolveAppFile, serveRenderer } = await import('./protocol');
const electron = await import('electron');

describe('app:// protocol', () => {
  const root = join('/srv', 'cordon', 'renderer');
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppFile(root, 'app://cordon/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://cordon/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAppFile(root, 'app://cordon/settings')).toBe(join(root, 'index.html'));
  });
  it('refuses other hosts and paths that climb out', () => {
    expect(resolveAppFile(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppFile(root, 'app://cordon/..%2f..%2fsecret.js')).toBeNull();
    expect(resolveAppFile(root, 'app://cordon/assets/..%2F..%2F..%2Fetc%2Fpasswd.txt')).toBeNull();
  });
  it('keeps dot segments inside the root (the URL parser collapses them first)', () => {
    for (const url of ['app://cordon/%2e%2e/%2e%2e/etc/passwd.txt', 'app://cordon/../../etc/passwd.txt']) {
      expect(resolveAppFile(root, url)?.startsWith(root + sep)).toBe(true);
    }
  });

  it('answers 404 for a file that is not there, and serves one that is with the CSP', async () => {
    const fetchFile = vi.mocked(electron.net.fetch);
    fetchFile.mockRejectedValueOnce(new TypeError('net::ERR_FILE_NOT_FOUND'));
    fetchFile.mockResolvedValueOnce(new Response('<p>ok</p>', { headers: { 'Content-Type': 'text/html' } }));
    serveRenderer(root);
    const handler = vi.mocked(electron.protocol.handle).mock.calls[0]![1];
    const missing = await handler(new Request('app://cordon/favicon.ico'));
    expect(missing.status).toBe(404);
    const page = await handler(new Request('app://cordon/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(await page.text()).toBe('<p>ok</p>');
  });
});
