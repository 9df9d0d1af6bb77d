import { beforeAll, describe, expect, it, vi } from "vitest";

// Pages and server actions read the request through next/headers: each call
// here carries a real request's host, Origin, the address Atrium's server
// worked out (x-atrium-client-ip) and a signed member session.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ toString: () => request.headers.get("cookie") ?? "" }),
}));

import { loadSecurityPanelAction, updateSecurityPolicyAction } from "@/lib/actions/security-policy-actions";
import { systemCaller } from "@/lib/auth/caller";
import { portalMember, refusedNetworkAddress, requirePortalSession } from "@/lib/portal/portal-session";
import { updateSecurityPolicy } from "@/lib/security-policy/update-security-policy";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { makeTenant } from "../support/fixtures";
import { signedInSession } from "../support/session-cookie";
import { addMember } from "../support/tenant-members";

const system = platformActor(systemCaller("test"));
const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;
let t: { id: string; slug: string };
let cookie: string;

function from(ip: string) {
  request.headers = new Headers({ host: hostOf(t), origin: `http://${hostOf(t)}`, cookie, "x-atrium-client-ip": ip });
}

beforeAll(async () => {
  t = await makeTenant();
  const admin = await addMember(t.id, "admin");
  cookie = (await signedInSession({ userId: admin.id, host: hostOf(t), tenantId: t.id, ip: "198.51.100.7" })).cookie;
});

describe("the IP allowlist on the portal", () => {
  it("a member inside the list uses pages and actions; outside, pages explain and actions refuse by name", async () => {
    from("198.51.100.7");
    const tenant = (await resolveHost(hostOf(t))) as { kind: "tenant"; tenant: Parameters<typeof portalMember>[0] };
    expect(await portalMember(tenant.tenant)).not.toBeNull();
    const loaded = await loadSecurityPanelAction(t.id);
    expect(loaded).toMatchObject({ ok: true, data: { your_ip: "198.51.100.7", your_ip_allowed: true } });

    // Through the portal's own action: the lock-out guard sees the member's address.
    const lockout = await updateSecurityPolicyAction(t.id, { ip_allowlist: ["203.0.113.0/24"] });
    expect(lockout).toMatchObject({ ok: false, code: "ip_allowlist_lockout", fieldErrors: { ip_allowlist: "Your current address 198.51.100.7 must be inside the list" } });
    expect(await updateSecurityPolicyAction(t.id, { ip_allowlist: ["198.51.100.0/24"] })).toMatchObject({ ok: true });

    // Another network: the session is good for nothing there.
    from("203.0.113.50");
    expect(await refusedNetworkAddress(t.id)).toBe("203.0.113.50");
    const other = (await resolveHost(hostOf(t))) as { kind: "tenant"; tenant: Parameters<typeof portalMember>[0] };
    expect(await portalMember(other.tenant)).toBeNull();
    const refused = await loadSecurityPanelAction(t.id);
    expect(refused).toMatchObject({ ok: false, code: "ip_not_allowed" });
    expect(refused.ok ? "" : refused.message).toContain("203.0.113.50");
    // A page sends the visitor to the explanation, not round through /login.
    const redirected = await requirePortalSession(t.slug, "/security").then(
      () => null,
      (e: unknown) => String((e as { digest?: string }).digest ?? e),
    );
    expect(redirected).toContain("/network-not-allowed");

    // Staff lift the list from the console (not locked out); the member is back.
    await updateSecurityPolicy(system, t.id, { ip_allowlist: [] });
    expect(await refusedNetworkAddress(t.id)).toBeNull();
    expect(await loadSecurityPanelAction(t.id)).toMatchObject({ ok: true });
  });
});
