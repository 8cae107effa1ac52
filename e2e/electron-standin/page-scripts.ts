// Code that runs inside the Chromium page, injected as source text with
// Page.addScriptToEvaluateOnNewDocument, so it runs before any of the page's own scripts.
// Every function here is self-contained (no imports, no outer variables): it is sent as
// `fn.toString()` and receives what it needs as arguments.
//
// Two worlds, as Electron has with contextIsolation: the page's main world, and an
// isolated world named `preloadWorldName` where the compiled preload runs. They share the
// DOM and nothing else; they talk through CustomEvents on `document` whose detail is a
// string (strings are the one kind of detail Chromium hands across worlds).
//
// Not faithful: Electron's contextBridge copies values natively and its transport is
// invisible to the page. Here the page could listen for these events (capture phase on
// window) or send them. It learns or reaches nothing it could not get by calling the exposed
// API itself: the isolated side only calls functions the preload exposed.

import type { decodeFromIpc, encodeForIpc } from './codec';

type Encode = typeof encodeForIpc;
type Decode = typeof decodeFromIpc;
type AnyFunction = (...args: unknown[]) => unknown;
interface Message {
  t: string;
  call?: number;
  fn?: number;
  args?: string;
  value?: string;
  message?: string;
  promise?: number;
  ok?: boolean;
  key?: string;
  /** In a reply: how the call ended. */
  kind?: 'return' | 'throw' | 'promise';
}

export interface BridgeEndpoint {
  expose(key: string, value: unknown): void;
}

/** One side of the context bridge; functions cross as references and are called back synchronously. */
export function bridgeEndpoint(
  ev: string,
  side: 'main' | 'isolated',
  encode: Encode,
  decode: Decode,
  onExpose: ((key: string, value: unknown) => void) | null,
): BridgeEndpoint {
  const other = side === 'main' ? 'isolated' : 'main';
  const doc = document;
  // Captured now, before the page's scripts could replace them.
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = EventTarget.prototype.addEventListener;
  const Custom = CustomEvent;
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const functions = new Map<number, AnyFunction>();
  const replies = new Map<number, Message>();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextFunction = 1;
  let nextCall = 1;
  let nextPromise = 1;
  let peerReady = false;
  const queue: string[] = [];

  const send = (detail: string): void => {
    dispatch.call(doc, new Custom(`${ev}:to-${other}`, { detail }));
  };
  const post = (message: Message, always = false): void => {
    const detail = stringify(message);
    if (!peerReady && !always) queue.push(detail);
    else send(detail);
  };
  const isPlain = (value: object): boolean => {
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
  };
  const wrap = (value: unknown): unknown => {
    if (typeof value === 'function') {
      const id = nextFunction++;
      functions.set(id, value as AnyFunction);
      return { $fn: id };
    }
    if (Array.isArray(value)) return value.map(wrap);
    if (value !== null && typeof value === 'object' && isPlain(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wrap(item)]));
    }
    return value;
  };
  const unwrap = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(unwrap);
    if (!isPlain(value)) return value;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === '$fn') return remote(Number(record.$fn));
    return Object.fromEntries(keys.map((key) => [key, unwrap(record[key])]));
  };
  const remote = (id: number): AnyFunction =>
    function (...args: unknown[]): unknown {
      const call = nextCall++;
      post({ t: 'call', call, fn: id, args: encode(wrap(args)) }, true);
      // The other side answered synchronously, inside dispatchEvent.
      const reply = replies.get(call);
      replies.delete(call);
      if (!reply) throw new Error('The other side of the context bridge is gone.');
      if (reply.kind === 'throw') throw new Error(reply.message);
      if (reply.kind === 'promise') {
        return new Promise((resolve, reject) => pending.set(Number(reply.promise), { resolve, reject }));
      }
      return unwrap(decode(String(reply.value)));
    };
  const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

  listen.call(doc, `${ev}:to-${side}`, (event: Event) => {
    event.stopImmediatePropagation();
    const message = parse(String((event as CustomEvent).detail)) as Message;
    if (message.t === 'ready') {
      if (peerReady) return;
      peerReady = true;
      post({ t: 'ready' }, true);
      for (const detail of queue.splice(0)) send(detail);
    } else if (message.t === 'reply') {
      replies.set(Number(message.call), message);
    } else if (message.t === 'settle') {
      const waiting = pending.get(Number(message.promise));
      pending.delete(Number(message.promise));
      if (message.ok) waiting?.resolve(unwrap(decode(String(message.value))));
      else waiting?.reject(new Error(message.message));
    } else if (message.t === 'expose' && onExpose) {
      onExpose(String(message.key), unwrap(decode(String(message.value))));
    } else if (message.t === 'call') {
      const answer = (result: Omit<Message, 't'>): void => post({ ...result, t: 'reply', call: message.call }, true);
      try {
        const fn = functions.get(Number(message.fn));
        if (!fn) throw new Error('This function is no longer available.');
        const result = fn(...(unwrap(decode(String(message.args))) as unknown[]));
        if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
          const promise = nextPromise++;
          answer({ kind: 'promise', promise });
          (result as PromiseLike<unknown>).then(
            (value) => post({ t: 'settle', promise, ok: true, value: encode(wrap(value)) }, true),
            (error: unknown) => post({ t: 'settle', promise, ok: false, message: errorText(error) }, true),
          );
        } else {
          answer({ kind: 'return', value: encode(wrap(result)) });
        }
      } catch (error) {
        answer({ kind: 'throw', message: errorText(error) });
      }
    }
  });
  post({ t: 'ready' }, true);
  return { expose: (key, value) => post({ t: 'expose', key, value: encode(wrap(value)) }) };
}

/** The main world's side: defines what the preload exposed on `window`, read-only. */
export function mainWorldScript(ev: string, encode: Encode, decode: Decode, endpoint: typeof bridgeEndpoint): void {
  // Preloads run in the top frame only (nodeIntegrationInSubFrames: false).
  if (window !== window.top) return;
  endpoint(ev, 'main', encode, decode, (key, value) => {
    if (key in window) {
      console.error(`contextBridge: Cannot bind an API on top of an existing property on the window object (${key})`);
      return;
    }
    Object.defineProperty(window, key, { value, enumerable: true, configurable: false, writable: false });
  });
}

export interface PreloadConfig {
  ev: string;
  /** The CDP binding (Runtime.addBinding) that carries IPC to the stand-in. */
  binding: string;
  /** The function the stand-in calls (Runtime.evaluate) to deliver replies and sends. */
  receiver: string;
  platform: string;
  versions: Record<string, string>;
}

type PreloadBody = (require: (name: string) => unknown, module: { exports: unknown }, exports: unknown, process: unknown) => void;

/**
 * The isolated world's side: builds the renderer half of `electron` (contextBridge and
 * ipcRenderer) and runs the compiled preload with a `require` that answers 'electron' and
 * nothing else, as a sandboxed preload's does.
 */
export function preloadWorldScript(
  config: PreloadConfig,
  encode: Encode,
  decode: Decode,
  endpoint: typeof bridgeEndpoint,
  body: PreloadBody,
): void {
  if (window !== window.top) return;
  const scope = globalThis as unknown as Record<string, unknown>;
  const transport = scope[config.binding] as (payload: string) => void;
  // The preload reaches the stand-in only through ipcRenderer, as in Electron.
  Reflect.deleteProperty(scope, config.binding);
  const bridge = endpoint(config.ev, 'isolated', encode, decode, null);
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const listeners = new Map<string, Listener[]>();
  const invokes = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextInvoke = 1;

  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      return new Promise((resolve, reject) => {
        const id = nextInvoke++;
        invokes.set(id, { resolve, reject });
        transport(JSON.stringify({ t: 'invoke', id, channel: String(channel), args: encode(args) }));
      });
    },
    send(channel: string, ...args: unknown[]): void {
      transport(JSON.stringify({ t: 'send', channel: String(channel), args: encode(args) }));
    },
    sendSync(): never {
      // A CDP binding is one-way and asynchronous: there is no way to block the page for an answer.
      throw new Error('electron-standin: ipcRenderer.sendSync is not supported');
    },
    on(channel: string, listener: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    once(channel: string, listener: Listener) {
      const once: Listener = (...args) => {
        ipcRenderer.removeListener(channel, once);
        listener(...args);
      };
      return ipcRenderer.on(channel, once);
    },
    removeListener(channel: string, listener: Listener) {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((item) => item !== listener));
      return ipcRenderer;
    },
    off(channel: string, listener: Listener) {
      return ipcRenderer.removeListener(channel, listener);
    },
    removeAllListeners(channel?: string) {
      if (channel === undefined) listeners.clear();
      else listeners.delete(channel);
      return ipcRenderer;
    },
  };

  Object.defineProperty(scope, config.receiver, {
    enumerable: false,
    value: (json: string) => {
      const message = JSON.parse(json) as { t: string; id?: number; ok?: boolean; value?: string; message?: string; channel?: string; args?: string };
      if (message.t === 'invoke-result') {
        const waiting = invokes.get(Number(message.id));
        invokes.delete(Number(message.id));
        if (message.ok) waiting?.resolve(decode(String(message.value)));
        else waiting?.reject(new Error(message.message));
      } else if (message.t === 'send') {
        const args = decode(String(message.args)) as unknown[];
        for (const listener of listeners.get(String(message.channel)) ?? []) listener({ sender: ipcRenderer, ports: [] }, ...args);
      }
    },
  });

  const exposed = new Set<string>();
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown): void {
      if (exposed.has(key)) throw new Error('Cannot bind an API on top of an existing property on the window object');
      exposed.add(key);
      bridge.expose(key, api);
    },
  };
  // Electron's sandboxed `require` also polyfills 'events', 'timers' and 'url' and offers
  // webFrame, webUtils, nativeImage, crashReporter; Cordon's preload uses none of them, so
  // the stand-in refuses them too and a preload that started to would fail here, visibly.
  const electron = Object.freeze({ contextBridge: Object.freeze(contextBridge), ipcRenderer: Object.freeze(ipcRenderer) });
  const sandboxedRequire = (name: string): unknown => {
    if (name === 'electron' || name === 'electron/renderer') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const process = Object.freeze({ platform: config.platform, versions: config.versions, type: 'renderer', sandboxed: true, contextIsolated: true, env: {}, argv: [] });
  const module = { exports: {} as unknown };
  try {
    body(sandboxedRequire, module, module.exports, process);
  } catch (error) {
    transport(JSON.stringify({ t: 'preload-error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
    console.error('Unable to load preload script', error);
  }
}
