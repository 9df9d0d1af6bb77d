import { isIP } from "node:net";

/** The one header that names the client's address to the app. Only Atrium's server writes it (see normalizeForwardedHeaders). */
export const CLIENT_IP_HEADER = "x-atrium-client-ip";

type NodeHeaders = Record<string, string | string[] | undefined>;

/** `::ffff:203.0.113.9` (IPv4 on a dual-stack socket) → `203.0.113.9`; anything that is not an address → null. */
export function canonicalIp(raw: string | null | undefined): string | null {
  const s = (raw ?? "").trim().replace(/^\[(.*)\]$/, "$1");
  const v4 = s.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  if (v4 && isIP(v4) === 4) return v4;
  return isIP(s) ? s.toLowerCase() : null;
}

const joined = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : (v ?? ""));
const lastEntry = (v: string | string[] | undefined) => joined(v).split(",").map((s) => s.trim()).filter(Boolean).at(-1) ?? "";

/**
 * The client's address given the X-Forwarded-For entries that reached us and
 * how many proxies of ours stand in front. Each proxy appends the address it
 * was connected from, so with n trusted proxies the client is the n-th entry
 * from the end; everything before it is the client's own claim. A chain shorter
 * than n (fewer proxies than configured) gives its earliest entry.
 */
export function clientFromChain(chain: string[], trustedProxies: number, socketIp: string | null): string | null {
  if (trustedProxies <= 0 || chain.length === 0) return socketIp;
  return canonicalIp(chain[Math.max(0, chain.length - trustedProxies)]);
}

/**
 * What Atrium's server does to every request before Next sees it (it runs
 * before any app code, and is the only place the socket's address is known):
 *
 * - With no trusted proxy (TRUSTED_PROXY_COUNT=0, the default) every
 *   client-sent `X-Forwarded-*`, `Forwarded` and `X-Real-IP` is dropped and
 *   `X-Forwarded-For` becomes the socket's address: a client cannot claim
 *   another address (per-IP sign-in throttling, audit) or another host
 *   (`next start` would keep a client's `X-Forwarded-For`/`-Host` as given).
 * - With n trusted proxies the socket's address is appended to the chain and
 *   the client is found in it as above; the scheme is the nearest proxy's.
 * - Either way `X-Forwarded-Host` is the `Host` header: Atrium serves, binds
 *   sessions to and builds links from the Host the proxy passed on, never a
 *   second name beside it.
 * - Then `x-atrium-client-ip` is set, overwriting whatever the client sent.
 *
 * Mutates and returns `headers` (Node's IncomingMessage.headers).
 */
export function normalizeForwardedHeaders(headers: NodeHeaders, socket: { remoteAddress?: string | null; encrypted?: boolean }, trustedProxies: number): NodeHeaders {
  const socketIp = canonicalIp(socket.remoteAddress);
  const chain = joined(headers["x-forwarded-for"]).split(",").map((s) => s.trim()).filter(Boolean);
  const proxiedProto = lastEntry(headers["x-forwarded-proto"]).toLowerCase();
  for (const name of Object.keys(headers)) {
    if (name.startsWith("x-forwarded-") || name === "forwarded" || name === "x-real-ip" || name === CLIENT_IP_HEADER) delete headers[name];
  }
  const trusted = trustedProxies > 0;
  const client = trusted ? clientFromChain(chain, trustedProxies, socketIp) : socketIp;
  const forwardedFor = trusted ? [...chain, socketIp ?? "unknown"] : [socketIp ?? "unknown"];
  headers["x-forwarded-for"] = forwardedFor.join(", ");
  headers["x-forwarded-proto"] = trusted && (proxiedProto === "http" || proxiedProto === "https") ? proxiedProto : socket.encrypted ? "https" : "http";
  if (typeof headers.host === "string") headers["x-forwarded-host"] = headers.host;
  if (client) headers[CLIENT_IP_HEADER] = client;
  return headers;
}
