/**
 * Response headers a tenant may add on its custom domain: an allow list, not a
 * block list. Atrium may run behind nginx, Apache, lighttpd, LiteSpeed, Varnish
 * or a CDN, and some response headers are instructions to them rather than
 * information for the browser: `X-Accel-Redirect` or `X-Sendfile` make the
 * proxy serve a file of its own, `X-Accel-Expires` makes it cache a private
 * page, `x-middleware-*` makes Next rewrite to any URL. So a tenant gets
 * `X-…` names outside every family that a known proxy, cache, cloud or
 * framework reads (or that is a security header, which stays the platform's),
 * plus a few standard headers that only describe the content.
 */

/** Standard (non `X-`) headers that instruct no intermediary. */
const STANDARD_ALLOWED = new Set(["content-language"]);

/** `X-` families read by proxies, caches, clouds, Next or Atrium itself, and the platform's security headers. */
const RESERVED_X = [
  /^x-accel-/, // nginx: internal redirects, caching, buffering, rate
  /^x-sendfile/, // Apache mod_xsendfile, lighttpd
  /^x-lighttpd-/, // lighttpd: X-LIGHTTPD-send-file
  /^x-litespeed-/, // LiteSpeed: location, cache control, tags
  /^x-reproxy-/, // Perlbal / MogileFS
  /^x-varnish/,
  /^x-cache/, // cache status/keys of Varnish, Squid, CDNs
  /^x-surrogate/,
  /^x-akamai-/,
  /^x-amz-/, // S3 / CloudFront
  /^x-goog-/,
  /^x-google-/,
  /^x-appengine-/,
  /^x-ms-/,
  /^x-azure-/,
  /^x-envoy-/,
  /^x-kong-/,
  /^x-vercel-/,
  /^x-now-/,
  /^x-middleware-/, // Next: rewrites, replaced request headers, cookies
  /^x-nextjs-/,
  /^x-next-/,
  /^x-invoke-/,
  /^x-invocation-/,
  /^x-matched-/,
  /^x-action/,
  /^x-prerender-/,
  /^x-deployment-id$/,
  /^x-forwarded-/,
  /^x-real-ip$/,
  /^x-client-ip$/,
  /^x-cluster-client-ip$/,
  /^x-originating-ip$/,
  /^x-host$/,
  /^x-original-/, // IIS / proxies: X-Original-URL
  /^x-rewrite-url$/,
  /^x-http-method/, // X-HTTP-Method-Override, X-HTTP-Method
  /^x-method-override$/,
  /^x-request-id$/,
  /^x-atrium-/, // Atrium's own (the client address set by its server)
  /^x-powered-by$/,
  /^x-frame-options$/,
  /^x-content-type-options$/,
  /^x-xss-protection$/,
  /^x-content-security-policy/,
  /^x-webkit-csp/,
  /^x-permitted-cross-domain-policies$/,
  /^x-dns-prefetch-control$/,
  /^x-download-options$/,
];

export const MAX_CUSTOM_HEADERS = 10;
export const MAX_HEADER_VALUE_LENGTH = 1024;

/** Why a tenant may not send this header name, or null if it may. */
export function customHeaderNameProblem(name: string): string | null {
  const lower = name.toLowerCase();
  if (STANDARD_ALLOWED.has(lower)) return null;
  if (!/^X-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/i.test(name) || name.length > 64) {
    return `${name} is not allowed: custom headers are X-… names of letters, digits and single hyphens (at most 64 characters), or Content-Language`;
  }
  if (RESERVED_X.some((r) => r.test(lower))) return `${name} is reserved: proxies, caches, the framework or the platform act on it`;
  return null;
}

/** Why a header value is refused, or null. Printable ASCII only: no CR/LF (header splitting) and nothing a proxy might re-encode. */
export function customHeaderValueProblem(value: string): string | null {
  if (value.length > MAX_HEADER_VALUE_LENGTH) return `Header values have at most ${MAX_HEADER_VALUE_LENGTH} characters`;
  if (!/^[\x20-\x7e]*$/.test(value)) return "Header values are printable ASCII only (no line breaks, control or non-ASCII characters)";
  if (value !== value.trim()) return "Header values do not start or end with spaces";
  return null;
}

export function isTenantSettableHeader(name: string): boolean {
  return customHeaderNameProblem(name) === null;
}

/** The stored headers that may still be applied: rows saved before a rule tightened are filtered here too. */
export function tenantResponseHeaders(headers: Record<string, unknown> | undefined | null): Record<string, string> | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string" || customHeaderNameProblem(name) || customHeaderValueProblem(value)) continue;
    if (Object.keys(out).some((n) => n.toLowerCase() === name.toLowerCase())) continue;
    out[name] = value;
    if (Object.keys(out).length >= MAX_CUSTOM_HEADERS) break;
  }
  return out;
}
