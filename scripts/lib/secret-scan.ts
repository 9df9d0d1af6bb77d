/**
 * Finds secrets in log text: known values (the passwords a test run used, its
 * NEXTAUTH_SECRET, its database password) and the shapes of Atrium's
 * credentials, whoever made them. Used by scripts/check-logs-for-secrets.ts;
 * deliberately separate from the logger's scrubber (lib/observability/scrub-secrets.ts):
 * this looks for what got past it, including output that never went through it.
 */

export type KnownSecret = { name: string; value: string };
/** `excerpt` is the line with every secret found in it masked: a report never repeats what it found. */
export type Finding = { file: string; line: number; secret: string; excerpt: string };

// Chosen so that redacted forms (`atr_[REDACTED]`, `token=[REDACTED]`) and Atrium's ids
// (`tenant_0123456789abcdef`, hex digests) do not match, and each credential Atrium issues does.
const BASE32_CROCKFORD = "[0-9A-HJKMNP-TV-Z]";
export const SECRET_SHAPES: ReadonlyArray<{ name: string; pattern: RegExp; accept?: (match: string) => boolean }> = [
  { name: "Atrium API key (atr_…)", pattern: /\batr_[A-Za-z0-9_-]{20,}/ },
  { name: "webhook signing secret (whsec_…)", pattern: /\bwhsec_[A-Za-z0-9+/]{20,}/ },
  // next-auth's session token is a JWE (five parts), other JWTs three; both start with a base64url '{"'.
  { name: "JWT/JWE (session token)", pattern: /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/ },
  { name: "session or CSRF cookie", pattern: /next-auth\.(?:session-token|csrf-token)=(?!\[REDACTED)[^;\s"'\\]{8,}/ },
  { name: "bearer credential", pattern: /\b(?:Bearer|Basic)\s+(?!\[REDACTED)[A-Za-z0-9._~+/=-]{16,}/ },
  { name: "password in a connection URL", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'\\]+:(?!\[REDACTED\])[^\s@/"'\\]+@/i },
  // Invitation, password-reset and e-mail verification links, export download links (sig), SSO state and codes.
  { name: "token in a URL", pattern: /[?&#;](?:token|ticket|sig|signature|code|state|secret|password|nonce|code_verifier)=(?!\[REDACTED)[A-Za-z0-9_%.~+/-]{16,}/ },
  { name: "invitation link token", pattern: /\/invite\/(?!\[REDACTED)[A-Za-z0-9_-]{20,}/ },
  { name: "TOTP provisioning URI", pattern: /otpauth:\/\/[^\s"']*secret=(?!\[REDACTED)/i },
  // A TOTP secret is 160 bits in RFC 4648 base32: 32 characters of A–Z and 2–7.
  { name: "TOTP secret (base32)", pattern: /(?<![A-Za-z0-9_])[A-Z2-7]{32}(?![A-Za-z0-9_])/, accept: (m) => /[2-7]/.test(m) && /[A-Z]/.test(m) },
  // Recovery codes: 12 Crockford base32 characters shown as XXXX-XXXX-XXXX.
  {
    name: "recovery code",
    pattern: new RegExp(`(?<![A-Za-z0-9-])${BASE32_CROCKFORD}{4}-${BASE32_CROCKFORD}{4}-${BASE32_CROCKFORD}{4}(?![A-Za-z0-9-])`),
    accept: (m) => /[0-9]/.test(m) && /[A-Z]/.test(m),
  },
  // One-time tokens (invitations, resets, sign-in tickets, SSO bindings) are 32 random bytes in base64url: 43 characters.
  {
    name: "one-time token (32 random bytes, base64url)",
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    accept: (m) => /[a-z]/.test(m) && /[A-Z]/.test(m) && /[0-9]/.test(m),
  },
];

/** Every finding in `text`: each known secret (as written, URL-encoded or JSON-escaped) and each shape, per line. */
export function scanText(text: string, file: string, known: readonly KnownSecret[]): Finding[] {
  const findings: Finding[] = [];
  const needles = known
    .filter((k) => k.value.length >= 6)
    .flatMap((k) => [...new Set([k.value, encodeURIComponent(k.value), JSON.stringify(k.value).slice(1, -1)])].map((value) => ({ name: k.name, value })));
  for (const [i, line] of text.split("\n").entries()) {
    const hits: { name: string; text: string }[] = [];
    for (const n of needles) if (line.includes(n.value)) hits.push({ name: n.name, text: n.value });
    for (const shape of SECRET_SHAPES) {
      for (const m of line.matchAll(new RegExp(shape.pattern.source, `${shape.pattern.flags.replace("g", "")}g`))) {
        if (!shape.accept || shape.accept(m[0])) hits.push({ name: shape.name, text: m[0] });
      }
    }
    if (hits.length === 0) continue;
    let excerpt = line;
    for (const h of [...hits].sort((a, b) => b.text.length - a.text.length)) excerpt = excerpt.split(h.text).join(`«${h.name}»`);
    excerpt = excerpt.length > 300 ? `${excerpt.slice(0, 300)}…` : excerpt;
    for (const name of new Set(hits.map((h) => h.name))) findings.push({ file, line: i + 1, secret: name, excerpt });
  }
  return findings;
}
