import { describe, expect, it } from "vitest";
import { customHeaderNameProblem, customHeaderValueProblem, isTenantSettableHeader, tenantResponseHeaders } from "@/lib/domains/custom-headers";
import { configureDomainsSchema } from "@/lib/schemas/domains";
import { routeRequest } from "@/lib/tenancy/route-request";
import type { HostResolution } from "@/lib/tenancy/resolve-host";

// Headers that proxies, caches, clouds or Next act on, or that are the platform's security headers.
const REFUSED = [
  "X-Accel-Redirect", "x-accel-expires", "X-Accel-Buffering", "X-Accel-Limit-Rate", "X-Sendfile", "X-Sendfile-Temporary", "X-Lighttpd-Send-File", "X-LIGHTTPD-send-tempfile",
  "X-LiteSpeed-Location", "X-LiteSpeed-Cache-Control", "X-Reproxy-URL", "X-Varnish", "X-Cache", "X-Cache-Status", "X-Akamai-Edgescape", "X-Amz-Website-Redirect-Location",
  "X-Middleware-Rewrite", "x-middleware-override-headers", "X-Middleware-Request-Cookie", "X-Middleware-Set-Cookie", "X-Nextjs-Data", "X-Nextjs-Cache", "X-Next-Cache-Tags",
  "X-Invoke-Path", "X-Matched-Path", "X-Action-Redirect", "X-Action-Revalidated", "X-Prerender-Revalidate", "X-Vercel-Cache", "X-Now-Route-Matches", "X-Deployment-Id",
  "X-Forwarded-Host", "X-Forwarded-For", "X-Real-IP", "X-Original-URL", "X-Rewrite-URL", "X-HTTP-Method-Override", "X-Request-Id", "X-Atrium-Client-Ip",
  "X-Powered-By", "X-Frame-Options", "X-Content-Type-Options", "X-XSS-Protection", "X-Content-Security-Policy", "X-Permitted-Cross-Domain-Policies",
  "Set-Cookie", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Location", "Cache-Control", "Content-Security-Policy", "Refresh", "Surrogate-Control",
  "X-Bad Name", "X-", "X--Double", "X-Trailing-", "X-Team:", `X-${"a".repeat(63)}`,
];

describe("tenant custom headers on custom domains", () => {
  it("allows X- names no intermediary reads, and Content-Language", () => {
    for (const name of ["X-Team", "x-robots-tag", "X-Portal-Version", "X-Clacks-Overhead", "Content-Language", "content-language"]) {
      expect(customHeaderNameProblem(name), name).toBeNull();
    }
  });

  it("refuses proxy controls, caches, the framework's and the platform's headers, hop-by-hop and other standard ones", () => {
    for (const name of REFUSED) expect(isTenantSettableHeader(name), name).toBe(false);
    expect(customHeaderNameProblem("X-Accel-Redirect")).toMatch(/X-Accel-Redirect is reserved/);
  });

  it("values are printable ASCII of at most 1,024 characters", () => {
    expect(customHeaderValueProblem("blue team; v=2")).toBeNull();
    expect(customHeaderValueProblem("a".repeat(1024))).toBeNull();
    for (const bad of ["a".repeat(1025), "x\r\nSet-Cookie: s=1", "x\nY", "tab\there", "caf\u00e9", "\u0000", " padded "]) {
      expect(customHeaderValueProblem(bad), JSON.stringify(bad)).not.toBeNull();
    }
  });

  it("configuring a refused header is a field error whose path names it", () => {
    const r = configureDomainsSchema.safeParse({ domains: [{ domain: "portal.acme.test", custom_routing: { custom_headers: { "X-Team": "ok", "X-Accel-Redirect": "/internal/secrets", "X-Note": "a\r\nb" } } }] });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(["domains.0.custom_routing.custom_headers.X-Accel-Redirect", "domains.0.custom_routing.custom_headers.X-Note"]);
    const twice = configureDomainsSchema.safeParse({ domains: [{ domain: "portal.acme.test", custom_routing: { custom_headers: { "X-Team": "a", "x-team": "b" } } }] });
    expect(twice.error?.issues[0]?.message).toContain("given twice");
  });

  it("stored headers that no longer pass are never passed to the proxy's response", () => {
    const resolution: HostResolution = {
      kind: "tenant",
      tenant: { id: "tenant_1", slug: "acme", name: "Acme", status: "active", branding: {} },
      domain: {
        domain: "portal.acme.test",
        isPrimary: true,
        primaryHost: "portal.acme.test",
        sslEnabled: true,
        customRouting: { custom_headers: { "X-Team": "blue", "X-Middleware-Rewrite": "http://169.254.169.254/latest/meta-data/", "X-Accel-Redirect": "/etc/passwd", "X-Split": "a\r\nSet-Cookie: x=1" } },
      },
    };
    const decision = routeRequest(resolution, "/members");
    expect(decision).toEqual({ kind: "rewrite", path: "/t/acme/members", noStore: true, headers: { "X-Team": "blue" } });
    expect(tenantResponseHeaders({ "X-Team": 5 as unknown as string, "X-Ok": "1" })).toEqual({ "X-Ok": "1" });
  });
});
