import { net, protocol } from 'electron';
import { extname, join, normalize, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appHost, appScheme } from './app-url';
import { contentSecurityPolicy } from '../../shared/ipc/csp';

/** Must run before `app` is ready: privileged schemes are fixed at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Resolves an app:// URL to a file inside the renderer folder, or null if it escapes it. */
export function resolveAppFile(rendererDir: string, rawUrl: string): string | null {
  const url = new URL(rawUrl);
  if (url.host !== appHost) return null;
  const pathname = decodeURIComponent(url.pathname);
  const candidate = normalize(join(rendererDir, pathname === '/' ? 'index.html' : pathname));
  const rel = relative(rendererDir, candidate);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  // A route without a file extension is a screen of the single-page app.
  return extname(candidate) === '' ? join(rendererDir, 'index.html') : candidate;
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    // net.fetch rejects for a file that is not there (a stray favicon.ico request): answer
    // 404 rather than failing the request with an unhandled error.
    const response = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!response) return new Response('Not found', { status: 404 });
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
