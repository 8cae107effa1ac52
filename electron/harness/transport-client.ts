// The harness page's side of Cordon's API, over a WebSocket (calls and pushes) with plain HTTP
// for what the socket cannot carry. Runs in the browser; built from what the page provides so
// that a test can give it stand-ins.
import { methodNames } from '../../shared/ipc/method-names';
import { socketPath } from './socket-path';

type Listener = (event: unknown) => void;

export const unreachable = {
  ok: false,
  error: { code: 'unavailable', message: 'Lost contact with Cordon. Is the harness still running?' },
} as const;

/**
 * Calls bigger than this go by HTTP, which answers an oversized one with a clear message (the
 * socket can only close); they are file chunks and long documents, where a round trip's
 * milliseconds do not matter.
 */
export const largestSocketCall = 1024 * 1024;
/** Reconnect delays after the socket drops: quick at first, then every few seconds. */
const retryMs = [100, 250, 500, 1_000, 2_000, 4_000];

export interface PageEnvironment {
  WebSocket: typeof WebSocket;
  fetch: typeof fetch;
  /** The page's own host ("127.0.0.1:port") and whether it is served over https. */
  host: string;
  secure: boolean;
  setTimeout(run: () => void, ms: number): unknown;
}

export function createTransport(env: PageEnvironment): Record<string, unknown> {
  const listeners = new Set<Listener>();
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retries = 0;
  // Calls made while the socket connects (a page's first calls): sent when it opens, or by HTTP if it fails.
  let waiting: (() => void)[] = [];
  const release = () => {
    const calls = waiting;
    waiting = [];
    for (const send of calls) send();
  };

  async function overHttp(method: string, body: string): Promise<unknown> {
    try {
      const response = await env.fetch(`/rpc/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body,
      });
      return (await response.json()) as unknown;
    } catch {
      return unreachable;
    }
  }

  function connect(): void {
    let ws: WebSocket;
    try {
      ws = new env.WebSocket(`${env.secure ? 'wss' : 'ws'}://${env.host}${socketPath}`);
    } catch {
      // A page that may not open sockets (a stricter policy in front of it): HTTP carries everything.
      return;
    }
    socket = ws;
    ws.onopen = () => {
      retries = 0;
      release();
      // Also after a reconnect: pushes may have been missed, so subscribers re-read their state.
      for (const listener of [...listeners]) listener({ topic: 'channel.opened' });
    };
    ws.onmessage = (message: MessageEvent<unknown>) => {
      if (typeof message.data !== 'string') return;
      let frame: { id?: unknown; result?: unknown; push?: unknown };
      try {
        frame = JSON.parse(message.data) as typeof frame;
      } catch {
        return;
      }
      if (frame.push !== undefined) {
        for (const listener of [...listeners]) listener(frame.push);
        return;
      }
      if (typeof frame.id !== 'number') return;
      const settle = pending.get(frame.id);
      pending.delete(frame.id);
      settle?.(frame.result);
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      release();
      // Whether a call in flight ran is unknown, as with a dropped HTTP request: say so.
      for (const settle of pending.values()) settle(unreachable);
      pending.clear();
      env.setTimeout(connect, retryMs[Math.min(retries++, retryMs.length - 1)] ?? 4_000);
    };
  }

  function call(method: string, input: unknown): Promise<unknown> {
    const id = nextId++;
    const frame = JSON.stringify({ id, method, input: input ?? {} });
    if (frame.length > largestSocketCall) return overHttp(method, JSON.stringify(input ?? {}));
    // A socket opening takes a few milliseconds; an HTTP round trip costs more than the wait.
    if (socket && socket.readyState === env.WebSocket.CONNECTING) return new Promise((resolve) => waiting.push(() => resolve(send(id, method, input, frame))));
    return send(id, method, input, frame);
  }

  /** Over the socket when it is open; by HTTP while it is down or reconnecting. */
  function send(id: number, method: string, input: unknown, frame: string): Promise<unknown> {
    const ws = socket;
    if (!ws || ws.readyState !== env.WebSocket.OPEN) return overHttp(method, JSON.stringify(input ?? {}));
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(frame);
    });
  }

  const api: Record<string, unknown> = Object.fromEntries(methodNames.map((method) => [method, (input?: unknown) => call(method, input)]));
  api.subscribe = (listener: Listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  connect();
  return api;
}
