/**
 * The client's address from X-Forwarded-For. Entries are appended by each
 * proxy, so only the ones added by proxies we run can be trusted: with
 * TRUSTED_PROXY_COUNT=n (default 1, the reverse proxy in front of Atrium) the
 * client is the n-th entry from the end; anything before it is the client's
 * own claim and is ignored.
 */
export function clientIp(forwardedFor: string | null | undefined): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor.split(",").map((s) => s.trim()).filter(Boolean);
  const trusted = Math.max(1, Number(process.env.TRUSTED_PROXY_COUNT ?? 1));
  return hops[Math.max(0, hops.length - trusted)] ?? null;
}
