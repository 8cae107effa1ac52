// `session`, `protocol` and `net`: the handlers a main process installs on a session, kept
// here for the windows (browser-window.ts) to apply.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from './app';
import { customSchemes, record } from './runtime';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean;
type HeadersReceivedListener = (
  details: { url: string; method: string; statusCode: number; responseHeaders: Record<string, string[]>; resourceType: string },
  callback: (response: { cancel?: boolean; responseHeaders?: Record<string, string | string[]> }) => void,
) => void;

export class StandinSession {
  readonly protocolHandlers = new Map<string, ProtocolHandler>();
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  headersReceived: HeadersReceivedListener | null = null;

  constructor(readonly partition: string) {}

  readonly protocol = {
    handle: (scheme: string, handler: ProtocolHandler): void => {
      if (!app.isReady()) throw new Error('protocol.handle must be called after the app is ready');
      if (this.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      this.protocolHandlers.set(scheme, handler);
      record({ kind: 'protocol.handle', scheme, partition: this.partition, privileged: customSchemes.has(scheme) });
    },
    unhandle: (scheme: string): void => void this.protocolHandlers.delete(scheme),
    isProtocolHandled: (scheme: string): boolean => this.protocolHandlers.has(scheme),
  };

  readonly webRequest = {
    // Applied to every response the stand-in itself produces (the custom protocols). Responses
    // from the network are passed through untouched: Cordon's pages make no network requests,
    // and their CSP forbids them.
    onHeadersReceived: (listener: HeadersReceivedListener | null): void => {
      this.headersReceived = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }

  /** What the session's onHeadersReceived listener makes of a response's headers. */
  async filterHeaders(url: string, method: string, status: number, headers: Headers, resourceType: string): Promise<Headers> {
    const listener = this.headersReceived;
    if (!listener) return headers;
    const responseHeaders: Record<string, string[]> = {};
    headers.forEach((value, name) => (responseHeaders[name] = [...(responseHeaders[name] ?? []), value]));
    const answer = await new Promise<{ cancel?: boolean; responseHeaders?: Record<string, string | string[]> }>((resolve) =>
      listener({ url, method, statusCode: status, responseHeaders, resourceType }, resolve),
    );
    if (!answer.responseHeaders) return headers;
    const out = new Headers();
    for (const [name, value] of Object.entries(answer.responseHeaders)) {
      for (const item of Array.isArray(value) ? value : [value]) out.append(name, item);
    }
    return out;
  }
}

const sessions = new Map<string, StandinSession>();

export function sessionFor(partition: string): StandinSession {
  if (!app.isReady()) throw new Error('Session can only be received when app is ready');
  let found = sessions.get(partition);
  if (!found) {
    found = new StandinSession(partition);
    sessions.set(partition, found);
  }
  return found;
}

export const session = {
  get defaultSession(): StandinSession {
    return sessionFor('');
  },
  fromPartition: (partition: string): StandinSession => sessionFor(partition),
};

let privilegedRegistered = false;

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    if (privilegedRegistered) throw new Error('protocol.registerSchemesAsPrivileged can only be called once');
    privilegedRegistered = true;
    for (const { scheme, privileges } of schemes) {
      // Only standard, secure schemes can be carried on an https origin (see runtime.ts).
      if (privileges?.standard && privileges.secure) customSchemes.add(scheme.toLowerCase());
      record({ kind: 'protocol.registerSchemesAsPrivileged', scheme, privileges: privileges ?? {} });
    }
  },
  handle: (scheme: string, handler: ProtocolHandler): void => session.defaultSession.protocol.handle(scheme, handler),
  unhandle: (scheme: string): void => session.defaultSession.protocol.unhandle(scheme),
  isProtocolHandled: (scheme: string): boolean => session.defaultSession.protocol.isProtocolHandled(scheme),
};

// Chromium's file loader guesses the type from the extension; a page served with
// X-Content-Type-Options: nosniff needs it right (scripts above all).
const mimeTypes: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain',
  '.map': 'application/json',
};

export const net = {
  /**
   * file: URLs are read from disk, as Electron's net.fetch does through Chromium's file
   * loader (Node's fetch refuses them); anything else goes to Node's fetch. Custom
   * protocols registered with protocol.handle are not reachable through this net.fetch.
   */
  async fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url;
    if (url.startsWith('file:')) {
      try {
        const body = await readFile(fileURLToPath(url));
        return new Response(body, { status: 200, headers: { 'Content-Type': mimeTypes[extname(url).toLowerCase()] ?? 'application/octet-stream' } });
      } catch {
        // Electron rejects with net::ERR_FILE_NOT_FOUND.
        throw new TypeError('net::ERR_FILE_NOT_FOUND');
      }
    }
    return fetch(input, init);
  },
};
