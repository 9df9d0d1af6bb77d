import { env } from "@/lib/env";
import { CLIENT_IP_HEADER, clientFromChain } from "@/lib/http/forwarded-headers";

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

const read = (headers: HeaderSource, name: string): string | null => {
  if (typeof headers.get === "function") return (headers as { get(name: string): string | null }).get(name);
  const v = (headers as Record<string, string | string[] | undefined>)[name];
  return (Array.isArray(v) ? v.join(",") : v) ?? null;
};

/**
 * The client's address (audit rows, per-IP sign-in throttling), for route
 * handlers, server actions, pages and next-auth alike.
 *
 * Atrium's server (scripts/server.ts, behind `npm start`, `npm run dev` and
 * the e2e server) works it out from the socket and TRUSTED_PROXY_COUNT before
 * Next runs and hands it over in `x-atrium-client-ip`, overwriting anything a
 * client sent; it marks the process with ATRIUM_SERVER=1. Without it (a bare
 * `next start`) Next does not expose the socket, so only proxies we trust can
 * vouch for an address: with TRUSTED_PROXY_COUNT=0 there is none (null).
 */
export function clientIp(headers: HeaderSource): string | null {
  if (process.env.ATRIUM_SERVER === "1") return read(headers, CLIENT_IP_HEADER) || null;
  const chain = (read(headers, "x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return clientFromChain(chain, env.trustedProxyCount, null);
}
