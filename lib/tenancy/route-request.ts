import { tenantResponseHeaders } from "@/lib/domains/custom-headers";
import { env } from "@/lib/env";
import { customDomainHost, type HostResolution } from "@/lib/tenancy/resolve-host";

/**
 * Paths answered on every host, before any tenant is resolved: the TLS proxy,
 * load balancers and Prometheus call them by address (http://10.0.0.5:3000/api/health),
 * and none of them says anything about tenants.
 */
export const HOST_INDEPENDENT_PATHS = new Set(["/api/tls/ask", "/api/health", "/api/health/live", "/api/health/ready", "/api/metrics"]);

/**
 * A tenant's logo or favicon: public and content-addressed, so its route's own
 * `public, immutable` caching must survive on tenant hosts, where every other
 * API answer is private.
 */
const PUBLIC_ASSET_PATH = /^\/api\/v1\/tenants\/[^/]+\/branding\/assets\/[^/]+$/;

export type RouteDecision =
  | { kind: "next"; noStore: boolean }
  | { kind: "rewrite"; path: string; noStore: boolean; headers?: Record<string, string> }
  | { kind: "redirect"; location: string; status: 308 }
  | { kind: "error"; status: number; code: string; message: string };

const redirectTo = (host: string, pathAndQuery: string): RouteDecision => ({
  kind: "redirect",
  // Scheme from configuration and host from the stored domain: nothing from Host or X-Forwarded-Host.
  location: `${env.publicScheme}://${host}${pathAndQuery}`,
  status: 308,
});

/**
 * What the proxy does with a request, given its host's resolution: one pure
 * function, so POST …/domains/test reports exactly what the proxy would do.
 */
export function routeRequest(resolution: HostResolution, pathname: string, search = ""): RouteDecision {
  const isApi = pathname.startsWith("/api/");
  if (resolution.kind === "root") {
    // The portal's internal paths are not addressable from the console host.
    if (pathname === "/t" || pathname.startsWith("/t/")) return { kind: "rewrite", path: "/t/_/not-found", noStore: false };
    return { kind: "next", noStore: false };
  }
  if (resolution.kind === "www") return redirectTo(env.rootDomain, `${pathname}${search}`);
  if (resolution.kind === "unknown") {
    if (isApi) return { kind: "error", status: 404, code: "tenant_not_found", message: "No tenant is served at this host" };
    return { kind: "rewrite", path: "/t/_/not-found", noStore: false };
  }

  const { tenant, domain } = resolution;
  // A verified non-primary domain sends everyone to the verified primary, unless it has routing of its own.
  if (domain && !domain.isPrimary && domain.primaryHost && !domain.customRouting) return redirectTo(domain.primaryHost, `${pathname}${search}`);
  if (isApi) {
    if (tenant.status === "suspended") return { kind: "error", status: 403, code: "tenant_suspended", message: "This tenant is suspended" };
    if (tenant.status !== "active") return { kind: "error", status: 404, code: "tenant_not_found", message: "No tenant is served at this host" };
    return { kind: "next", noStore: !PUBLIC_ASSET_PATH.test(pathname) };
  }
  const routing = domain?.customRouting;
  if (domain && routing?.path_prefix && pathname === "/") return redirectTo(customDomainHost(domain.domain), `${routing.path_prefix}${search}`);
  return { kind: "rewrite", path: `/t/${tenant.slug}${pathname === "/" ? "" : pathname}${search}`, noStore: true, headers: tenantResponseHeaders(routing?.custom_headers) };
}
