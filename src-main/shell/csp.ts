/**
 * The Content-Security-Policy of the renderer, in both shells. No remote
 * content, no eval, no plugins, no framing; `connect-src 'self'` admits the
 * web shell's same-origin WebSocket and nothing else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
