import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { RunningHarness } from './server';
import { testHarnessesForEachTest } from './testing/test-harness';

const start = testHarnessesForEachTest();

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// node:http rather than fetch: fetch refuses to set Host and Origin, and those are the
// headers a hostile page would forge.
function send(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const own = (h: RunningHarness) => ({ Host: `127.0.0.1:${h.port}`, Cookie: `cordon_token=${h.token}` });
const rpc = (h: RunningHarness, method: string, body: string, extra: Record<string, string> = {}) =>
  send(h.port, `/rpc/${method}`, { ...own(h), 'Content-Type': 'application/json', ...extra }, 'POST', body);

/** A request written byte for byte, for what node:http will not send (two Host fields, a lying length). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
      // The status line and headers are enough; the server may keep the socket for the body.
      if (data.includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('browser harness', () => {
  it('binds to loopback and prints a URL carrying a long random token', async () => {
    const { harness } = await start();
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    expect((harness.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('answers a real method for a request with the token', async () => {
    const { harness } = await start();
    const reply = await rpc(harness, 'appInfo', '{}', { Origin: `http://127.0.0.1:${harness.port}` });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { name: 'Cordon', version: '9.9.9', runtime: 'harness' } });
  });

  it('refuses a request without the token', async () => {
    const { harness } = await start();
    const reply = await send(harness.port, '/rpc/appInfo', { Host: `127.0.0.1:${harness.port}` }, 'POST', '{}');
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await send(harness.port, '/', { Host: `127.0.0.1:${harness.port}` })).status).toBe(401);
  });

  it('refuses a wrong token of the same length', async () => {
    const { harness } = await start();
    const wrong = harness.token.replace(/./, (c) => (c === 'a' ? 'b' : 'a'));
    const reply = await send(harness.port, '/rpc/appInfo', { Host: `127.0.0.1:${harness.port}`, Cookie: `cordon_token=${wrong}` }, 'POST', '{}');
    expect(reply.status).toBe(401);
  });

  it('refuses a forged Origin even with the token (a hostile page in another tab)', async () => {
    const { harness } = await start();
    const reply = await rpc(harness, 'settingsUpdate', '{"theme":"dark"}', { Origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    const after = await rpc(harness, 'settingsGet', '{}');
    expect(JSON.parse(after.body)).toMatchObject({ value: { theme: 'system' } });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { harness } = await start();
    const reply = await send(harness.port, '/rpc/appInfo', { Host: `attacker.example:${harness.port}`, Cookie: `cordon_token=${harness.token}` }, 'POST', '{}');
    expect(reply.status).toBe(403);
  });

  it('refuses a cross-site fetch metadata header', async () => {
    const { harness } = await start();
    const reply = await rpc(harness, 'appInfo', '{}', { 'Sec-Fetch-Site': 'cross-site' });
    expect(reply.status).toBe(403);
  });

  it('trades the URL token for an HttpOnly SameSite cookie and strips it from the address', async () => {
    const { harness } = await start();
    const reply = await send(harness.port, `/?token=${harness.token}`, { Host: `127.0.0.1:${harness.port}` });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(String(reply.headers['set-cookie'])).toMatch(/cordon_token=.+; HttpOnly; SameSite=Strict/);
    const bad = await send(harness.port, '/?token=guess', { Host: `127.0.0.1:${harness.port}` });
    expect(bad.status).toBe(401);
  });

  it('serves the renderer with the transport injected and a strict CSP', async () => {
    const { harness } = await start();
    const reply = await send(harness.port, '/', own(harness));
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<script src="/harness/transport.js"></script>');
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
    const transport = await send(harness.port, '/harness/transport.js', own(harness));
    expect(transport.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await send(harness.port, '/assets/app.js', own(harness))).body).toBe('console.log(1)');
  });

  it('does not serve files outside the renderer folder', async () => {
    const { harness } = await start();
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00.js']) {
      const reply = await send(harness.port, path, own(harness));
      expect(reply.body).not.toContain('outside the renderer');
    }
  });

  it('answers bad bodies with a clear error Result', async () => {
    const { harness } = await start();
    const notJson = await rpc(harness, 'settingsUpdate', '{theme:');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'bad_input', message: 'The request body is not valid JSON.' } });
    const huge = await rpc(harness, 'settingsUpdate', JSON.stringify({ theme: 'x'.repeat(5000) }));
    expect(huge.status).toBe(413);
    const unknown = await rpc(harness, 'dropTables', '{}');
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const getRpc = await send(harness.port, '/rpc/appInfo', own(harness));
    expect(getRpc.status).toBe(405);
  });

  it('answers 400 to a request with two Host fields, ours first', async () => {
    const { harness } = await start();
    const host = `127.0.0.1:${harness.port}`;
    const twice = await raw(harness.port, `POST /rpc/appInfo HTTP/1.1\r\nHost: ${host}\r\nHost: evil.example\r\nCookie: cordon_token=${harness.token}\r\nContent-Length: 2\r\n\r\n{}`);
    expect(twice).toMatch(/^HTTP\/1\.1 400 /);
    const once = await raw(harness.port, `POST /rpc/appInfo HTTP/1.1\r\nHost: ${host}\r\nCookie: cordon_token=${harness.token}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(once).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('answers 400 to malformed method names and never normalises a method URL into another call', async () => {
    const { harness, services } = await start();
    await services.vault.create('a long enough passphrase');
    for (const path of ['/rpc/%zz', '/rpc/appInfo/../vaultLock', '/rpc/appInfo/%2e%2e/vaultLock', '/rpc/./vaultLock', '/rpc//vaultLock', '/rpc/vault%4cock', '/rpc/appInfo/']) {
      const reply = await send(harness.port, path, { ...own(harness), 'Content-Type': 'application/json' }, 'POST', '{}');
      expect(reply.status, path).toBe(400);
    }
    expect(services.vault.status().state).toBe('unlocked');
  });

  it('refuses a body over the limit on its declared length, before reading or parsing it', async () => {
    const { harness } = await start();
    // 79 MB declared, none of it sent: the answer comes at once, not after waiting for the body.
    const reply = await raw(
      harness.port,
      `POST /rpc/settingsUpdate HTTP/1.1\r\nHost: 127.0.0.1:${harness.port}\r\nCookie: cordon_token=${harness.token}\r\nContent-Type: application/json\r\nContent-Length: ${79 * 1024 * 1024}\r\n\r\n{"theme":`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('hands an export to the browser as a one-time attachment download', async () => {
    const { harness, services } = await start();
    await services.vault.create('a long enough passphrase');
    const declared = JSON.parse((await rpc(harness, 'incidentDeclare', JSON.stringify({ title: 'Checkout errors' }))).body);
    const exported = JSON.parse((await rpc(harness, 'exportMarkdown', JSON.stringify({ incidentId: declared.value.id }))).body);
    expect(exported.value.delivery).toMatchObject({ kind: 'download', fileName: expect.stringMatching(/^checkout-errors-[0-9a-f]{8}-postmortem\.md$/) });
    const url = exported.value.delivery.url as string;
    expect((await send(harness.port, url, { Host: `127.0.0.1:${harness.port}` })).status).toBe(401);
    const got = await send(harness.port, url, own(harness));
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="checkout-errors-.*-postmortem\.md"/);
    expect(got.headers['content-type']).toBe('text/markdown');
    expect(got.body).toContain('Checkout errors');
    expect((await send(harness.port, url, own(harness))).status).toBe(404);
    // A path from the page is refused outright.
    const withPath = JSON.parse((await rpc(harness, 'exportMarkdown', JSON.stringify({ incidentId: declared.value.id, path: '/tmp/x.md' }))).body);
    expect(withPath).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});
