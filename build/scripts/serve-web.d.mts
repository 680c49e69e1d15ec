// Types for serve-web.mjs, for the TypeScript tests that start the server in-process.
export declare const DEFAULT_PORT: number;

export type ServeWebOptions = {
  /** The folder to serve (the built renderer, or a test fixture). */
  root: string;
  /** 0 picks a free port. Defaults to 5178. */
  port?: number;
  /** Loopback only: '127.0.0.1' (default) or '::1'. */
  host?: string;
};

export type ServeWebServer = {
  /** For example `http://127.0.0.1:5178/`, always with a trailing slash. */
  url: string;
  port: number;
  close: () => Promise<void>;
};

export declare function startServer(options: ServeWebOptions): Promise<ServeWebServer>;
export declare function mimeTypeFor(fileName: string): string;
/** The Cache-Control of a file under the root, by its path segments: immutable for a build's hashed assets, no-cache otherwise. */
export declare function cacheControlFor(segments: string[]): string;
export declare function requestPathSegments(
  rawUrl: string,
): { ok: true; segments: string[] } | { ok: false; status: 400 | 404 };
export declare function parsePort(value: string | undefined): number;
