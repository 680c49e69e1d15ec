// The one application window: a sandboxed, context-isolated renderer without Node, whose only bridge
// to main is the preload's `window.api`, and which cannot navigate away from the app or open windows.
import { BrowserWindow } from 'electron';
import type { Log } from './security';
import { guardNavigation, warn } from './security';
import type { OriginOptions } from './trusted-origin';

/** The product name (package.json productName); the OS shows it in the title bar and task switcher. */
export const WINDOW_TITLE = '消保自查';

export type MainWindowOptions = {
  preloadPath: string;
  startUrl: string;
  origin: OriginOptions;
  log?: Log;
};

export const createMainWindow = ({ preloadPath, startUrl, origin, log = warn }: MainWindowOptions): BrowserWindow => {
  const window = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1280,
    height: 860,
    // Below this the inspection form's two columns no longer fit.
    minWidth: 1024,
    minHeight: 640,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    // Written out in the constructor call, where a static checker (electronegativity, run by
    // test/electron/electronegativity.test.ts) sees every option as it is.
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click on a link asks for a new window; the window-open guard denies it, and this keeps
      // the event from being delivered at all.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  guardNavigation(window.webContents, origin, log);
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => log(`renderer gone: ${details.reason}`));
  window.loadURL(startUrl).catch((error: unknown) => log(`loading ${startUrl} failed: ${String(error)}`));
  return window;
};
