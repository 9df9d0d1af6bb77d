import { beforeAll, describe, expect, it } from "vitest";
import * as securityRoute from "@/app/api/v1/tenants/[id]/security/route";
import * as usageRoute from "@/app/api/v1/tenants/[id]/usage/route";
import { systemCaller, type RequestMeta } from "@/lib/auth/caller";
import { normalizeForwardedHeaders } from "@/lib/http/forwarded-headers";
import { inviteMembers } from "@/lib/invitations/invite-members";
import { addMember as addMemberService } from "@/lib/members/add-member";
import { assertIpAllowed } from "@/lib/security-policy/assert-ip-allowed";
import { getTenantSecurityPolicy } from "@/lib/security-policy/get-security-policy";
import { updateSecurityPolicy } from "@/lib/security-policy/update-security-policy";
import { platformActor, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { callRoute } from "../support/call-route";
import { auditEvents, ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { addMember, codeOf } from "../support/tenant-members";

const system = platformActor(systemCaller("test"));
const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;
const memberAt = (tenantId: string, userId: string, ip: string | null): TenantActor => ({ kind: "member", tenantId, userId, label: "admin@test", meta: { ip, userAgent: null, requestId: null } satisfies RequestMeta });
const policyRows = async (tenantId: string) => ownerQuery("SELECT * FROM tenant_security_policies WHERE tenant_id = $1", [tenantId]);

let platformKey: string;
beforeAll(async () => {
  platformKey = await makeApiKey(["tenants:read", "tenants:update"]);
});

describe("GET/PUT /api/v1/tenants/{id}/security", () => {
  it("answers the defaults for a tenant that never saved a policy", async () => {
    const t = await makeTenant();
    const r = await callRoute(securityRoute.GET, { path: `/api/v1/tenants/${t.id}/security`, params: { id: t.id }, key: platformKey });
    expect(r.status).toBe(200);
    expect(r.json.data).toEqual({
      tenant_id: t.id,
      policy: {
        require_2fa: false,
        allowed_sign_in_methods: ["password", "passkey", "sso"],
        idle_timeout_minutes: null,
        absolute_lifetime_hours: null,
        max_sessions_per_member: null,
        reauth_for_sensitive_actions: false,
        allowed_invitation_domains: [],
        ip_allowlist: [],
        impersonation: "require_approval",
        impersonation_preapproved_plans: [],
      },
      updated_at: null,
      your_ip: null,
      your_ip_allowed: true,
    });
  });

  it("names every bad field in one 400 and writes nothing", async () => {
    const t = await makeTenant();
    const r = await callRoute(securityRoute.PUT, {
      method: "PUT",
      path: `/api/v1/tenants/${t.id}/security`,
      params: { id: t.id },
      key: platformKey,
      headers: { origin: "http://localhost:3000" },
      body: {
        require_2fa: "yes",
        allowed_sign_in_methods: [],
        idle_timeout_minutes: 2,
        absolute_lifetime_hours: 1.5,
        max_sessions_per_member: 0,
        allowed_invitation_domains: ["acme.com", "not a domain"],
        ip_allowlist: ["10.0.0.0/8", "10.0.0.0/33", "2001:db8::/129", "banana"],
        impersonation: "sometimes",
        impersonation_preapproved_plans: ["platinum"],
        surprise: true,
      },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("invalid_request");
    const paths = (r.json.error.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        "require_2fa",
        "allowed_sign_in_methods",
        "idle_timeout_minutes",
        "absolute_lifetime_hours",
        "max_sessions_per_member",
        "allowed_invitation_domains.1",
        "ip_allowlist.1",
        "ip_allowlist.2",
        "ip_allowlist.3",
        "impersonation",
        "impersonation_preapproved_plans.0",
      ]),
    );
    expect(paths).not.toContain("ip_allowlist.0");
    expect(JSON.stringify(r.json.error.details)).toContain("surprise");
    expect(await policyRows(t.id)).toEqual([]);
    expect(await auditEvents(t.id, "security.policy_updated")).toEqual([]);
  });

  it("saves a partial update (normalised), keeps the rest, and audits only the changed fields before and after", async () => {
    const t = await makeTenant();
    const r = await callRoute(securityRoute.PUT, {
      method: "PUT",
      path: `/api/v1/tenants/${t.id}/security`,
      params: { id: t.id },
      key: platformKey,
      body: { require_2fa: true, ip_allowlist: ["10.1.2.3/8", "192.0.2.7", "2001:DB8::1/32"], allowed_invitation_domains: ["@Acme.COM", "acme.com"], idle_timeout_minutes: 30 },
    });
    expect(r.status).toBe(200);
    expect(r.json.data.policy).toMatchObject({
      require_2fa: true,
      ip_allowlist: ["10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32"],
      allowed_invitation_domains: ["acme.com"],
      idle_timeout_minutes: 30,
      allowed_sign_in_methods: ["password", "passkey", "sso"],
    });
    const second = await updateSecurityPolicy(system, t.id, { max_sessions_per_member: 3 });
    expect(second.policy).toMatchObject({ require_2fa: true, idle_timeout_minutes: 30, max_sessions_per_member: 3 });
    expect(await getTenantSecurityPolicy(t.id)).toEqual(second.policy);

    const events = await auditEvents(t.id, "security.policy_updated");
    expect(events).toHaveLength(2);
    expect(events[0].before).toEqual({ require_2fa: false, ip_allowlist: [], allowed_invitation_domains: [], idle_timeout_minutes: null });
    expect(events[0].after).toEqual({ require_2fa: true, ip_allowlist: ["10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32"], allowed_invitation_domains: ["acme.com"], idle_timeout_minutes: 30 });
    expect(events[1].before).toEqual({ max_sessions_per_member: null });
    // The security alert (lib/security-alerts) goes with every change.
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE tenant_id = $1 AND action = 'security.policy_changed'", [t.id])).toHaveLength(2);

    // Saving the same values again changes nothing and records nothing.
    await updateSecurityPolicy(system, t.id, { max_sessions_per_member: 3 });
    expect(await auditEvents(t.id, "security.policy_updated")).toHaveLength(2);
  });

  it("refuses a member's allowlist that leaves out their own address (ip_allowlist_lockout), staff are not locked out", async () => {
    const t = await makeTenant();
    const admin = await addMember(t.id, "admin");
    const viewer = await addMember(t.id, "manager");
    expect(await codeOf(updateSecurityPolicy(memberAt(t.id, viewer.id, "203.0.113.9"), t.id, { require_2fa: true }))).toBe("admin_privileges_required");

    const err = await updateSecurityPolicy(memberAt(t.id, admin.id, "203.0.113.9"), t.id, { ip_allowlist: ["198.51.100.0/24"] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "ip_allowlist_lockout", status: 400 });
    expect((err as Error).message).toContain("203.0.113.9");
    expect(await policyRows(t.id)).toEqual([]);

    const ok = await updateSecurityPolicy(memberAt(t.id, admin.id, "203.0.113.9"), t.id, { ip_allowlist: ["198.51.100.0/24", "203.0.113.0/28"] });
    expect(ok).toMatchObject({ your_ip: "203.0.113.9", your_ip_allowed: true });
    // An IPv4-mapped IPv6 address (what a dual-stack socket reports) is the IPv4 address.
    await updateSecurityPolicy(memberAt(t.id, admin.id, "::ffff:203.0.113.9"), t.id, { ip_allowlist: ["203.0.113.9/32"] });
    // Platform staff do not sign in on the portal: their change stands, and the answer says their address is outside.
    const staff = await updateSecurityPolicy(platformActor({ ...systemCaller("test"), meta: { ip: "192.0.2.1", userAgent: null, requestId: null } }), t.id, { ip_allowlist: ["198.51.100.0/24"] });
    expect(staff).toMatchObject({ your_ip: "192.0.2.1", your_ip_allowed: false });
  });

  it("20 parallel updates: every answer 200, none 500, and the audit chain records each change", async () => {
    const t = await makeTenant();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        callRoute(securityRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${t.id}/security`, params: { id: t.id }, key: platformKey, body: { idle_timeout_minutes: 10 + i } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(await auditEvents(t.id, "security.policy_updated")).toHaveLength(20);
  });
});

describe("the IP allowlist on the tenant API", () => {
  it("lets a tenant key in from a listed address only; X-Forwarded-For counts only as far as TRUSTED_PROXY_COUNT trusts it", async () => {
    const t = await makeTenant();
    const { key, apiKey: { id: keyId } } = await createTenantApiKey(system, t.id, { name: uniq("key"), permissions: ["usage:read", "security:manage"] });
    await updateSecurityPolicy(system, t.id, { ip_allowlist: ["198.51.100.0/24"] });
    // What Atrium's server (scripts/server.ts) does to each request before Next sees it, for a socket from `peer`.
    const through = (peer: string, trustedProxies: number, xff?: string) =>
      normalizeForwardedHeaders({ host: hostOf(t), ...(xff ? { "x-forwarded-for": xff } : {}) }, { remoteAddress: peer }, trustedProxies) as Record<string, string>;
    const get = (headers: Record<string, string>) => callRoute(usageRoute.GET, { path: `/api/v1/tenants/${t.id}/usage`, params: { id: t.id }, key, headers });

    // Behind one trusted proxy (10.0.0.1): the address it appended is the client's.
    expect((await get(through("10.0.0.1", 1, "198.51.100.20"))).status).toBe(200);
    // The client put a listed address first; the proxy says the request came from 203.0.113.5.
    const spoofed = await get(through("10.0.0.1", 1, "198.51.100.20, 203.0.113.5"));
    expect(spoofed.status).toBe(403);
    expect(spoofed.json.error).toMatchObject({ code: "ip_not_allowed", details: { ip: "203.0.113.5" } });
    const denied = await ownerQuery<{ after: { code: string } }>("SELECT after FROM audit_events WHERE action = 'access.denied' AND actor_id = $1", [keyId]);
    expect(denied.map((d) => d.after.code)).toContain("ip_not_allowed");

    // No trusted proxy: a client's X-Forwarded-For proves nothing; the socket's address decides.
    expect((await get(through("203.0.113.5", 0, "198.51.100.20"))).status).toBe(403);
    expect((await get(through("198.51.100.77", 0, "203.0.113.5"))).status).toBe(200);

    // A key cannot lock itself out either.
    const lockout = await callRoute(securityRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${t.id}/security`, params: { id: t.id }, key, headers: through("198.51.100.20", 0), body: { ip_allowlist: ["192.0.2.0/24"] } });
    expect(lockout.status).toBe(400);
    expect(lockout.json.error.code).toBe("ip_allowlist_lockout");

    // An empty list lets everyone in again.
    await updateSecurityPolicy(system, t.id, { ip_allowlist: [] });
    expect((await get(through("203.0.113.5", 0))).status).toBe(200);
  });

  it("assertIpAllowed: the agreed check other parts call", async () => {
    const t = await makeTenant();
    await assertIpAllowed(t.id, null);
    await updateSecurityPolicy(system, t.id, { ip_allowlist: ["2001:db8::/32"] });
    await assertIpAllowed(t.id, "2001:db8::42");
    expect(await codeOf(assertIpAllowed(t.id, "2001:db9::1"))).toBe("ip_not_allowed");
    expect(await codeOf(assertIpAllowed(t.id, null))).toBe("ip_not_allowed");
  });
});

describe("allowed invitation domains", () => {
  it("invitations and direct adds refuse addresses outside the list, naming the domain and the field; nothing is written", async () => {
    const t = await makeTenant();
    const inviter = await addMember(t.id, "admin");
    const actor = memberAt(t.id, inviter.id, null);
    expect((await inviteMembers(actor, t.id, { emails: [`${uniq("a")}@anywhere.example`], role: "member" })).results[0].status).toBe("invited");

    await updateSecurityPolicy(system, t.id, { allowed_invitation_domains: ["acme.example"] });
    const before = await ownerQuery("SELECT count(*)::int AS n FROM tenant_invitations WHERE tenant_id = $1", [t.id]);
    const err = await inviteMembers(actor, t.id, { emails: [`${uniq("b")}@acme.example`, `${uniq("c")}@evil.example`], role: "member" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "email_domain_not_allowed", status: 400, details: [{ path: "emails.1", message: "evil.example is not an allowed email domain" }] });
    expect((err as Error).message).toContain("evil.example");
    expect(await ownerQuery("SELECT count(*)::int AS n FROM tenant_invitations WHERE tenant_id = $1", [t.id])).toEqual(before);

    // Exact domains: a subdomain is another domain.
    expect(await codeOf(inviteMembers(actor, t.id, { emails: [`${uniq("d")}@eu.acme.example`], role: "member" }))).toBe("email_domain_not_allowed");
    expect((await inviteMembers(actor, t.id, { emails: [`${uniq("e")}@ACME.example`], role: "member" })).results[0].status).toBe("invited");

    expect(await codeOf(addMemberService(system, t.id, { user: { email: `${uniq("f")}@evil.example`, name: "F", role: "member", password: "a-long-password-1" } }))).toBe("email_domain_not_allowed");
    expect(await codeOf(addMemberService(system, t.id, { user: { email: `${uniq("g")}@acme.example`, name: "G", role: "member", password: "a-long-password-1" } }))).toBe("ok");
  });
});
