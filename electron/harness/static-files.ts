import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, normalize, relative } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export const contentTypeOf = (file: string): string => contentTypes[extname(file)] ?? 'application/octet-stream';

/** Maps a URL path into `root`, refusing anything that climbs out of it. */
export function resolveStatic(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = normalize(join(root, decoded));
  const rel = relative(root, candidate);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  return candidate;
}

/** The renderer's index.html with the browser transport loaded before the app's module. */
export async function harnessIndexHtml(rendererDir: string): Promise<string> {
  const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
  // A classic script in <head> runs before the deferred module script, so window.cordon
  // exists by the time the app starts, exactly as the preload guarantees in Electron.
  return html.replace('<head>', '<head>\n    <script src="/harness/transport.js"></script>');
}
