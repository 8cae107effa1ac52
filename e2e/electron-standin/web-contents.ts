// webContents: a Chromium page driven over CDP, with the main process's view of its frames.
//
// webPreferences honoured: preload (in an isolated world, before the page's scripts, top
// frame only), javascript: false (script execution disabled), partition (its own browser
// context, in memory whatever its prefix), width/height. contextIsolation, sandbox and
// nodeIntegration need nothing: a Chromium page never has Node, and the preload always runs
// isolated and sandboxed here. A window that asks for less than that is refused
// (refuseWhatCannotBeEmulated in browser-window.ts): the stand-in could not show what Electron would do.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { newEvent } from './app';
import { decodeFromIpc, encodeForIpc } from './codec';
import { ipcMain } from './ipc';
import { ipcBindingName, ipcReceiverName, preloadWorldName } from './names';
import { bridgeEndpoint, mainWorldScript, preloadWorldScript, type PreloadConfig } from './page-scripts';
import { chromiumInstance, fromChromiumUrl, record, toChromiumUrl } from './runtime';
import { sessionFor, type StandinSession } from './session';

export interface WebPreferences {
  preload?: string;
  partition?: string;
  javascript?: boolean;
  [key: string]: unknown;
}

interface FrameInfo {
  id: string;
  parentId: string | null;
  url: string;
  name: string;
  origin: string;
}

/** A frame as the main process sees it (Electron's WebFrameMain), read at the time of the call. */
export class StandinFrame {
  constructor(
    private readonly info: FrameInfo,
    readonly parent: StandinFrame | null,
  ) {}

  get url(): string {
    return fromChromiumUrl(this.info.url);
  }

  get origin(): string {
    if (this.info.origin === '://' || this.info.origin === '' || this.info.origin === 'null') return 'null';
    return fromChromiumUrl(`${this.info.origin}/`).replace(/\/$/, '');
  }

  get name(): string {
    return this.info.name;
  }

  get frameToken(): string {
    return this.info.id;
  }

  get top(): StandinFrame {
    return this.parent ? this.parent.top : this;
  }
}

const paperSizes: Record<string, [number, number]> = {
  A0: [33.1, 46.8],
  A1: [23.4, 33.1],
  A2: [16.54, 23.4],
  A3: [11.7, 16.54],
  A4: [8.27, 11.69],
  A5: [5.83, 8.27],
  A6: [4.13, 5.83],
  Legal: [8.5, 14],
  Letter: [8.5, 11],
  Tabloid: [11, 17],
  Ledger: [17, 11],
};

// Electron permission names and the Chromium permissions they govern (with, for media, the
// detail Electron adds: which device the page asks for).
const permissionNames: [string, string, { mediaTypes: string[]; mediaType: string }?][] = [
  ['notifications', 'notifications'],
  ['geolocation', 'geolocation'],
  ['media', 'microphone', { mediaTypes: ['audio'], mediaType: 'audio' }],
  ['media', 'camera', { mediaTypes: ['video'], mediaType: 'video' }],
  ['midiSysex', 'midiSysex'],
  ['clipboard-read', 'clipboardReadWrite'],
  ['clipboard-sanitized-write', 'clipboardSanitizedWrite'],
  ['idle-detection', 'idleDetection'],
  ['window-management', 'windowManagement'],
  ['display-capture', 'displayCapture'],
  ['storage-access', 'storageAccess'],
];

type WindowOpenHandler = (details: Record<string, unknown>) => { action: 'allow' | 'deny'; overrideBrowserWindowOptions?: unknown };

/** What a web contents tells its window. */
export interface WindowOwner {
  firstPaint(): void;
  closedFromOutside(): void;
}

export const allContents: StandinWebContents[] = [];
const partitionContexts = new Map<string, Promise<BrowserContext>>();
let nextContentsId = 1;

export class StandinWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly session: StandinSession;
  readonly ready: Promise<void>;
  private page: Page | null = null;
  private cdp: CDPSession | null = null;
  private targetId = '';
  private destroyed = false;
  private windowOpenHandler: WindowOpenHandler | null = null;
  private readonly frames = new Map<string, FrameInfo>();
  private readonly contexts = new Map<number, { frameId: string; name: string }>();
  private readonly expectedLoads = new Set<string>();
  private readonly openDecisions: ('allow' | 'deny')[] = [];
  private readonly unmatchedPopups: string[] = [];
  private readonly bridgeEvent = `cordon-standin-${Math.random().toString(36).slice(2)}`;
  private title = '';

  constructor(
    private readonly prefs: WebPreferences,
    private readonly size: { width: number; height: number },
    readonly ownerWindow: WindowOwner,
  ) {
    super();
    this.session = sessionFor(prefs.partition ?? '');
    allContents.push(this);
    this.ready = this.setUp();
    this.ready.catch((error: unknown) => console.error('electron-standin: the window could not be set up:', error));
  }

  private async setUp(): Promise<void> {
    const chromium = await chromiumInstance();
    const partition = this.prefs.partition ?? '';
    let context: BrowserContext;
    if (partition === '') {
      context = chromium.browser.contexts()[0]!;
    } else {
      // Not faithful: a "persist:" partition would keep its data on disk in Electron.
      let made = partitionContexts.get(partition);
      if (!made) {
        made = chromium.browser.newContext({ viewport: null });
        partitionContexts.set(partition, made);
      }
      context = await made;
    }
    const page = await context.newPage();
    this.page = page;
    const cdp = await context.newCDPSession(page);
    this.cdp = cdp;
    this.targetId = ((await cdp.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } }).targetInfo.targetId;
    page.on('close', () => this.onPageClosed());

    cdp.on('Page.frameNavigated', ({ frame }) => {
      this.frames.set(frame.id, { id: frame.id, parentId: frame.parentId ?? null, url: frame.url + (frame.urlFragment ?? ''), name: frame.name ?? '', origin: frame.securityOrigin });
    });
    cdp.on('Page.navigatedWithinDocument', ({ frameId, url }) => {
      const frame = this.frames.get(frameId);
      if (frame) frame.url = url;
    });
    cdp.on('Page.frameAttached', ({ frameId, parentFrameId }) => {
      this.frames.set(frameId, { id: frameId, parentId: parentFrameId, url: 'about:blank', name: '', origin: 'null' });
    });
    cdp.on('Page.frameDetached', ({ frameId }) => void this.frames.delete(frameId));
    cdp.on('Runtime.executionContextCreated', ({ context: created }) => {
      const aux = created.auxData as { frameId?: string } | undefined;
      if (aux?.frameId) this.contexts.set(created.id, { frameId: aux.frameId, name: created.name });
    });
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => void this.contexts.delete(executionContextId));
    cdp.on('Runtime.executionContextsCleared', () => this.contexts.clear());
    cdp.on('Page.domContentEventFired', () => {
      this.emit('dom-ready', newEvent());
      this.ownerWindow.firstPaint();
    });
    cdp.on('Page.loadEventFired', () => this.emit('did-finish-load', newEvent()));
    cdp.on('Page.windowOpen', (event) => this.onWindowOpen(event));
    chromium.session.on('Target.targetCreated', ({ targetInfo }) => {
      if (targetInfo.openerId === this.targetId && targetInfo.type === 'page') this.onPopupCreated(targetInfo.targetId);
    });
    cdp.on('Fetch.requestPaused', (event) => void this.onRequest(event));
    cdp.on('Runtime.bindingCalled', (event) => {
      if (event.name === ipcBindingName) void this.onIpc(event.payload, event.executionContextId);
    });

    await cdp.send('Page.enable');
    await cdp.send('Runtime.enable');
    const tree = await cdp.send('Page.getFrameTree');
    const walk = (node: typeof tree.frameTree): void => {
      const { frame } = node;
      this.frames.set(frame.id, { id: frame.id, parentId: frame.parentId ?? null, url: frame.url, name: frame.name ?? '', origin: frame.securityOrigin });
      node.childFrames?.forEach(walk);
    };
    walk(tree.frameTree);
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
    if (this.prefs.javascript === false) await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    if (this.prefs.preload) await this.installPreload(cdp, this.prefs.preload);
    try {
      const { windowId } = await chromium.session.send('Browser.getWindowForTarget', { targetId: this.targetId });
      await chromium.session.send('Browser.setWindowBounds', { windowId, bounds: { width: this.size.width, height: this.size.height } });
    } catch (error) {
      // Headless builds without window bounds keep their default size; the record says so.
      record({ kind: 'webContents.boundsUnavailable', error: error instanceof Error ? error.name : typeof error });
    }
  }

  private async installPreload(cdp: CDPSession, preloadPath: string): Promise<void> {
    // The compiled preload file itself, read from disk, runs in the page: not a copy of its logic.
    const preloadSource = readFileSync(preloadPath, 'utf8');
    const preloadConfig: PreloadConfig = {
      ev: this.bridgeEvent,
      binding: ipcBindingName,
      receiver: ipcReceiverName,
      platform: process.platform,
      versions: { chrome: 'standin', electron: 'standin', node: process.versions.node },
    };
    const codec = `${encodeForIpc.toString()}, ${decodeFromIpc.toString()}, ${bridgeEndpoint.toString()}`;
    await cdp.send('Runtime.addBinding', { name: ipcBindingName, executionContextName: preloadWorldName });
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
      source: `(${mainWorldScript.toString()})(${JSON.stringify(this.bridgeEvent)}, ${codec});`,
    });
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
      worldName: preloadWorldName,
      source: `(${preloadWorldScript.toString()})(${JSON.stringify(preloadConfig)}, ${codec}, function (require, module, exports, process) {\n${preloadSource}\n});`,
    });
  }

  private frameSnapshot(frameId: string | undefined): StandinFrame | null {
    const info = frameId === undefined ? undefined : this.frames.get(frameId);
    if (!info) return null;
    return new StandinFrame({ ...info }, this.frameSnapshot(info.parentId ?? undefined));
  }

  get mainFrame(): StandinFrame {
    return this.frameSnapshot(this.targetId) ?? new StandinFrame({ id: this.targetId, parentId: null, url: 'about:blank', name: '', origin: 'null' }, null);
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  getTitle(): string {
    return this.title;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(handler: WindowOpenHandler | null): void {
    this.windowOpenHandler = handler;
  }

  async loadURL(url: string): Promise<void> {
    await this.ready;
    const target = toChromiumUrl(url);
    this.expectedLoads.clear();
    // Something that is not a URL is not requested through Fetch, so no load is expected.
    if (URL.canParse(target)) this.expectedLoads.add(new URL(target).href);
    await this.applyPermissions(target);
    try {
      await this.page!.goto(target, { waitUntil: 'load' });
      this.title = await this.page!.title().catch(() => '');
    } catch (error) {
      const code = /net::(ERR_[A-Z_]+)/.exec(String(error))?.[1] ?? 'ERR_FAILED';
      throw new Error(`${code} loading '${url}'`);
    }
  }

  async loadFile(): Promise<void> {
    throw new Error('electron-standin: loadFile is not supported; Cordon loads app:// URLs');
  }

  reload(): void {
    void this.ready.then(() => this.page!.reload());
  }

  /** Electron sends on the page's ipcRenderer; here, into the preload's world through CDP. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed || !this.cdp) return;
    const world = [...this.contexts.entries()].reverse().find(([, ctx]) => ctx.frameId === this.targetId && ctx.name === preloadWorldName);
    if (!world) return;
    const message = JSON.stringify({ t: 'send', channel, args: encodeForIpc(args) });
    void this.cdp
      .send('Runtime.evaluate', { contextId: world[0], expression: `globalThis[${JSON.stringify(ipcReceiverName)}]?.(${JSON.stringify(message)})` })
      .catch(() => undefined);
  }

  async printToPDF(options: Record<string, unknown> = {}): Promise<Buffer> {
    await this.ready;
    const size = options.pageSize ?? 'Letter';
    const [paperWidth, paperHeight] =
      typeof size === 'string' ? (paperSizes[size] ?? (() => { throw new Error(`Invalid pageSize ${size}`); })()) : [Number((size as { width: number }).width), Number((size as { height: number }).height)];
    const margins = (options.margins ?? {}) as { top?: number; bottom?: number; left?: number; right?: number };
    const { data } = await this.cdp!.send('Page.printToPDF', {
      landscape: Boolean(options.landscape),
      displayHeaderFooter: Boolean(options.displayHeaderFooter),
      printBackground: Boolean(options.printBackground),
      scale: typeof options.scale === 'number' ? options.scale : 1,
      paperWidth,
      paperHeight,
      // Electron's default margin is 1 cm on every side.
      marginTop: margins.top ?? 0.39,
      marginBottom: margins.bottom ?? 0.39,
      marginLeft: margins.left ?? 0.39,
      marginRight: margins.right ?? 0.39,
      pageRanges: typeof options.pageRanges === 'string' ? options.pageRanges : '',
      headerTemplate: typeof options.headerTemplate === 'string' ? options.headerTemplate : '',
      footerTemplate: typeof options.footerTemplate === 'string' ? options.footerTemplate : '',
      preferCSSPageSize: Boolean(options.preferCSSPageSize),
      generateTaggedPDF: Boolean(options.generateTaggedPDF),
      generateDocumentOutline: Boolean(options.generateDocumentOutline),
    });
    record({ kind: 'webContents.printToPDF', url: this.getURL().slice(0, 40), pageSize: size });
    return Buffer.from(data, 'base64');
  }

  /**
   * Electron asks the session's permission handlers when a page requests a permission. CDP
   * has no hook for that moment, so the handlers are asked once per load, for every
   * permission, and Chromium is told the answers for that origin. With no handler, Electron
   * grants, and so does the stand-in.
   */
  private async applyPermissions(chromiumUrl: string): Promise<void> {
    let origin: string;
    try {
      origin = new URL(chromiumUrl).origin;
    } catch {
      return;
    }
    if (origin === 'null' || (this.prefs.partition ?? '') !== '') return;
    const { session: browserSession } = await chromiumInstance();
    // Node gives custom schemes an opaque origin; Electron reports scheme://host for a standard one.
    const appOrigin = fromChromiumUrl(`${origin}/`).replace(/\/$/, '');
    const answers: Record<string, boolean> = {};
    for (const [electronName, chromiumName, media] of permissionNames) {
      const requested = this.session.permissionRequestHandler;
      const viaRequest = requested
        ? await new Promise<boolean>((resolve) => requested(this, electronName, resolve, { requestingUrl: fromChromiumUrl(chromiumUrl), isMainFrame: true, ...(media && { mediaTypes: media.mediaTypes }) }))
        : true;
      const checked = this.session.permissionCheckHandler;
      const viaCheck = checked ? checked(this, electronName, appOrigin, { requestingUrl: fromChromiumUrl(chromiumUrl), isMainFrame: true, ...(media && { mediaType: media.mediaType }) }) : true;
      const granted = viaRequest && viaCheck;
      answers[electronName] = (answers[electronName] ?? true) && granted;
      await browserSession
        .send('Browser.setPermission', { permission: { name: chromiumName }, setting: granted ? 'granted' : 'denied', origin })
        .catch(() => undefined);
    }
    record({ kind: 'session.permissions', origin: appOrigin, answers });
  }

  private async onRequest(event: { requestId: string; request: { url: string; method: string; headers: Record<string, string>; postData?: string }; resourceType: string; frameId: string; redirectedRequestId?: string }): Promise<void> {
    const cdp = this.cdp!;
    const url = fromChromiumUrl(event.request.url);
    try {
      if (event.resourceType === 'Document' && event.frameId === this.targetId && !this.expectedLoads.delete(event.request.url)) {
        // Electron emits these only for navigations the page starts, not for loadURL.
        const name = event.redirectedRequestId ? 'will-redirect' : 'will-navigate';
        const details = newEvent({ url, isMainFrame: true, isSameDocument: false, frame: this.mainFrame });
        this.emit(name, details, url, false, true);
        record({ kind: `webContents.${name}`, url, prevented: details.defaultPrevented });
        if (details.defaultPrevented) {
          await cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'Aborted' });
          return;
        }
      }
      const scheme = url.slice(0, Math.max(0, url.indexOf(':')));
      const handler = this.session.protocolHandlers.get(scheme);
      if (!handler) {
        await cdp.send('Fetch.continueRequest', { requestId: event.requestId });
        return;
      }
      const method = event.request.method;
      const request = new Request(url, {
        method,
        headers: event.request.headers,
        ...(method !== 'GET' && method !== 'HEAD' && event.request.postData !== undefined ? { body: event.request.postData } : {}),
      });
      let response: Response;
      let body: Buffer;
      try {
        response = await handler(request);
        body = Buffer.from(await response.arrayBuffer());
      } catch (error) {
        // Electron fails the request when the handler throws or rejects.
        record({ kind: 'protocol.handlerError', url, error: String(error) });
        await cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'Failed' });
        return;
      }
      const headers = await this.session.filterHeaders(url, method, response.status, response.headers, event.resourceType);
      const responseHeaders: { name: string; value: string }[] = [];
      headers.forEach((value, name) => responseHeaders.push({ name, value }));
      await cdp.send('Fetch.fulfillRequest', { requestId: event.requestId, responseCode: response.status, responseHeaders, body: body.toString('base64') });
    } catch (error) {
      // CDP refused: the page cancelled the request meanwhile (a navigation, a closed window).
      record({ kind: 'protocol.requestAbandoned', url: String(event.request.url).slice(0, 80), error: error instanceof Error ? error.name : typeof error });
    }
  }

  private async onIpc(payload: string, contextId: number): Promise<void> {
    const message = JSON.parse(payload) as { t: string; id?: number; channel?: string; args?: string; message?: string };
    const frameId = this.contexts.get(contextId)?.frameId;
    const senderFrame = this.frameSnapshot(frameId);
    if (message.t === 'preload-error') {
      record({ kind: 'preload.error', message: message.message });
      console.error(`electron-standin: the preload threw: ${message.message}`);
      return;
    }
    const channel = String(message.channel);
    const args = decodeFromIpc(String(message.args)) as unknown[];
    const event = { sender: this, senderFrame, frameId, processId: 0, type: 'frame' as const };
    if (message.t === 'send') {
      ipcMain.emit(channel, event, ...args);
      return;
    }
    let reply: { t: string; id?: number; ok: boolean; value?: string; message?: string };
    const handler = ipcMain.handlers.get(channel);
    try {
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      reply = { t: 'invoke-result', id: message.id, ok: true, value: encodeForIpc(await handler(event, ...args)) };
    } catch (error) {
      reply = { t: 'invoke-result', id: message.id, ok: false, message: `Error invoking remote method '${channel}': ${String(error)}` };
    }
    await this.cdp!
      .send('Runtime.evaluate', { contextId, expression: `globalThis[${JSON.stringify(ipcReceiverName)}]?.(${JSON.stringify(JSON.stringify(reply))})` })
      .catch(() => undefined);
  }

  // Chromium creates the popup before anyone can say no; CDP reports the request
  // (Page.windowOpen) and the new target (Target.targetCreated) in either order. A denied
  // popup is closed at once, before it has loaded anything (every CDP client holds new
  // targets until it has attached). In Electron it is never created and window.open returns
  // null; here the page gets a window that is already closed.
  private onWindowOpen(event: { url: string; windowName: string; windowFeatures: string[]; userGesture: boolean }): void {
    const url = fromChromiumUrl(event.url);
    const answer = this.windowOpenHandler
      ? this.windowOpenHandler({ url, frameName: event.windowName, features: event.windowFeatures.join(','), disposition: 'new-window', referrer: { url: this.getURL(), policy: 'strict-origin-when-cross-origin' } })
      : { action: 'allow' as const };
    record({ kind: 'webContents.windowOpen', url, action: answer.action });
    const popup = this.unmatchedPopups.shift();
    if (popup) void this.settlePopup(popup, answer.action);
    else this.openDecisions.push(answer.action);
  }

  private onPopupCreated(targetId: string): void {
    const decision = this.openDecisions.shift();
    if (decision) void this.settlePopup(targetId, decision);
    else this.unmatchedPopups.push(targetId);
  }

  private async settlePopup(targetId: string, action: 'allow' | 'deny'): Promise<void> {
    // Not faithful: an allowed popup stays a plain Chromium page, not a BrowserWindow.
    if (action === 'allow') return;
    const { session: browserSession } = await chromiumInstance();
    await browserSession.send('Target.closeTarget', { targetId }).catch(() => undefined);
    record({ kind: 'webContents.popupClosed', targetId });
  }

  /** Closes the page; resolves once Chromium has closed it. */
  async closePage(): Promise<void> {
    this.destroyed = true;
    allContents.splice(allContents.indexOf(this), 1);
    await this.ready.catch(() => undefined);
    if (this.page && !this.page.isClosed()) await this.page.close().catch(() => undefined);
    this.emit('destroyed', newEvent());
  }

  private onPageClosed(): void {
    if (this.destroyed) return;
    // Closed from outside (the test, or Chromium itself): the window is gone, as when a user closes it.
    this.destroyed = true;
    allContents.splice(allContents.indexOf(this), 1);
    this.emit('destroyed', newEvent());
    this.ownerWindow.closedFromOutside();
  }
}
