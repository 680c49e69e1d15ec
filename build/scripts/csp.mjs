// The app's Content-Security-Policy, in one place: web mode sends it as a header (serve-web.mjs) and the
// Electron window applies the same string, so tests can compare the two against this constant.
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // antd (CSS-in-JS) injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
].join('; ');
