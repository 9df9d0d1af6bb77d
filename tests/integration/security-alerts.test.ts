import { beforeAll, describe, expect, it, vi } from "vitest";
import * as alertsRoute from "@/app/api/v1/security/alerts/route";
import { systemCaller } from "@/lib/auth/caller";
import { createPlatformApiKey } from "@/lib/auth/api-keys";
import { hashPassword } from "@/lib/auth/password";
import { PLATFORM_ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { verifyMemberCredentials, verifyStaffCredentials } from "@/lib/auth/sign-in";
import { noteSignIn, type NotedSession } from "@/lib/security-alerts/note-sign-in";
import { agentOf, networkOf } from "@/lib/security-alerts/sign-in-location";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, staffCaller, uniq } from "../support/fixtures";
import { auditEvents, ownerQuery } from "../support/db";
import { addMember } from "../support/tenant-members";

vi.setConfig({ testTimeout: 90_000 });

const PASSWORD = "correct horse battery staple";
const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const CHROME_MAC_NEWER = CHROME_MAC.replace("131.0.0.0", "132.0.0.0");
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

async function staff() {
  const id = uniq("user_");
  const email = `${id}@atrium.test`;
  await ownerQuery("INSERT INTO users (id, email, name, password_hash, platform_role) VALUES ($1, $2, 'Staff', $3, 'operator')", [id, email, passwordHash]);
  return { id, email };
}

const mailsTo = (to: string, kind = "security_alert") => ownerQuery<{ subject: string; text: string; tenant_id: string | null }>("SELECT subject, text, tenant_id FROM mail_outbox WHERE to_address = $1 AND kind = $2 ORDER BY created_at", [to, kind]);

const session = (userId: string, ip: string, userAgent = CHROME_MAC, tenantId: string | null = null): NotedSession => ({ id: uniq("ses_"), userId, kind: tenantId ? "member" : "staff", tenantId, ip, userAgent, host: "localhost:3000" });

describe("where a sign-in comes from", () => {
  it("is the /24 or /64 and the browser family on its OS, without versions", () => {
    expect(networkOf("203.0.113.77")).toBe("203.0.113.0/24");
    expect(networkOf("::ffff:203.0.113.77")).toBe("203.0.113.0/24");
    expect(networkOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(networkOf(null)).toBe("unknown");
    expect(agentOf(CHROME_MAC)).toBe("Chrome on macOS");
    expect(agentOf(CHROME_MAC_NEWER)).toBe(agentOf(CHROME_MAC));
    expect(agentOf(FIREFOX_LINUX)).toBe("Firefox on Linux");
  });
});

describe("noteSignIn", () => {
  it("remembers an account's first place silently, alerts once for a new network or browser, and not for a known one", async () => {
    const u = await staff();
    expect(await noteSignIn(session(u.id, "203.0.113.10"))).toBe(false);
    expect(await noteSignIn(session(u.id, "203.0.113.99", CHROME_MAC_NEWER))).toBe(false); // same /24, same family
    expect(await mailsTo(u.email)).toEqual([]);

    expect(await noteSignIn(session(u.id, "198.51.100.5"))).toBe(true);
    expect(await noteSignIn(session(u.id, "198.51.100.6"))).toBe(false);
    expect(await noteSignIn(session(u.id, "203.0.113.10", FIREFOX_LINUX))).toBe(true);

    const events = await auditEvents(u.id, "security.new_sign_in_location");
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ tenant_id: null, actor_id: u.id, ip: "198.51.100.5" });
    expect(events[0].after).toMatchObject({ kind: "new_sign_in_location", ip: "198.51.100.5", network: "198.51.100.0/24", device: "Chrome on macOS" });
    const mails = await mailsTo(u.email);
    expect(mails).toHaveLength(2);
    expect(mails[0].subject).toContain("new device or network");
    expect(mails[0].text).toContain("198.51.100.5");
    expect(mails[1].text).toContain("Firefox on Linux");
  });

  it("alerts again for a place not seen for 90 days", async () => {
    const u = await staff();
    await noteSignIn(session(u.id, "203.0.113.10"));
    await noteSignIn(session(u.id, "192.0.2.1"));
    await ownerQuery("UPDATE sign_in_locations SET last_seen_at = now() - interval '91 days', first_seen_at = now() - interval '100 days' WHERE user_id = $1 AND network = '192.0.2.0/24'", [u.id]);
    expect(await noteSignIn(session(u.id, "192.0.2.1"))).toBe(true);
    expect(await auditEvents(u.id, "security.new_sign_in_location")).toHaveLength(2);
  });

  it("raises one alert for simultaneous first sign-ins from the same new place", async () => {
    const u = await staff();
    await noteSignIn(session(u.id, "203.0.113.10"));
    const raised = await Promise.all(Array.from({ length: 8 }, () => noteSignIn(session(u.id, "192.0.2.50"))));
    expect(raised.filter(Boolean)).toHaveLength(1);
    expect(await mailsTo(u.email)).toHaveLength(1);
  });

  it("records a member's alert on the tenant's chain and links the mail to the tenant's stored host", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "member");
    await noteSignIn(session(m.id, "203.0.113.10", CHROME_MAC, t.id));
    expect(await noteSignIn(session(m.id, "192.0.2.9", CHROME_MAC, t.id))).toBe(true);
    const [e] = await auditEvents(m.id, "security.new_sign_in_location");
    expect(e.tenant_id).toBe(t.id);
    const [mail] = await mailsTo(m.email);
    expect(mail.tenant_id).toBe(t.id);
    expect(mail.text).toContain(`${t.slug}.`);
  });
});

describe("repeated sign-in failures", () => {
  it("alert the account once when SIGN_IN_MAX_FAILURES (5) wrong passwords arrive within 15 minutes, however many follow", async () => {
    const u = await staff();
    for (let i = 0; i < 4; i++) await verifyStaffCredentials(u.email, `wrong ${i} password`, "198.51.100.77");
    expect(await auditEvents(u.id, "security.repeated_sign_in_failures")).toHaveLength(0);
    for (let i = 0; i < 4; i++) await verifyStaffCredentials(u.email, `wrong again ${i}`, "198.51.100.77");
    const events = await auditEvents(u.id, "security.repeated_sign_in_failures");
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({ failures: 5, ip: "198.51.100.77" });
    expect(await mailsTo(u.email)).toHaveLength(1);
  });

  it("do not count unknown emails or other accounts, and a member's go to the tenant's chain", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "member");
    await ownerQuery("UPDATE users SET password_hash = $2 WHERE id = $1", [m.id, passwordHash]);
    for (let i = 0; i < 5; i++) await verifyMemberCredentials(m.email, `wrong ${i} password`, "198.51.100.78", t.id);
    const [e] = await auditEvents(m.id, "security.repeated_sign_in_failures");
    expect(e.tenant_id).toBe(t.id);
  });
});

describe("a new API key", () => {
  it("of a tenant mails the tenant's owners and records security.api_key_created on its chain", async () => {
    const t = await makeTenant();
    const owner = (await ownerQuery<{ email: string }>("SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND m.role = 'owner'", [t.id]))[0];
    const { apiKey } = await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: "CI deploys", permissions: ["members:read"] });
    const rows = await ownerQuery<{ tenant_id: string; after: Record<string, unknown> }>("SELECT tenant_id, after FROM audit_events WHERE action = 'security.api_key_created' AND tenant_id = $1", [t.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].after).toMatchObject({ kind: "api_key_created", name: "CI deploys", key_id: apiKey.id });
    const mails = await mailsTo(owner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("CI deploys");
    expect(JSON.stringify(rows[0].after)).not.toContain("atr_");
  });

  it("of the platform mails the staff member who made it", async () => {
    const u = await staff();
    const caller = { ...staffCaller("admin", u.id), label: u.email };
    await createPlatformApiKey(caller, { name: "Deploy bot" });
    expect(await auditEvents(u.id, "security.api_key_created")).toHaveLength(1);
    expect((await mailsTo(u.email))[0].subject).toContain("New API key");
  });
});

describe("GET /api/v1/security/alerts", () => {
  it("lists alerts across tenants newest first for staff with security:read, filtered by kind and tenant, paged by cursor", async () => {
    const t = await makeTenant();
    await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: "first key", permissions: ["members:read"] });
    await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: "second key", permissions: ["members:read"] });
    const m = await addMember(t.id, "member");
    await noteSignIn(session(m.id, "203.0.113.10", CHROME_MAC, t.id));
    await noteSignIn(session(m.id, "192.0.2.77", CHROME_MAC, t.id));

    const key = await makeApiKey(["security:read"]);
    const all = await callRoute(alertsRoute.GET, { path: `/api/v1/security/alerts?tenant_id=${t.id}`, key });
    expect(all.status).toBe(200);
    expect(all.json.data.items.map((a: { kind: string }) => a.kind)).toEqual(["new_sign_in_location", "api_key_created", "api_key_created"]);
    expect(all.json.data.items[0]).toMatchObject({ account: { user_id: m.id, email: m.email }, tenant_id: t.id, tenant_name: t.name, ip_address: "192.0.2.77", detail: { device: "Chrome on macOS" } });

    const keys = await callRoute(alertsRoute.GET, { path: `/api/v1/security/alerts?tenant_id=${t.id}&kind=api_key_created&limit=1`, key });
    expect(keys.json.data.items).toHaveLength(1);
    expect(keys.json.data.items[0]).toMatchObject({ kind: "api_key_created", account: null, detail: { name: "second key" } });
    const next = await callRoute(alertsRoute.GET, { path: `/api/v1/security/alerts?tenant_id=${t.id}&kind=api_key_created&limit=1&cursor=${keys.json.data.next_cursor}`, key });
    expect(next.json.data.items[0].detail.name).toBe("first key");
    expect(next.json.data.next_cursor).toBeNull();

    // Other security.* events (a reset request) and other actions are not alerts.
    expect(all.json.data.items.every((a: { event_type: string }) => a.event_type.startsWith("security."))).toBe(true);
  });

  it("answers 400 naming the field for a bad filter, and 403 without security:read", async () => {
    const key = await makeApiKey(["security:read"]);
    const bad = await callRoute(alertsRoute.GET, { path: "/api/v1/security/alerts?kind=nope", key });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("kind");
    expect((await callRoute(alertsRoute.GET, { path: "/api/v1/security/alerts?cursor=xyz", key })).json.error.details[0].path).toBe("cursor");
    const without = await makeApiKey(["audit:read"]);
    expect((await callRoute(alertsRoute.GET, { path: "/api/v1/security/alerts", key: without })).status).toBe(403);
    expect(PLATFORM_ROLE_PERMISSIONS.auditor).toContain("security:read");
    expect(PLATFORM_ROLE_PERMISSIONS.operator).toContain("security:read");
  });
});
