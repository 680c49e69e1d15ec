// A fake of the `electron` module for the `electron` vitest project (vitest.config.ts aliases `electron`
// here), since the Electron binary cannot run in CI. It keeps the rules the real one enforces where our
// code depends on them: privileged schemes only before `ready`, protocol handlers and the default
// session only after it, one handler per IPC channel, structured cloning across IPC, one exposure per
// key on contextBridge. Test helpers (navigate, requestPermission, invoke…) drive it like Chromium would.
import { EventEmitter } from 'node:events';

/** Electron's Event: preventDefault plus the event's own fields. */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeNavigationEvent extends FakeEvent {
  constructor(
    readonly url: string,
    readonly isMainFrame: boolean,
  ) {
    super();
  }
}

let nextId = 1;

export class FakeWebFrameMain {
  readonly routingId = nextId++;
  detached = false;
  readonly frames: FakeWebFrameMain[] = [];

  constructor(
    public url: string,
    readonly processId: number,
    readonly parent: FakeWebFrameMain | null = null,
  ) {}

  get top(): FakeWebFrameMain {
    return this.parent ? this.parent.top : this;
  }

  /** An iframe in this frame (same renderer process, like a same-site iframe). */
  addSubframe(url: string): FakeWebFrameMain {
    const frame = new FakeWebFrameMain(url, this.processId, this);
    this.frames.push(frame);
    return frame;
  }
}

type WindowOpenHandler = (details: { url: string; frameName: string; disposition: string }) => { action: 'allow' | 'deny' };

export type PrintOptions = { pageSize?: string; printBackground?: boolean; preferCSSPageSize?: boolean; displayHeaderFooter?: boolean };

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly processId = nextId++;
  readonly mainFrame = new FakeWebFrameMain('about:blank', this.processId);
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;
  printCalls: PrintOptions[] = [];
  /** What printToPDF resolves to, or the error it rejects with. */
  pdf: Uint8Array | Error = new TextEncoder().encode('%PDF-1.7 fake');

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  async loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  async printToPDF(options: PrintOptions): Promise<Uint8Array> {
    this.printCalls.push(options);
    if (this.pdf instanceof Error) throw this.pdf;
    return this.pdf;
  }

  /** A renderer-initiated navigation (link, location.href): true when it was let through. */
  navigate(url: string): boolean {
    const events = ['will-frame-navigate', 'will-navigate'].map((name) => {
      const event = new FakeNavigationEvent(url, true);
      this.emit(name, event, url);
      return event;
    });
    const allowed = events.every((event) => !event.defaultPrevented);
    if (allowed) this.mainFrame.url = url;
    return allowed;
  }

  /** A server redirect during navigation: true when it was let through. */
  redirect(url: string): boolean {
    const event = new FakeNavigationEvent(url, true);
    this.emit('will-redirect', event, url);
    return !event.defaultPrevented;
  }

  /** window.open / target=_blank: what the window-open handler decided ('allow' when none is set). */
  openWindow(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler ? this.windowOpenHandler({ url, frameName: '', disposition: 'new-window' }).action : 'allow';
  }

  /** A <webview> about to attach: true when it was let through. */
  attachWebview(src: string): boolean {
    const event = new FakeEvent();
    const webPreferences = {};
    this.emit('will-attach-webview', event, webPreferences, { src });
    return !event.defaultPrevented;
  }
}

export type FakeWindowOptions = {
  title?: string;
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  show?: boolean;
  webPreferences?: Record<string, unknown>;
  [key: string]: unknown;
};

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible: boolean;
  minimized = false;
  focusCount = 0;
  destroyed = false;

  constructor(readonly options: FakeWindowOptions = {}) {
    super();
    this.visible = options.show !== false;
    FakeBrowserWindow.instances.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((window) => !window.destroyed);
  }

  static fromWebContents(contents: FakeWebContents): FakeBrowserWindow | null {
    return FakeBrowserWindow.instances.find((window) => window.webContents === contents) ?? null;
  }

  /** The most recently created window, typed as the fake. */
  static latest(): FakeBrowserWindow {
    const window = FakeBrowserWindow.instances.at(-1);
    if (!window) throw new Error('no BrowserWindow was created');
    return window;
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {
    this.focusCount += 1;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  ready = false;
  /** Whether requestSingleInstanceLock succeeds (false: another copy already holds it). */
  lockAvailable = true;
  lockRequested = false;
  quitCalls = 0;
  sandboxEnabled = false;
  appUserModelId: string | null = null;
  paths: Record<string, string> = { documents: '/fake/documents', userData: '/fake/userData' };
  appPath = '/fake/app';

  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.ready = false;
    this.lockAvailable = true;
    this.lockRequested = false;
    this.quitCalls = 0;
    this.sandboxEnabled = false;
    this.appUserModelId = null;
    this.paths = { documents: '/fake/documents', userData: '/fake/userData' };
    this.appPath = '/fake/app';
  }
  requestSingleInstanceLock(): boolean {
    this.lockRequested = true;
    return this.lockAvailable;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  async whenReady(): Promise<void> {
    if (!this.ready) {
      this.ready = true;
      this.emit('ready');
    }
  }
  isReady(): boolean {
    return this.ready;
  }
  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  getVersion(): string {
    return '0.1.0';
  }
  getPath(name: string): string {
    const path = this.paths[name];
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  getAppPath(): string {
    return this.appPath;
  }
}

export const app = new FakeApp();

export type FakeInvokeEvent = {
  sender: FakeWebContents;
  senderFrame: FakeWebFrameMain | null;
  processId: number;
  frameId: number;
  type: 'frame';
};

type InvokeListener = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeListener>();

  reset(): void {
    this.removeAllListeners();
    this.handlers.clear();
  }
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What Electron does for ipcRenderer.invoke: clone the arguments in, run, clone the reply out. */
  async invoke(channel: string, event: FakeInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    try {
      return structuredClone(await listener(event, ...structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }
}

export const ipcMain = new FakeIpcMain();

/** Builds the event main sees for a message from `frame` (default: the main frame) of `contents`. */
export const invokeEvent = (contents: FakeWebContents, frame: FakeWebFrameMain | null = contents.mainFrame): FakeInvokeEvent => ({
  sender: contents,
  senderFrame: frame,
  processId: contents.processId,
  frameId: frame?.routingId ?? -1,
  type: 'frame',
});

class FakeIpcRenderer {
  /** The renderer this preload runs in; set by the test before calling the exposed api. */
  attachedTo: { contents: FakeWebContents; frame: FakeWebFrameMain } | null = null;

  reset(): void {
    this.attachedTo = null;
  }
  attach(contents: FakeWebContents, frame: FakeWebFrameMain = contents.mainFrame): void {
    this.attachedTo = { contents, frame };
  }
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    if (!this.attachedTo) return Promise.reject(new Error('fake ipcRenderer is not attached to a webContents'));
    return ipcMain.invoke(channel, invokeEvent(this.attachedTo.contents, this.attachedTo.frame), ...args);
  }
}

export const ipcRenderer = new FakeIpcRenderer();

class FakeContextBridge {
  /** What the page's `window` received, by key. */
  readonly mainWorld = new Map<string, unknown>();

  reset(): void {
    this.mainWorld.clear();
  }
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.mainWorld.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    this.mainWorld.set(key, api);
  }
}

export const contextBridge = new FakeContextBridge();

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export type DialogCall = { window: unknown; options: Record<string, unknown> };
type OpenReply = { canceled: boolean; filePaths: string[] };
type SaveReply = { canceled: boolean; filePath?: string };

class FakeDialog {
  openCalls: DialogCall[] = [];
  saveCalls: DialogCall[] = [];
  /** The next answers, in order; an empty queue answers "cancelled". */
  openReplies: OpenReply[] = [];
  saveReplies: SaveReply[] = [];

  reset(): void {
    this.openCalls = [];
    this.saveCalls = [];
    this.openReplies = [];
    this.saveReplies = [];
  }
  // Like Electron: (options) or (window, options).
  private split(args: unknown[]): DialogCall {
    const [first, second] = args;
    const hasWindow = second !== undefined;
    const options = hasWindow ? second : first;
    return { window: hasWindow ? first : null, options: isRecord(options) ? options : {} };
  }
  async showOpenDialog(...args: unknown[]): Promise<OpenReply> {
    this.openCalls.push(this.split(args));
    return this.openReplies.shift() ?? { canceled: true, filePaths: [] };
  }
  async showSaveDialog(...args: unknown[]): Promise<SaveReply> {
    this.saveCalls.push(this.split(args));
    return this.saveReplies.shift() ?? { canceled: true };
  }
}

export const dialog = new FakeDialog();

class FakeShell {
  shown: string[] = [];
  opened: string[] = [];

  reset(): void {
    this.shown = [];
    this.opened = [];
  }
  showItemInFolder(path: string): void {
    this.shown.push(path);
  }
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

export const shell = new FakeShell();

type ProtocolHandler = (request: Request) => Promise<Response> | Response;

class FakeProtocol {
  privileged: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  reset(): void {
    this.privileged = [];
    this.handlers.clear();
  }
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.ready) throw new Error('protocol.handle can only be used after app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
  /** What Chromium does when the page loads `url`. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
    return handler(new Request(url, init));
  }
}

export const protocol = new FakeProtocol();

type PermissionRequestHandler = (
  contents: FakeWebContents | null,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string | string[]>; cancel?: boolean }) => void,
) => void;

class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  spellCheckerEnabled = true;
  headersListener: HeadersListener | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener | null): void => {
      this.headersListener = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellCheckerEnabled = enabled;
  }

  /** A page asking for a permission; without a handler Electron grants it. */
  requestPermission(contents: FakeWebContents, permission: string, details: Record<string, unknown> = {}): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(contents, permission, resolve, { requestingUrl: contents.getURL(), ...details }));
  }
  /** navigator.permissions.query and friends; without a handler Electron answers true. */
  checkPermission(contents: FakeWebContents, permission: string, details: Record<string, unknown> = {}): boolean {
    // Chromium passes the origin; app:// is a standard scheme there, so it has one (Node's URL says 'null').
    const url = new URL(contents.getURL());
    const origin = url.origin !== 'null' ? url.origin : `${url.protocol}//${url.host}`;
    return this.permissionCheckHandler ? this.permissionCheckHandler(contents, permission, origin, details) : true;
  }
  /** A download starting: true when it was let through. */
  download(url: string): boolean {
    const event = new FakeEvent();
    this.emit('will-download', event, { getURL: () => url }, null);
    return !event.defaultPrevented;
  }
  /** A network response passing through webRequest: the headers the page finally sees. */
  receiveHeaders(url: string, responseHeaders: Record<string, string[]>): Record<string, string | string[]> {
    const listener = this.headersListener;
    if (!listener) return responseHeaders;
    let result: Record<string, string | string[]> = responseHeaders;
    listener({ url, responseHeaders }, (response) => {
      result = response.responseHeaders ?? responseHeaders;
    });
    return result;
  }
}

const defaultSession = new FakeSession();

export const session = {
  get defaultSession(): FakeSession {
    if (!app.ready) throw new Error('Session can only be received when app is ready');
    return defaultSession;
  },
};

export const BrowserWindow = FakeBrowserWindow;

/** Everything back to a fresh process: call in beforeEach. */
export const resetFakeElectron = (): void => {
  app.reset();
  ipcMain.reset();
  ipcRenderer.reset();
  contextBridge.reset();
  dialog.reset();
  shell.reset();
  protocol.reset();
  defaultSession.removeAllListeners();
  Object.assign(defaultSession, {
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    devicePermissionHandler: null,
    spellCheckerEnabled: true,
    headersListener: null,
  });
  FakeBrowserWindow.instances = [];
};
