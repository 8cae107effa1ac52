import { vi } from 'vitest';

// A stand-in for the parts of the `electron` module our main-process files use. It
// records what was registered so a test can fire the event and see what we did.
type Handler = (...args: unknown[]) => unknown;

export class FakeWebContents {
  readonly listeners = new Map<string, Handler[]>();
  windowOpenHandler: Handler | null = null;
  sent: { channel: string; payload: unknown }[] = [];
  mainFrame: { url: string; parent: null } = { url: 'app://cordon/index.html', parent: null };
  on(event: string, listener: Handler) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return false;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  /** Fires an event the way Electron would; returns whether a listener prevented it. */
  emit(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const evt = { preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) listener(evt, ...args);
    return prevented;
  }
}

export function createElectronMock() {
  const ipcHandlers = new Map<string, Handler>();
  const exposed = new Map<string, unknown>();
  const allContents: FakeWebContents[] = [];
  const app = {
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    enableSandbox: vi.fn(),
    commandLine: (() => {
      const switches = new Map<string, string>();
      return { switches, getSwitchValue: (name: string) => switches.get(name) ?? '', appendSwitch: vi.fn((name: string, value = '') => void switches.set(name, value)) };
    })(),
    on: vi.fn(),
    whenReady: vi.fn(() => new Promise<void>(() => {})),
    getVersion: vi.fn(() => '0.1.0'),
    getPath: vi.fn(() => '/nonexistent'),
    isPackaged: false,
  };
  return {
    ipcHandlers,
    exposed,
    allContents,
    module: {
      app,
      shell: { openExternal: vi.fn(async () => {}) },
      ipcMain: {
        handle: vi.fn((channel: string, handler: Handler) => ipcHandlers.set(channel, handler)),
        removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
      },
      ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn() },
      contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
      webContents: { getAllWebContents: () => allContents },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: { defaultSession: {} },
      BrowserWindow: Object.assign(vi.fn(), { getAllWindows: vi.fn(() => []) }),
      Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
      nativeTheme: { shouldUseDarkColors: false },
      net: { fetch: vi.fn() },
    },
  };
}

export function createFakeSession() {
  const calls: Record<string, Handler> = {};
  return {
    calls,
    session: {
      setPermissionRequestHandler: (h: Handler) => (calls.permissionRequest = h),
      setPermissionCheckHandler: (h: Handler) => (calls.permissionCheck = h),
      setDevicePermissionHandler: (h: Handler) => (calls.devicePermission = h),
      webRequest: { onHeadersReceived: (h: Handler) => (calls.headersReceived = h) },
    },
  };
}
export type ElectronMock = ReturnType<typeof createElectronMock>;
