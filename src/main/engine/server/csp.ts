/**
 * The console's Content Security Policy, for the HTTP server and the Electron protocol alike:
 * only our own scripts, styles and connections; no eval, no inline script, no plugins, no framing.
 * Images also from the hosts the settings allow (`imageOrigins`, checked by the contract's
 * `ImageOrigin`: an origin with no space, quote or `;` in it).
 */
export function contentSecurityPolicy(imageOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self' data:", ...imageOrigins].join(' '),
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every console file is served with. */
export function securityHeaders(imageOrigins: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(imageOrigins),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
