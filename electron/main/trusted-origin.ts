// Which URLs count as "our app". Pure and dependency-free so it can be tested against a table of
// hostile URLs (test/electron/trusted-origin.test.ts). Navigation guards, the IPC sender check and
// the protocol handler all ask this one function.
export const APP_SCHEME = 'app';
export const APP_HOST = 'xiaobao';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export type OriginOptions = {
  /** The Vite dev server (`ELECTRON_RENDERER_URL`); only ever set in unpackaged development. */
  devServerUrl?: string | undefined;
};

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

const hasUserInfo = (url: URL): boolean => url.username !== '' || url.password !== '';

const isDevServer = (url: URL, devServerUrl: string): boolean => {
  const dev = parse(devServerUrl);
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return false;
  // For http(s) the WHATWG origin is well defined (scheme, host, port), so compare it whole.
  return url.origin === dev.origin;
};

export const isAppOrigin = (url: string, options: OriginOptions = {}): boolean => {
  const parsed = parse(url);
  if (!parsed || hasUserInfo(parsed)) return false;
  if (parsed.protocol === `${APP_SCHEME}:`) {
    // `app:` is not a WHATWG special scheme, so URL keeps an opaque host and no origin: compare the
    // parts. Chromium registers it as standard, where hosts are case-insensitive.
    return parsed.hostname.toLowerCase() === APP_HOST && parsed.port === '';
  }
  return options.devServerUrl !== undefined && options.devServerUrl !== '' && isDevServer(parsed, options.devServerUrl);
};
