// Web mode (ARCHITECTURE §3): serves the built renderer (out/renderer) on loopback with the app's CSP.
// Plain Node, no dependencies, so `npm run web` and the end-to-end tests need nothing but a build.
// `startServer` is the API for tests; running this file directly is the CLI.
import { createServer } from 'node:http';
import { createReadStream, realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP } from './csp.mjs';
import { MIME_TYPES } from './mime.mjs';

export const DEFAULT_PORT = 5178;

// Anything else could expose the app (and, through it, the user's data) to the network.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1']);

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The MIME type for a file name; unknown types are served as opaque bytes (with nosniff). */
export function mimeTypeFor(fileName) {
  return MIME_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Turns a request target into path segments under the root, or a refusal. Decoding happens once, and the
 * decoded segments are checked, so `%2e%2e`, `..%2f` and `%5c` cannot smuggle a step out of the root.
 * @returns {{ ok: true, segments: string[] } | { ok: false, status: 400 | 404 }}
 */
export function requestPathSegments(rawUrl) {
  const end = rawUrl.search(/[?#]/);
  const rawPath = end === -1 ? rawUrl : rawUrl.slice(0, end);
  if (!rawPath.startsWith('/')) return { ok: false, status: 400 };
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  // Backslashes are separators on Windows; NUL truncates paths in some APIs; ':' names drives and streams.
  if (/[\0\\:]/.test(decoded)) return { ok: false, status: 400 };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return { ok: false, status: 400 };
  // Hidden files are never part of the build.
  if (segments.some((s) => s.startsWith('.'))) return { ok: false, status: 404 };
  return { ok: true, segments };
}

/** Vite names what it emits under assets/ after the content (`index-62U0Hsmh.js`): such a name is never reused for other bytes. */
const HASHED_ASSET = /-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

/**
 * How long a browser may keep a file. A build's hashed assets are immutable, so the page's scripts and
 * styles come from the browser's cache (and its compiled-code cache), as the desktop app reads them from
 * disk; everything else, index.html first, is revalidated on every load (ETag), so a rebuilt app never
 * mixes old and new files: the new index.html names new asset files.
 * @param {string[]} segments the request's path under the root
 */
export function cacheControlFor(segments) {
  return segments.length === 2 && segments[0] === 'assets' && HASHED_ASSET.test(segments[1]) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** A validator from what stat tells (a rebuilt file changes its size or its modification time). */
function entityTag(info) {
  return `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
}

function isUnder(root, path) {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

// Refusing other Host names stops a DNS-rebinding page from reading the app through this port.
function hostAllowed(hostHeader, port) {
  if (hostHeader === undefined) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(hostHeader.toLowerCase());
}

function sendText(res, status, text, extraHeaders = {}) {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-cache',
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

async function regularFile(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}

async function handle(req, res, rootReal, port) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    return;
  }
  if (!hostAllowed(req.headers.host, port)) {
    sendText(res, 403, 'Forbidden host');
    return;
  }
  const target = requestPathSegments(req.url ?? '');
  if (!target.ok) {
    sendText(res, target.status, target.status === 400 ? 'Bad Request' : 'Not Found');
    return;
  }

  let filePath = join(rootReal, ...target.segments);
  let info = isUnder(rootReal, filePath) ? await regularFile(filePath) : null;
  if (info) {
    // A symlink inside the build must not lead outside it.
    const real = await realpath(filePath);
    if (!isUnder(rootReal, real)) info = null;
  }
  if (!info) {
    const last = target.segments.at(-1) ?? '';
    // Client-side routes (no extension) get the app; a missing asset is a real 404, not HTML.
    if (extname(last) !== '') {
      sendText(res, 404, 'Not Found');
      return;
    }
    filePath = join(rootReal, 'index.html');
    info = await regularFile(filePath);
    if (!info) {
      sendText(res, 404, 'Not Found');
      return;
    }
  }

  const tag = entityTag(info);
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeFor(filePath),
    // The app's own routes get index.html, which must always be revalidated.
    'Cache-Control': filePath === join(rootReal, ...target.segments) ? cacheControlFor(target.segments) : 'no-cache',
    ETag: tag,
  };
  if (req.headers['if-none-match']?.split(',').some((t) => t.trim() === tag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(info.size) });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(filePath);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Starts the static server. `port: 0` picks a free port; the returned `url` has the real one.
 * @param {{ root: string, port?: number, host?: string }} options
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer({ root, port = DEFAULT_PORT, host = '127.0.0.1' }) {
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`serve-web only listens on loopback (127.0.0.1 or ::1), not ${host}`);
  const rootReal = await realpath(resolve(root));
  let boundPort = port;

  const server = createServer((req, res) => {
    handle(req, res, rootReal, boundPort).catch((error) => {
      console.error('serve-web:', error);
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });

  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address();
  boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}/`;

  let closing;
  const close = () => {
    closing ??= new Promise((resolveClose) => {
      server.close(() => resolveClose());
      // Keep-alive connections would otherwise hold close() open for seconds.
      server.closeAllConnections();
    });
    return closing;
  };
  return { url, port: boundPort, close };
}

/** PORT from the environment: unset means the default, 0 means any free port. */
export function parsePort(value) {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(value.trim())) throw new Error(`PORT must be a number from 0 to 65535, not "${value}"`);
  const port = Number(value.trim());
  if (port > 65535) throw new Error(`PORT must be a number from 0 to 65535, not "${value}"`);
  return port;
}

/** `--root DIR` serves another build folder (tests use a fixture); the default is out/renderer. */
function rootFromArgs(args) {
  const at = args.indexOf('--root');
  if (at !== -1 && args[at + 1] !== undefined) return resolve(args[at + 1]);
  return resolve(fileURLToPath(new URL('../../out/renderer', import.meta.url)));
}

async function main() {
  const root = rootFromArgs(process.argv.slice(2));
  if (!(await regularFile(join(root, 'index.html')))) {
    console.error(`消保自查 web: ${join(root, 'index.html')} is missing. Run \`npm run build:web\` first.`);
    process.exit(1);
  }
  let port;
  try {
    port = parsePort(process.env.PORT);
  } catch (error) {
    console.error(`消保自查 web: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  let server;
  try {
    server = await startServer({ root, port });
  } catch (error) {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    console.error(inUse ? `消保自查 web: port ${port} is in use; set PORT to another port (PORT=0 picks a free one).` : error);
    process.exit(1);
  }
  // Tests parse this line to find the port.
  process.stdout.write(`消保自查 web: ${server.url}\n`);
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Compared through realpath so a symlinked checkout still runs the CLI.
const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
if (invokedDirectly) {
  await main();
}
