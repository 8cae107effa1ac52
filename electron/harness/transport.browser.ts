// Runs in the browser, loaded before the app by the harness's index.html. It installs
// the same window.cordon API the Electron preload exposes, over HTTP and SSE, so the
// renderer cannot tell (and does not care) which transport it runs on.
import { methodNames } from '../../shared/ipc/method-names';

type Listener = (event: unknown) => void;

const unreachable = {
  ok: false,
  error: { code: 'unavailable', message: 'Lost contact with Cordon. Is the harness still running?' },
} as const;

async function call(method: string, input: unknown): Promise<unknown> {
  try {
    const response = await fetch(`/rpc/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
    });
    return (await response.json()) as unknown;
  } catch {
    return unreachable;
  }
}

const listeners = new Set<Listener>();
let source: EventSource | null = null;

function ensureStream(): void {
  if (source) return;
  source = new EventSource('/events');
  // Also fires after an automatic reconnect: subscribers re-read their state then.
  source.onopen = () => {
    for (const listener of [...listeners]) listener({ topic: 'channel.opened' });
  };
  source.onmessage = (message: MessageEvent<string>) => {
    let event: unknown;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    for (const listener of [...listeners]) listener(event);
  };
}

const api: Record<string, unknown> = Object.fromEntries(
  methodNames.map((method) => [method, (input?: unknown) => call(method, input)]),
);
api.subscribe = (listener: Listener) => {
  listeners.add(listener);
  ensureStream();
  return () => listeners.delete(listener);
};

Object.defineProperty(window, 'cordon', { value: Object.freeze(api), writable: false, configurable: false });
