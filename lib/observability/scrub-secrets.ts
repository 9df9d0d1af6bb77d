/**
 * Blanks credentials out of free text before it is logged: error messages and
 * stacks quote URLs, headers and SQL, and those can carry a password (an SMTP
 * or PostgreSQL URL), a bearer token, an Atrium key or a one-time token in a
 * link. Field names are redacted by the logger itself (lib/observability/logger.ts);
 * this covers what hides inside strings.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // scheme://user:password@host → the password goes, the user and host stay (they say which server failed).
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*):[^\s@/'"]*@/gi, "$1:[REDACTED]@"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 [REDACTED]"],
  // Atrium's own credentials by their prefixes (lib/auth/api-keys.ts, lib/webhooks/secret-box.ts).
  [/\batr_[A-Za-z0-9_-]{8,}/g, "atr_[REDACTED]"],
  [/\bwhsec_[A-Za-z0-9+/=]{8,}/g, "whsec_[REDACTED]"],
  // Tokens in links: invitations, password resets, e-mail verification, export downloads, SSO state, TOTP URIs.
  [/([?&#;](?:token|ticket|code|sig|signature|secret|password|state|key|nonce|code_verifier)=)[^&\s#"'<>]+/gi, "$1[REDACTED]"],
  [/(\/invite\/)[A-Za-z0-9_-]{16,}/g, "$1[REDACTED]"],
  // Session cookies and any JWT/JWE (next-auth's session token is a JWE: five dot-separated parts starting eyJ).
  [/((?:next-auth|authjs)\.[a-z-]+(?:-token|\.sig)?=)[^;\s"']+/gi, "$1[REDACTED]"],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_.-]*/g, "[REDACTED JWT]"],
];

// Something every rule needs: most strings (ids, routes, codes) have none of it and are returned at once.
const MAYBE_SECRET = /:\/\/|bearer|basic|atr_|whsec_|=|\/invite\/|eyJ/i;

export function scrubSecrets(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
