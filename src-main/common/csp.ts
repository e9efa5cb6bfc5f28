/**
 * The window's Content-Security-Policy, in one place: the shell's app:// protocol sends it as a
 * response header with every file of the page.
 * Nothing inline, nothing remote: the renderer talks to main only through `window.backwatch`.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
