/**
 * Response headers a tenant may add on its custom domain. Only `X-…` names,
 * and never one that the framework or the platform reads or sets itself:
 * Next treats `x-middleware-*` on the proxy's response as instructions
 * (a rewrite to any URL, replaced request headers), and the security headers
 * must stay ours.
 */
const RESERVED = [/^x-middleware-/i, /^x-nextjs-/i, /^x-next-/i, /^x-invoke-/i, /^x-matched-/i, /^x-forwarded-/i, /^x-real-ip$/i, /^x-action/i, /^x-request-id$/i, /^x-content-type-options$/i, /^x-frame-options$/i, /^x-xss-protection$/i, /^x-powered-by$/i];

export function isTenantSettableHeader(name: string): boolean {
  return /^X-[A-Za-z0-9-]{1,62}$/i.test(name) && !RESERVED.some((r) => r.test(name));
}

/** The stored headers that may still be applied: rows saved before a name became reserved are filtered here too. */
export function tenantResponseHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  return Object.fromEntries(Object.entries(headers).filter(([name]) => isTenantSettableHeader(name)));
}
