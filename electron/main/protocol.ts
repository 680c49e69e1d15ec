// Serves the built renderer (out/renderer) from the privileged `app://xiaobao/` scheme. A standard,
// secure scheme gives the page a real origin, so IndexedDB, module workers and fetch of bundled files
// work as on https; file:// would give every file its own opaque origin.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { APP_HOST, APP_SCHEME } from './trusted-origin';
import { MIME_TYPES } from '../../build/scripts/mime.mjs';

/** Must run before the app is ready (Electron refuses later calls). */
export const registerAppScheme = (protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void => {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
};

const baseHeaders = (): Record<string, string> => ({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
});

const textResponse = (status: number, text: string): Response =>
  new Response(text, { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });

const isInside = (root: string, candidate: string): boolean => {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Maps a request URL to a file under `rootDir`, or null when the URL is not ours or would escape the
 * root (`..`, encoded separators, absolute or drive paths, NUL).
 */
export const resolveAppPath = (rootDir: string, requestUrl: string): string | null => {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname.toLowerCase() !== APP_HOST || url.port !== '') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // A decoded backslash or colon would let a Windows path (`..\`, `C:`) through the `/`-based checks.
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.includes(':')) return null;
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const root = resolve(rootDir);
  const target = segments.length === 0 ? join(root, 'index.html') : join(root, ...segments);
  return isInside(root, target) ? target : null;
};

export type AppProtocolOptions = {
  /** The built renderer folder (out/renderer). */
  rootDir: string;
};

/** The `protocol.handle('app', …)` handler: GET/HEAD of files inside rootDir only, always with the CSP. */
export const createAppProtocolHandler = ({ rootDir }: AppProtocolOptions) => {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method Not Allowed');
    const target = resolveAppPath(rootDir, request.url);
    if (target === null) return textResponse(403, 'Forbidden');
    try {
      // realpath: a symlink inside out/renderer must not lead outside it either.
      const [realRoot, realTarget] = await Promise.all([realpath(rootDir), realpath(target)]);
      if (!isInside(realRoot, realTarget) || !(await stat(realTarget)).isFile()) return textResponse(404, 'Not Found');
      const body = request.method === 'HEAD' ? null : await readFile(realTarget);
      const type = MIME_TYPES[extname(realTarget).toLowerCase()] ?? 'application/octet-stream';
      return new Response(body, { status: 200, headers: { ...baseHeaders(), 'Content-Type': type } });
    } catch {
      return textResponse(404, 'Not Found');
    }
  };
};
