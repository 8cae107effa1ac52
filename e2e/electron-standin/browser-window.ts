// BrowserWindow: a window is its webContents (web-contents.ts) plus the window's own state
// and lifecycle (ready-to-show, close, closed, the app quitting when the last one goes).
import { EventEmitter } from 'node:events';
import { app, newEvent } from './app';
import { record } from './runtime';
import { allContents, StandinWebContents, type WebPreferences, type WindowOwner } from './web-contents';

interface WindowOptions {
  show?: boolean;
  width?: number;
  height?: number;
  title?: string;
  webPreferences?: WebPreferences;
  [key: string]: unknown;
}

const allWindows: StandinBrowserWindow[] = [];
const closing = new Set<Promise<void>>();
let nextWindowId = 1;

export class StandinBrowserWindow extends EventEmitter implements WindowOwner {
  readonly id = nextWindowId++;
  readonly webContents: StandinWebContents;
  private visible: boolean;
  private destroyedWindow = false;
  private shownOnce = false;
  private minimized = false;

  constructor(options: WindowOptions = {}) {
    super();
    if (!app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    refuseWhatCannotBeEmulated(options.webPreferences ?? {});
    this.visible = options.show !== false;
    this.webContents = new StandinWebContents(options.webPreferences ?? {}, { width: options.width ?? 800, height: options.height ?? 600 }, this);
    allWindows.push(this);
    record({ kind: 'BrowserWindow.new', id: this.id, show: this.visible, webPreferences: { ...(options.webPreferences ?? {}) } });
    // As in Electron, synchronously inside the constructor, before anything loads.
    app.emit('web-contents-created', newEvent(), this.webContents);
    app.emit('browser-window-created', newEvent(), this);
  }

  static getAllWindows(): StandinBrowserWindow[] {
    return [...allWindows];
  }

  static getFocusedWindow(): StandinBrowserWindow | null {
    return allWindows.find((window) => window.visible) ?? null;
  }

  static fromWebContents(contents: unknown): StandinBrowserWindow | null {
    return allWindows.find((window) => window.webContents === contents) ?? null;
  }

  /** Resolves when every close in flight has finished. */
  static async allClosed(): Promise<void> {
    await Promise.all([...closing]);
  }

  firstPaint(): void {
    if (this.shownOnce) return;
    this.shownOnce = true;
    this.emit('ready-to-show', newEvent());
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  show(): void {
    this.visible = true;
    record({ kind: 'BrowserWindow.show', id: this.id });
  }

  hide(): void {
    this.visible = false;
  }

  isVisible(): boolean {
    return this.visible;
  }

  focus(): void {
    record({ kind: 'BrowserWindow.focus', id: this.id });
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  minimize(): void {
    this.minimized = true;
  }

  restore(): void {
    this.minimized = false;
    record({ kind: 'BrowserWindow.restore', id: this.id });
  }

  setMenuBarVisibility(): void {}

  setTitle(): void {}

  getTitle(): string {
    return this.webContents.getTitle();
  }

  isDestroyed(): boolean {
    return this.destroyedWindow;
  }

  close(): void {
    if (this.destroyedWindow) return;
    const event = newEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyedWindow) return;
    this.destroyedWindow = true;
    allWindows.splice(allWindows.indexOf(this), 1);
    const done = this.webContents.closePage().then(() => {
      record({ kind: 'BrowserWindow.closed', id: this.id });
      this.emit('closed', newEvent());
      closing.delete(done);
    });
    closing.add(done);
    void done.then(() => this.afterClose());
  }

  closedFromOutside(): void {
    if (this.destroyedWindow) return;
    this.destroyedWindow = true;
    allWindows.splice(allWindows.indexOf(this), 1);
    this.emit('closed', newEvent());
    this.afterClose();
  }

  private afterClose(): void {
    if (allWindows.length > 0 || app.quitting) return;
    // Electron quits by itself when the last window closes, unless someone listens.
    if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed', newEvent());
    else app.quit();
  }
}

/**
 * A page here never has Node, and a preload always runs isolated and sandboxed. Rather than
 * pass a window that asks for less protection than that, the stand-in refuses it: a test
 * that passed under it would not say what Electron would do.
 */
function refuseWhatCannotBeEmulated(prefs: WebPreferences): void {
  const unsupported = [
    prefs.nodeIntegration === true && 'nodeIntegration: true',
    prefs.nodeIntegrationInSubFrames === true && 'nodeIntegrationInSubFrames: true',
    prefs.contextIsolation === false && 'contextIsolation: false',
    prefs.sandbox === false && 'sandbox: false',
    prefs.webviewTag === true && 'webviewTag: true',
  ].filter(Boolean);
  if (unsupported.length > 0) throw new Error(`electron-standin cannot emulate ${unsupported.join(', ')}`);
}

export const BrowserWindow = StandinBrowserWindow;

export const webContents = {
  getAllWebContents: (): StandinWebContents[] => [...allContents],
  fromId: (id: number): StandinWebContents | undefined => allContents.find((contents) => contents.id === id),
  getFocusedWebContents: (): StandinWebContents | null => allContents[0] ?? null,
};
