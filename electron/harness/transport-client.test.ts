import { describe, expect, it } from 'vitest';
import { createTransport, largestSocketCall, unreachable, type PageEnvironment } from './transport-client';

/** A WebSocket stand-in the test opens, answers and drops by hand. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static made: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(frame: string): void {
    this.sent.push(frame);
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.();
  }
}

function page() {
  FakeSocket.made = [];
  const posted: { url: string; body: string }[] = [];
  const timers: (() => void)[] = [];
  const env: PageEnvironment = {
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    fetch: (async (url: string, init: { body: string }) => {
      posted.push({ url, body: init.body });
      return { json: async () => ({ ok: true, value: 'over http' }) };
    }) as unknown as typeof fetch,
    host: '127.0.0.1:4000',
    secure: false,
    setTimeout: (run) => timers.push(run),
  };
  const api = createTransport(env) as Record<string, (input?: unknown) => Promise<unknown>> & { subscribe(listener: (event: unknown) => void): () => void };
  const socket = () => FakeSocket.made.at(-1) as FakeSocket;
  return { api, posted, timers, socket };
}

describe('the harness page transport', () => {
  it('opens the socket on our own host and sends calls over it once open, each answered by its id', async () => {
    const { api, posted, socket } = page();
    expect(socket().url).toBe('ws://127.0.0.1:4000/socket');
    socket().open();
    const first = api.appInfo?.();
    const second = api.settingsGet?.({});
    const [a, b] = socket().sent.map((frame) => JSON.parse(frame) as { id: number; method: string });
    expect([a?.method, b?.method]).toEqual(['appInfo', 'settingsGet']);
    socket().receive({ id: b?.id, result: { ok: true, value: 'settings' } });
    socket().receive({ id: a?.id, result: { ok: true, value: 'info' } });
    expect(await first).toEqual({ ok: true, value: 'info' });
    expect(await second).toEqual({ ok: true, value: 'settings' });
    expect(posted).toEqual([]);
  });

  it('holds calls made while the socket connects and sends them once it opens, or by HTTP if it fails', async () => {
    const { api, posted, socket, timers } = page();
    const early = api.appInfo?.();
    expect(socket().sent).toEqual([]);
    socket().open();
    const frame = JSON.parse(socket().sent[0] ?? '{}') as { id: number; method: string };
    expect(frame.method).toBe('appInfo');
    socket().receive({ id: frame.id, result: { ok: true, value: 'over the socket' } });
    expect(await early).toEqual({ ok: true, value: 'over the socket' });
    socket().drop();
    timers.shift()?.();
    const duringReconnect = api.settingsGet?.();
    socket().drop();
    expect(await duringReconnect).toEqual({ ok: true, value: 'over http' });
    expect(posted.map((p) => p.url)).toEqual(['/rpc/settingsGet']);
  });

  it('uses HTTP for calls too big for the socket', async () => {
    const { api, posted, socket } = page();
    socket().open();
    const big = { text: 'x'.repeat(largestSocketCall) };
    expect(await api.postmortemSave?.(big)).toEqual({ ok: true, value: 'over http' });
    expect(posted.map((p) => p.url)).toEqual(['/rpc/postmortemSave']);
    expect(posted[0]?.body).toBe(JSON.stringify(big));
    expect(socket().sent).toEqual([]);
  });

  it('answers calls in flight as unreachable when the socket drops, then reconnects and tells subscribers to re-read', async () => {
    const { api, timers, socket } = page();
    const events: unknown[] = [];
    api.subscribe((event) => events.push(event));
    const first = socket();
    first.open();
    expect(events).toEqual([{ topic: 'channel.opened' }]);
    const inFlight = api.appInfo?.();
    first.drop();
    expect(await inFlight).toEqual(unreachable);
    // Between the drop and the reconnect, calls still go (over HTTP).
    expect(await api.appInfo?.()).toEqual({ ok: true, value: 'over http' });
    expect(socket()).toBe(first);
    timers.shift()?.();
    expect(socket()).not.toBe(first);
    socket().open();
    expect(events).toEqual([{ topic: 'channel.opened' }, { topic: 'channel.opened' }]);
  });

  it('hands pushes to subscribers and ignores frames it cannot read', async () => {
    const { api, socket } = page();
    const events: unknown[] = [];
    const stop = api.subscribe((event) => events.push(event));
    socket().open();
    socket().receive({ push: { topic: 'incident.changed', incidentId: 'i', eventId: 'e', kind: 'note' } });
    socket().receive('{not json');
    socket().receive({ id: 'nine', result: 1 });
    socket().receive({ id: 404, result: 1 });
    socket().onmessage?.({ data: new ArrayBuffer(2) });
    stop();
    socket().receive({ push: { topic: 'settings.changed' } });
    expect(events).toEqual([{ topic: 'channel.opened' }, { topic: 'incident.changed', incidentId: 'i', eventId: 'e', kind: 'note' }]);
  });

  it('works over HTTP alone where the page may not open a socket', async () => {
    const posted: string[] = [];
    const api = createTransport({
      WebSocket: function refused() {
        throw new DOMException('Refused to connect', 'SecurityError');
      } as unknown as typeof WebSocket,
      fetch: (async (url: string) => (posted.push(url), { json: async () => ({ ok: true, value: 'over http' }) })) as unknown as typeof fetch,
      host: '127.0.0.1:4000',
      secure: false,
      setTimeout: () => undefined,
    }) as Record<string, () => Promise<unknown>>;
    expect(await api.appInfo?.()).toEqual({ ok: true, value: 'over http' });
    expect(posted).toEqual(['/rpc/appInfo']);
  });
});
