import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningHarness } from './server';
import { maxSockets } from './socket';
import { socketPath } from './socket-path';
import { testHarnessesForEachTest } from './testing/test-harness';

const start = testHarnessesForEachTest();

const ownOrigin = (h: RunningHarness) => `http://127.0.0.1:${h.port}`;

/** Opens the page's socket with the given handshake headers; resolves once open, rejects with the refusal's status. */
function open(h: RunningHarness, headers: Record<string, string>, path = socketPath): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}${path}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const asPage = (h: RunningHarness) => open(h, { Origin: ownOrigin(h), Cookie: `cordon_token=${h.token}` });

/** The next frame the server sends, parsed. */
function next(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)));
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })));
}

async function callOver(ws: WebSocket, id: number, method: string, input: unknown): Promise<unknown> {
  const answer = new Promise<unknown>((resolve) => {
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (frame.id !== id) return;
      ws.off('message', onMessage);
      resolve(frame.result);
    };
    ws.on('message', onMessage);
  });
  ws.send(JSON.stringify({ id, method, input }));
  return answer;
}

describe('the harness page socket', () => {
  it('answers calls from our own page, each by its id, as /rpc would', async () => {
    const { harness } = await start();
    const ws = await asPage(harness);
    const [info, settings] = await Promise.all([callOver(ws, 7, 'appInfo', {}), callOver(ws, 8, 'settingsGet', {})]);
    expect(info).toMatchObject({ ok: true, value: { name: 'Cordon', runtime: 'harness' } });
    expect(settings).toMatchObject({ ok: true, value: { theme: 'system' } });
    ws.close();
  });

  it('pushes state changes to the page', async () => {
    const { harness } = await start();
    const ws = await asPage(harness);
    const pushed = next(ws);
    const other = await asPage(harness);
    await callOver(other, 1, 'settingsUpdate', { theme: 'light' });
    expect(await pushed).toEqual({ push: { topic: 'settings.changed', settings: { theme: 'light', displayName: '' } } });
    ws.close();
    other.close();
  });

  it('refuses a handshake without the token, from another origin, without an origin, for another host or path', async () => {
    const { harness, services } = await start();
    const cookie = `cordon_token=${harness.token}`;
    await expect(open(harness, { Origin: ownOrigin(harness) })).rejects.toThrow('refused 401');
    await expect(open(harness, { Origin: ownOrigin(harness), Cookie: 'cordon_token=guess' })).rejects.toThrow('refused 401');
    await expect(open(harness, { Origin: 'http://evil.example', Cookie: cookie })).rejects.toThrow('refused 403');
    await expect(open(harness, { Cookie: cookie })).rejects.toThrow('refused 403');
    await expect(open(harness, { Origin: ownOrigin(harness), Cookie: cookie, Host: `attacker.example:${harness.port}` })).rejects.toThrow('refused 403');
    await expect(open(harness, { Origin: ownOrigin(harness), Cookie: cookie }, '/socket/../rpc')).rejects.toThrow('refused 404');
    await expect(open(harness, { Origin: ownOrigin(harness), Cookie: cookie }, `${socketPath}?x=1`)).rejects.toThrow('refused 404');
    // Nothing was called: the settings are as they were.
    expect((await services.settings.get()).theme).toBe('system');
  });

  it('refuses sockets past the limit until one closes', async () => {
    const { harness } = await start();
    const open = await Promise.all(Array.from({ length: maxSockets }, () => asPage(harness)));
    await expect(asPage(harness)).rejects.toThrow('refused 503');
    open[0]?.close();
    // The server counts the socket out once its side of the close is done: asked again until then.
    let again: WebSocket | null = null;
    for (let tries = 0; !again && tries < 100; tries++) again = await asPage(harness).catch(() => new Promise<null>((r) => setTimeout(() => r(null), 20)));
    if (!again) throw new Error('no socket after one closed');
    expect(await callOver(again, 1, 'appInfo', {})).toMatchObject({ ok: true });
    for (const ws of [...open.slice(1), again]) ws.close();
  });

  it('answers a call naming no method, or a wrong input, with a clear error and keeps serving', async () => {
    const { harness, services } = await start();
    const ws = await asPage(harness);
    expect(await callOver(ws, 1, 'dropTables', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await callOver(ws, 2, '../vaultLock', {})).toMatchObject({ ok: false, error: { code: 'bad_input', message: 'That is not a Cordon method name.' } });
    expect(await callOver(ws, 3, 'settingsUpdate', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    ws.send(JSON.stringify({ id: 4, method: 'appInfo', input: {}, extra: 'field' }));
    expect(await next(ws)).toMatchObject({ id: 4, result: { ok: false, error: { code: 'bad_input' } } });
    expect((await services.settings.get()).theme).toBe('system');
    expect(await callOver(ws, 5, 'appInfo', {})).toMatchObject({ ok: true });
    ws.close();
  });

  it('closes on a frame that is not a call (not JSON, binary, no id) and serves the next connection', async () => {
    const { harness } = await start();
    for (const frame of ['{"id":', Buffer.from([1, 2, 3]), JSON.stringify({ method: 'appInfo' }), JSON.stringify([1, 2]), 'null']) {
      const ws = await asPage(harness);
      const end = closed(ws);
      ws.send(frame, { binary: Buffer.isBuffer(frame) });
      expect(await end).toEqual({ code: 1007, reason: 'Not a Cordon call.' });
    }
    const ws = await asPage(harness);
    expect(await callOver(ws, 1, 'appInfo', {})).toMatchObject({ ok: true });
    ws.close();
  });

  it('closes on a frame over the body limit, before parsing it, and nothing is changed', async () => {
    const { harness, services } = await start();
    const ws = await asPage(harness);
    const end = closed(ws);
    ws.send(JSON.stringify({ id: 1, method: 'settingsUpdate', input: { theme: 'dark', displayName: 'x'.repeat(5_000) } }));
    expect((await end).code).toBe(1009);
    expect((await services.settings.get()).theme).toBe('system');
  });
});
