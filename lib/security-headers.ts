/** Security headers for every page and API response: a CSP that forbids framing, no referrer leaks, no sniffing. */
export function securityHeaders(): Record<string, string> {
  const dev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    // Next's inline bootstrap scripts need 'unsafe-inline'; dev mode's React refresh also needs eval.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    // Email previews show images hosted anywhere over https.
    "img-src 'self' data: blob: https: http://localhost:* http://127.0.0.1:*",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "frame-src 'self' about: data: blob:",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}
