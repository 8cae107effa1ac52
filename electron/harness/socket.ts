import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import { fail } from '../../shared/ipc/result';
import type { Router } from '../ipc/router';
import type { Logger } from '../services/logger';
import type { PushBus } from '../services/push-bus';
import { checkAccess, hostCount, type AccessPolicy } from './access';
import { socketPath } from './socket-path';

// The page's calls and the pushes to it, on one WebSocket. An HTTP request per call cost the
// page 7-25 ms of round trip in Chromium on a loaded laptop where a socket message costs ~1 ms,
// and a war-room keystroke or note is one to three calls. Every frame goes through the same
// checks as /rpc: the upgrade carries the token, our Host and our Origin; each call names a
// method the router knows and its input is the router's to validate.

/** A call from the page: `id` routes the answer back (calls run concurrently). */
const callFrame = z
  .object({
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    method: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'That is not a Cordon method name.'),
    input: z.unknown(),
  })
  .strict();

/** Close codes (RFC 6455 7.4.1): 1007 for a frame that is not a call. */
const notACall = 1007;
/** Pages open at once (a few windows and tabs); more is a page opening sockets in a loop. */
export const maxSockets = 32;
/**
 * Bytes queued for a page that does not read them (a frozen tab): past this it is dropped, and
 * re-reads what it shows when it reconnects, instead of the harness holding every push for it.
 */
const maxQueuedBytes = 64 * 1024 * 1024;

export interface SocketOptions {
  server: Server;
  router: Router;
  bus: PushBus;
  logger: Logger;
  /** The token and port, read when a page connects (the port is known once the server listens). */
  policy(): AccessPolicy;
  /** Largest frame accepted, as /rpc's largest body; a larger one closes the socket (1009). */
  maxPayload: number;
}

/** An upgrade is refused with a bare status line: there is no page to show a message on. */
function refuse(socket: Duplex, status: 400 | 401 | 403 | 404 | 503): void {
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status];
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachSocket(options: SocketOptions): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: false, clientTracking: true });

  options.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (hostCount(req) !== 1) return refuse(socket, 400);
    if (req.url !== socketPath) return refuse(socket, 404);
    // A browser always sends Origin on a WebSocket handshake, and cookies ride along from any
    // site: without our Origin this is another page trying its luck (cross-site WebSocket hijacking).
    if (req.headers.origin === undefined) {
      options.logger.warn('harness.refused', { reason: 'socket without origin', path: socketPath });
      return refuse(socket, 403);
    }
    const verdict = checkAccess(req, options.policy());
    if (!verdict.allowed) {
      options.logger.warn('harness.refused', { reason: verdict.reason, path: socketPath });
      return refuse(socket, verdict.status);
    }
    if (wss.clients.size >= maxSockets) {
      options.logger.warn('harness.refused', { reason: 'too many sockets', path: socketPath });
      return refuse(socket, 503);
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  });

  function serve(ws: WebSocket): void {
    // A page that vanished without closing (a killed tab) is dropped at the next ping.
    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 15_000);
    ping.unref();
    ws.on('close', () => clearInterval(ping));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data: RawData, isBinary: boolean) => void answer(ws, data, isBinary));
  }

  async function answer(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    let frame: unknown;
    try {
      if (isBinary) throw new Error('binary');
      frame = JSON.parse(data.toString());
    } catch {
      return ws.close(notACall, 'Not a Cordon call.');
    }
    const call = callFrame.safeParse(frame);
    if (!call.success) {
      // With an id the page can be told which call was wrong; without one there is no one to tell.
      const id = z.object({ id: callFrame.shape.id }).safeParse(frame);
      if (!id.success) return ws.close(notACall, 'Not a Cordon call.');
      return send(ws, { id: id.data.id, result: fail('bad_input', call.error.issues[0]?.message ?? 'That is not a Cordon call.') });
    }
    let result: unknown;
    try {
      result = await options.router.dispatch(call.data.method, call.data.input ?? {});
    } catch {
      options.logger.error('harness.request_failed');
      result = fail('internal', 'Cordon could not answer that call.');
    }
    send(ws, { id: call.data.id, result });
  }

  function send(ws: WebSocket, frame: unknown): void {
    write(ws, JSON.stringify(frame));
  }

  function write(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > maxQueuedBytes) return ws.terminate();
    ws.send(text);
  }

  const unsubscribe = options.bus.subscribe((event) => {
    const frame = JSON.stringify({ push: event });
    for (const client of wss.clients) write(client, frame);
  });

  return {
    close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
