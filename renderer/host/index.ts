// Chooses the host at start: the preload bridge when running in Electron, the browser host otherwise.
import type { Host } from './host';
import { createBrowserHost } from './browser';
import { createElectronHost } from './electron';

declare const __APP_VERSION__: string;

export function detectHost(): Host {
  return window.api
    ? createElectronHost(window.api, { version: __APP_VERSION__, platform: navigator.platform })
    : createBrowserHost(__APP_VERSION__);
}

export type { Host } from './host';
