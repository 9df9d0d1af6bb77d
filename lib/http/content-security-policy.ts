/**
 * The portal's Content-Security-Policy. Scripts run only with this response's
 * nonce (Next puts it on its own scripts when it sees the policy on the
 * request); tenant CSS is sanitised server-side, and the policy keeps it from
 * loading anything from elsewhere even if a rule slipped through: images,
 * fonts, styles and connections are same-origin only, no plugins, no framing.
 * Inline style attributes stay allowed: React's `style` props need them, and
 * they cannot fetch anything under img-src/font-src 'self'.
 */
export function portalContentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    // 'unsafe-eval' only in development, where React's dev tooling needs it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const newCspNonce = () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
