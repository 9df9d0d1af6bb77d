import { describe, expect, it } from "vitest";
import { isTenantSettableHeader } from "@/lib/domains/custom-headers";
import { configureDomainsSchema } from "@/lib/schemas/domains";
import { routeRequest } from "@/lib/tenancy/route-request";
import type { HostResolution } from "@/lib/tenancy/resolve-host";

describe("tenant custom headers on custom domains", () => {
  it("allows plain X- headers and refuses the framework's and the platform's own", () => {
    expect(isTenantSettableHeader("X-Team")).toBe(true);
    for (const name of ["X-Middleware-Rewrite", "x-middleware-override-headers", "X-Middleware-Request-Cookie", "X-Nextjs-Data", "X-Forwarded-Host", "X-Real-IP", "X-Frame-Options", "X-Content-Type-Options", "Set-Cookie", "X-Bad Name"]) {
      expect(isTenantSettableHeader(name), name).toBe(false);
    }
  });

  it("configuring a reserved header is a 400-style field error naming it", () => {
    const r = configureDomainsSchema.safeParse({ domains: [{ domain: "portal.acme.test", custom_routing: { custom_headers: { "X-Middleware-Rewrite": "http://169.254.169.254/" } } }] });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain("reserved by the platform");
  });

  it("a stored reserved header is never passed to the proxy's response", () => {
    const resolution: HostResolution = {
      kind: "tenant",
      tenant: { id: "tenant_1", slug: "acme", name: "Acme", status: "active", branding: {} },
      domain: {
        domain: "portal.acme.test",
        isPrimary: true,
        primaryHost: "portal.acme.test",
        sslEnabled: true,
        customRouting: { custom_headers: { "X-Team": "blue", "X-Middleware-Rewrite": "http://169.254.169.254/latest/meta-data/" } },
      },
    };
    const decision = routeRequest(resolution, "/members");
    expect(decision).toMatchObject({ kind: "rewrite", path: "/t/acme/members", headers: { "X-Team": "blue" } });
    expect(JSON.stringify(decision)).not.toContain("169.254");
  });
});
