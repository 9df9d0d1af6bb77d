import { performance } from "node:perf_hooks";
import { withTenantScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { testDomainSchema } from "@/lib/schemas/domains";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { routeRequest } from "@/lib/tenancy/route-request";

/**
 * Seed 000 POST /tenants/{id}/domains/test: the proxy's own resolution
 * (resolveHost, then routeRequest) for the domain and each path, reported as
 * what a request would get. Another tenant's domain is reported only as "not
 * this tenant" to a tenant's own members and keys, so it cannot be used to
 * discover who owns a domain.
 */
export async function testDomain(actor: TenantActor, tenantId: string, input: unknown) {
  const body = parseOrThrow(testDomainSchema, input);
  const own = await withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "domains:manage", tx);
    const host = body.domain.replace(/:\d+$/, "");
    return tx.tenantDomain.findFirst({ where: { tenantId, domain: host }, select: { id: true, status: true, recordMissingSince: true, lastError: true } });
  });
  const expected = body.expected_tenant_id ?? tenantId;
  const started = performance.now();
  const resolution = await resolveHost(body.domain);
  const resolveMs = performance.now() - started;
  const detected = resolution.kind === "tenant" ? resolution.tenant.id : null;
  const visible = detected === null || detected === tenantId || actor.kind === "platform";

  const tests = body.test_paths.map((raw) => {
    const url = new URL(raw, "http://x");
    const t0 = performance.now();
    const decision = routeRequest(resolution, url.pathname, url.search);
    const ms = Math.round((performance.now() - t0 + resolveMs) * 10) / 10;
    const base = { path: raw, response_time_ms: ms, tenant_detected: visible ? detected : null };
    if (!visible) return { ...base, status: "not_this_tenant", http_status: null, action: null, target: null };
    switch (decision.kind) {
      case "redirect":
        return { ...base, status: "redirect", http_status: decision.status, action: "redirect", target: decision.location };
      case "rewrite":
        return decision.path === "/t/_/not-found"
          ? { ...base, status: "not_found", http_status: 404, action: "not_found", target: null }
          : { ...base, status: "success", http_status: 200, action: "portal", target: decision.path };
      case "next":
        return { ...base, status: resolution.kind === "root" ? "console" : "success", http_status: 200, action: resolution.kind === "root" ? "console" : "api", target: url.pathname };
      case "error":
        return { ...base, status: "error", http_status: decision.status, action: "error", target: decision.code };
    }
  });
  const healthy = detected === expected && tests.every((t) => t.status === "success" || t.status === "redirect");
  return {
    domain: body.domain,
    domain_status: own ? { id: own.id, status: own.status, record_missing: own.recordMissingSince !== null, last_error: own.lastError } : null,
    routing:
      visible && resolution.kind === "tenant" && resolution.domain
        ? { primary_domain: resolution.domain.isPrimary, redirects_to: resolution.domain.isPrimary ? null : resolution.domain.primaryHost, custom_routing: resolution.domain.customRouting }
        : null,
    resolution_tests: tests,
    overall_status: healthy ? "healthy" : "unhealthy",
    // TLS is terminated by the reverse proxy in front of Atrium, which this process cannot see.
    ssl_certificate: null,
  };
}
