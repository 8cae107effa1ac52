import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../../shared/ipc/csp';
import { fail } from '../../shared/ipc/result';
import type { Router } from '../ipc/router';
import type { PushBus } from '../services/push-bus';
import type { Logger } from '../services/logger';
import { checkAccess, checkHostAndOrigin, hostCount, tokenCookie, tokenMatches } from './access';
import { contentTypeOf, harnessIndexHtml, resolveStatic } from './static-files';
import { contentDisposition, type DownloadShelf } from './downloads';
import { maxRequestBytes } from '../../shared/ipc/file-schemas';
import { attachSocket } from './socket';

export interface HarnessOptions {
  router: Router;
  bus: PushBus;
  logger: Logger;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The bundled browser transport (dist/harness/transport.js). */
  transportFile: string;
  port?: number;
  token?: string;
  /** Largest JSON body accepted by /rpc (default maxRequestBytes); files arrive in chunks below it. */
  maxBodyBytes?: number;
  /** Files the services offered (exports, evidence copies), fetched once from /download/<id>. */
  downloads?: DownloadShelf;
}

export interface RunningHarness {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');

class BodyTooLarge extends Error {}

/** Method URLs are matched as sent: no decoding, no dot segments, no normalisation. */
const rpcPath = /^\/rpc\/([A-Za-z][A-Za-z0-9]{0,63})$/;
const downloadPath = /^\/download\/([A-Za-z0-9_-]{16,64})$/;
const suspiciousPath = /(^|\/)\.\.?(\/|$)|%2e|%2f|%5c|\\|\/\//i;

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHarness(options: HarnessOptions): Promise<RunningHarness> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? maxRequestBytes;
  let port = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (hostCount(req) !== 1) return send(res, 400, 'Bad request: exactly one Host header, please.', 'text/plain');
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (!rawPath.startsWith('/') || suspiciousPath.test(rawPath)) return send(res, 400, 'Bad request: malformed path.', 'text/plain');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const policy = { token, port };

    // The printed URL carries the token once; it becomes a cookie and leaves the address bar.
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      const place = checkHostAndOrigin(req, policy);
      if (!place.allowed || !tokenMatches(url.searchParams.get('token'), token)) {
        send(res, place.allowed ? 401 : 403, 'Refused: open the exact URL the harness printed.', 'text/plain');
        return;
      }
      res.writeHead(303, {
        ...securityHeaders,
        'Set-Cookie': `${tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
      res.end();
      return;
    }

    const verdict = checkAccess(req, policy);
    if (!verdict.allowed) {
      options.logger.warn('harness.refused', { reason: verdict.reason, path: url.pathname.slice(0, 64) });
      if (url.pathname.startsWith('/rpc/')) sendJson(res, verdict.status, fail('forbidden', `Refused: ${verdict.reason}.`));
      else send(res, verdict.status, `Refused: ${verdict.reason}.`, 'text/plain');
      return;
    }

    if (rawPath.startsWith('/rpc/')) {
      const method = rpcPath.exec(rawPath)?.[1];
      if (method === undefined) return sendJson(res, 400, fail('bad_input', 'That is not a Cordon method name.'));
      if (req.method !== 'POST') return sendJson(res, 405, fail('bad_input', 'Use POST for Cordon methods.'));
      // Refused on the declared length, before a byte of the body is read or parsed.
      const declared = Number(req.headers['content-length'] ?? '0');
      if (!Number.isFinite(declared) || declared > maxBody) {
        res.once('finish', () => req.destroy());
        return sendJson(res, 413, fail('bad_input', 'The request is too large.'));
      }
      let input: unknown;
      try {
        const body = await readBody(req, maxBody);
        input = body === '' ? {} : JSON.parse(body);
      } catch (error) {
        const message = error instanceof BodyTooLarge ? 'The request is too large.' : 'The request body is not valid JSON.';
        return sendJson(res, error instanceof BodyTooLarge ? 413 : 400, fail('bad_input', message));
      }
      return sendJson(res, 200, await options.router.dispatch(method, input));
    }

    const download = downloadPath.exec(rawPath)?.[1];
    if (download !== undefined) {
      if (req.method !== 'GET') return send(res, 405, 'Method not allowed', 'text/plain');
      const item = options.downloads?.take(download) ?? null;
      if (!item) return send(res, 404, 'This download was already fetched or has expired; export again.', 'text/plain');
      res.writeHead(200, {
        ...securityHeaders,
        'Content-Type': item.mediaType,
        'Content-Length': item.data.byteLength,
        'Content-Disposition': contentDisposition(item.fileName),
      });
      res.end(Buffer.from(item.data.buffer, item.data.byteOffset, item.data.byteLength));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');

    if (url.pathname === '/harness/transport.js') {
      return send(res, 200, await readFile(options.transportFile), contentTypeOf('transport.js'));
    }
    const file = resolveStatic(options.rendererDir, url.pathname);
    if (file === null) return send(res, 404, 'Not found', 'text/plain');
    const isAsset = /\.[a-z0-9]+$/i.test(url.pathname);
    if (!isAsset || url.pathname === '/index.html') {
      return send(res, 200, await harnessIndexHtml(options.rendererDir), contentTypeOf('index.html'));
    }
    try {
      send(res, 200, await readFile(file), contentTypeOf(file));
    } catch {
      send(res, 404, 'Not found', 'text/plain');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      options.logger.error('harness.request_failed');
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain');
      else res.end();
    });
  });
  // The page's calls and pushes: /socket, behind the same token, Host and Origin checks.
  const socket = attachSocket({ server, router: options.router, bus: options.bus, logger: options.logger, policy: () => ({ token, port }), maxPayload: maxBody });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: async () => {
      socket.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const defaultHarnessPaths = (distDir: string) => ({
  rendererDir: join(distDir, 'renderer'),
  transportFile: join(distDir, 'harness', 'transport.js'),
});
