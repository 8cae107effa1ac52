import type { Page } from '@playwright/test';

/** Turns the main process's real answer to a call into the answer the page is given. */
export type Rewrite = (real: { ok: boolean; value?: unknown }) => unknown;

/**
 * Rewrites the answers to some calls on their way to the page, whichever way they travel (the
 * page's WebSocket, or HTTP before it opens). The calls still reach the main process. Returns the
 * rewrites by method name: set or delete one at any point of a test. Install before the page opens.
 */
export async function rewriteCalls(page: Page): Promise<Map<string, Rewrite>> {
  const rewrites = new Map<string, Rewrite>();
  await page.route('**/rpc/*', async (route) => {
    const rewrite = rewrites.get(new URL(route.request().url()).pathname.slice('/rpc/'.length));
    if (!rewrite) return route.continue();
    const real = (await (await route.fetch()).json()) as { ok: boolean; value?: unknown };
    await route.fulfill({ json: rewrite(real) });
  });
  await page.routeWebSocket(/\/socket$/, (ws) => {
    const server = ws.connectToServer();
    const methods = new Map<number, string>();
    ws.onMessage((message) => {
      if (typeof message === 'string') {
        const frame = JSON.parse(message) as { id?: unknown; method?: unknown };
        if (typeof frame.id === 'number' && typeof frame.method === 'string') methods.set(frame.id, frame.method);
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (typeof message !== 'string') return ws.send(message);
      const frame = JSON.parse(message) as { id?: unknown; result?: { ok: boolean; value?: unknown } };
      const method = typeof frame.id === 'number' ? methods.get(frame.id) : undefined;
      if (typeof frame.id === 'number') methods.delete(frame.id);
      const rewrite = method === undefined ? undefined : rewrites.get(method);
      ws.send(rewrite && frame.result ? JSON.stringify({ id: frame.id, result: rewrite(frame.result) }) : message);
    });
  });
  return rewrites;
}
