// The app's Content-Security-Policy as main uses it. The string itself lives in build/scripts/csp.mjs,
// plain JS so that the web-mode server (serve-web.mjs, Node without TypeScript) imports the very same
// constant; the app:// protocol handler and the session send it as a header.
import { CSP } from '../../build/scripts/csp.mjs';

export const CONTENT_SECURITY_POLICY: string = CSP;

/**
 * For renderer/index.html's meta tag: the same policy minus frame-ancestors, which browsers ignore
 * (with a console warning) when it arrives in a meta tag rather than a header.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors '))
  .join('; ');
