// Security defaults as code (STYLE §7): the app asks for one permission only (the camera, for evidence
// photos, from its own pages), embeds no webview, opens no window, downloads nothing behind the user's
// back and navigates nowhere but its own origin. Each rule here is asserted in
// test/electron/security.test.ts.
import type { App, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import type { OriginOptions } from './trusted-origin';
import { isAppOrigin } from './trusted-origin';

export type Log = (message: string) => void;

export const warn: Log = (message) => console.warn(`[security] ${message}`);

type NavigationEvent = { url: string; preventDefault(): void };

// The window guards its own webContents and web-contents-created guards every one: once is enough.
const guarded = new WeakSet<WebContents>();

/** Refuses navigation and redirects away from the app, and every window.open, on one webContents. */
export const guardNavigation = (contents: WebContents, origin: OriginOptions, log: Log = warn): void => {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const refuseForeign = (kind: string) => (event: NavigationEvent) => {
    if (isAppOrigin(event.url, origin)) return;
    event.preventDefault();
    log(`${kind} to ${event.url} refused`);
  };
  contents.on('will-navigate', refuseForeign('navigation'));
  contents.on('will-frame-navigate', refuseForeign('frame navigation'));
  contents.on('will-redirect', refuseForeign('redirect'));
  // An offline bank app opens nothing: not even http(s) links in the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    log(`window.open(${url}) refused`);
    return { action: 'deny' };
  });
};

type MediaDetails = { requestingUrl?: string; mediaTypes?: string[] };

/**
 * getUserMedia for video alone, from the app's own origin: the inspector photographs evidence with the
 * laptop camera. Electron shows no prompt, so this is the decision; audio (a microphone) is never asked
 * for and stays refused, as does any other origin (the app navigates nowhere else, but belt and braces).
 */
export const isCameraRequest = (permission: string, details: MediaDetails, origin: OriginOptions): boolean =>
  permission === 'media' &&
  Array.isArray(details.mediaTypes) &&
  details.mediaTypes.length > 0 &&
  details.mediaTypes.every((t) => t === 'video') &&
  details.requestingUrl !== undefined &&
  isAppOrigin(details.requestingUrl, origin);

/** Denies every permission request and check but the camera (above), device access and downloads in a session. */
export const hardenSession = (session: Session, log: Log = warn, origin: OriginOptions = {}): void => {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    if (isCameraRequest(permission, details as MediaDetails, origin)) {
      callback(true);
      return;
    }
    log(`permission ${permission} refused`);
    callback(false);
  });
  // Chromium checks 'media' before listing cameras; answer yes for video from the app only.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const mediaType = (details as { mediaType?: string }).mediaType;
    return permission === 'media' && mediaType === 'video' && isAppOrigin(requestingOrigin, origin);
  });
  session.setDevicePermissionHandler(() => false);
  // The spell checker would download dictionaries from the internet.
  session.setSpellCheckerEnabled(false);
  session.on('will-download', (event, item) => {
    event.preventDefault();
    log(`download of ${item.getURL()} refused`);
  });
};

/**
 * Adds the CSP header to every response of the session, as a second line behind the app:// handler
 * (which sets it itself). Not installed with the Vite dev server, whose inline preamble it would block.
 */
export const installCspHeader = (session: Session): void => {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any policy the response brought: ours is the only one.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
};

/** Applies the guards to every webContents the app ever creates, and refuses every webview. */
export const hardenAllWebContents = (app: App, origin: OriginOptions, log: Log = warn): void => {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('webview refused');
    });
    guardNavigation(contents, origin, log);
  });
};
