import { domainAskAllowed } from "@/lib/domains/domain-ask-allowed";

/**
 * On-demand TLS permission for the reverse proxy (Caddy's `on_demand_tls { ask … }`):
 * 200 means "you may get a certificate for ?domain=", anything else means no.
 * No authentication (the proxy calls it), nothing revealed beyond what DNS
 * already shows, and answered from the host cache.
 */
export async function GET(req: Request): Promise<Response> {
  const domain = new URL(req.url).searchParams.get("domain");
  const allowed = await domainAskAllowed(domain).catch(() => false);
  return new Response(allowed ? "ok\n" : "not served here\n", { status: allowed ? 200 : 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
