import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as emailDomainsRoute from "@/app/api/v1/tenants/[id]/security/email-domains/route";
import * as verifyRoute from "@/app/api/v1/tenants/[id]/security/email-domains/[domain]/verify/route";
import { systemCaller, type RequestMeta } from "@/lib/auth/caller";
import { verifyPassword } from "@/lib/auth/password";
import { completeSignUp, peekSignUp } from "@/lib/security-policy/domain-capture/complete-sign-up";
import { startSignUp } from "@/lib/security-policy/domain-capture/start-sign-up";
import { addEmailDomain } from "@/lib/security-policy/email-domains/add-email-domain";
import { removeEmailDomain } from "@/lib/security-policy/email-domains/remove-email-domain";
import { updateEmailDomain } from "@/lib/security-policy/email-domains/update-email-domain";
import { verifyEmailDomain } from "@/lib/security-policy/email-domains/verify-email-domain";
import { updateSecurityPolicy } from "@/lib/security-policy/update-security-policy";
import { verifiedEmailDomains } from "@/lib/security-policy/verified-email-domains";
import { platformActor, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import type { PortalTenant } from "@/lib/tenancy/resolve-host";
import { callRoute } from "../support/call-route";
import { auditEvents, ownerQuery } from "../support/db";
import { startDnsServer, type TestDnsServer } from "../support/dns-server";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { addMember, codeOf, membership } from "../support/tenant-members";

let dns: TestDnsServer;
let platformKey: string;
const system = platformActor(systemCaller("test"));
const meta: RequestMeta = { ip: "198.51.100.9", userAgent: "vitest", requestId: null };
const memberAt = (tenantId: string, userId: string): TenantActor => ({ kind: "member", tenantId, userId, label: "admin@test", meta });

beforeAll(async () => {
  dns = await startDnsServer();
  process.env.DNS_SERVERS = `127.0.0.1:${dns.port}`;
  platformKey = await makeApiKey(["tenants:read", "tenants:update"]);
});
afterAll(async () => {
  await dns.close();
});

const portalOf = (t: { id: string; slug: string; name: string }): PortalTenant => ({ id: t.id, slug: t.slug, name: t.name, status: "active", branding: {} });
const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;

/** The link in the newest sign-up mail to `email`, as the Outbox shows it. */
async function signUpToken(email: string): Promise<string> {
  const [mail] = await ownerQuery<{ text: string; kind: string }>("SELECT text, kind FROM mail_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1", [email]);
  expect(mail.kind).toBe("sign_up_verification");
  const link = /https?:\/\/\S+\/sign-up\/complete\?token=(\S+)/.exec(mail.text);
  expect(link, mail.text).not.toBeNull();
  return decodeURIComponent(link![1]);
}

async function verifiedCapturingDomain(t: { id: string }, role: string) {
  const domain = `${uniq("corp")}.example.com`;
  const { email_domain } = await addEmailDomain(system, t.id, { domain });
  dns.txt.set(email_domain.verification.host, [email_domain.verification.value]);
  await verifyEmailDomain(system, t.id, domain);
  await updateEmailDomain(system, t.id, domain, { capture_role: role });
  return domain;
}

describe("verified email domains", () => {
  it("add → verify fails without the TXT record → publish → verified (audited) → capture role → remove", async () => {
    const t = await makeTenant();
    const admin = await addMember(t.id, "admin");
    const domain = `${uniq("acme")}.example.com`;
    const added = await callRoute(emailDomainsRoute.POST, { method: "POST", path: `/api/v1/tenants/${t.id}/security/email-domains`, params: { id: t.id }, key: platformKey, body: { domain: `@${domain.toUpperCase()}` } });
    expect(added.status).toBe(201);
    expect(added.json.data.email_domain).toMatchObject({ domain, status: "pending", capture_role: null, verification: { type: "TXT", host: `_atrium-challenge.${domain}` } });

    const failed = await callRoute(verifyRoute.POST, { method: "POST", path: `/api/v1/tenants/${t.id}/security/email-domains/${domain}/verify`, params: { id: t.id, domain }, key: platformKey });
    expect(failed.status).toBe(200);
    expect(failed.json.data.email_domain).toMatchObject({ status: "pending", last_error: `No TXT record at _atrium-challenge.${domain}` });
    // Capture needs a verified domain.
    expect(await codeOf(updateEmailDomain(memberAt(t.id, admin.id), t.id, domain, { capture_role: "member" }))).toBe("invalid_state");

    dns.txt.set(`_atrium-challenge.${domain}`, [added.json.data.email_domain.verification.value]);
    const verified = await verifyEmailDomain(memberAt(t.id, admin.id), t.id, domain);
    expect(verified.email_domain).toMatchObject({ status: "verified", last_error: null });
    expect(await auditEvents(domain, "security.email_domain_verified")).toHaveLength(1);
    expect(await verifiedEmailDomains(t.id)).toEqual([{ domain, capture_role: null }]);

    // The capture role must exist and may not be the owner role.
    const bad = await updateEmailDomain(memberAt(t.id, admin.id), t.id, domain, { capture_role: "owner" }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: "invalid_request", details: [{ path: "capture_role" }] });
    expect(await codeOf(updateEmailDomain(memberAt(t.id, admin.id), t.id, domain, { capture_role: "role_nope" }))).toBe("invalid_request");
    await updateEmailDomain(memberAt(t.id, admin.id), t.id, domain, { capture_role: "viewer" });
    expect(await verifiedEmailDomains(t.id)).toEqual([{ domain, capture_role: "viewer" }]);
    expect((await auditEvents(domain, "security.email_domain_capture_changed"))[0]).toMatchObject({ before: { capture_role: null }, after: { capture_role: "viewer" } });

    // Listing it twice is a conflict, not a second row.
    expect(await codeOf(addEmailDomain(system, t.id, { domain }))).toBe("invalid_state");
    // A manager (no security:manage) may not touch email domains.
    const manager = await addMember(t.id, "manager");
    expect(await codeOf(addEmailDomain(memberAt(t.id, manager.id), t.id, { domain: `x.${domain}` }))).toBe("admin_privileges_required");

    await removeEmailDomain(system, t.id, domain);
    expect(await verifiedEmailDomains(t.id)).toEqual([]);
  });

  it("one tenant at a time verifies a domain: the second tenant's check says another tenant has it", async () => {
    const [a, b] = [await makeTenant(), await makeTenant()];
    const domain = `${uniq("shared")}.example.com`;
    const ra = (await addEmailDomain(system, a.id, { domain })).email_domain;
    const rb = (await addEmailDomain(system, b.id, { domain })).email_domain;
    dns.txt.set(`_atrium-challenge.${domain}`, [ra.verification.value, rb.verification.value]);
    expect((await verifyEmailDomain(system, a.id, domain)).email_domain.status).toBe("verified");
    expect((await verifyEmailDomain(system, b.id, domain)).email_domain).toMatchObject({ status: "pending", last_error: "Another tenant has already verified this email domain" });
  });
});

describe("domain capture sign-up", () => {
  it("mails a single-use link; a new account joins in the capture role, audited; the link works once and only on its host", async () => {
    const t = await makeTenant();
    const domain = await verifiedCapturingDomain(t, "manager");
    const email = `${uniq("new")}@${domain}`;

    // Not a capturing domain: refused by name, no mail.
    const refused = await startSignUp(portalOf(t), { email: `x@${uniq("elsewhere")}.example.com` }, meta.ip).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "email_domain_not_allowed", details: [{ path: "email" }] });

    expect(await startSignUp(portalOf(t), { email: email.toUpperCase() }, meta.ip)).toEqual({ sent_to: email });
    const token = await signUpToken(email);
    expect(await peekSignUp(token, "elsewhere.localhost:3000", t.id)).toBeNull();
    expect(await peekSignUp(token, hostOf(t), t.id)).toEqual({ email, accountExists: false });

    // A bad password is named and does not use up the link.
    const weak = await completeSignUp({ token, host: hostOf(t), tenantId: t.id, name: "New Person", password: "short" }, meta).catch((e: unknown) => e);
    expect(weak).toMatchObject({ code: "invalid_request", details: [{ path: "password" }] });
    expect(await codeOf(completeSignUp({ token, host: "other.localhost:3000", tenantId: t.id, name: "New Person", password: "correct horse battery" }, meta))).toBe("not_found");

    // Parallel submissions: exactly one joins.
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => codeOf(completeSignUp({ token, host: hostOf(t), tenantId: t.id, name: "New Person", password: "correct horse battery" }, meta))));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o !== "ok")).toEqual(Array(4).fill("not_found"));

    const [user] = await ownerQuery<{ id: string; name: string; password_hash: string; email_verified_at: Date | null }>("SELECT id, name, password_hash, email_verified_at FROM users WHERE email = $1", [email]);
    expect(user).toMatchObject({ name: "New Person" });
    expect(user.email_verified_at).not.toBeNull();
    expect(await verifyPassword("correct horse battery", user.password_hash)).toBe(true);
    expect(await membership(t.id, user.id)).toEqual({ role: "manager", status: "active" });
    const [joined] = await auditEvents(user.id, "member.joined_by_domain_capture");
    expect(joined).toMatchObject({ tenant_id: t.id, after: { email, role: "manager", domain, account_created: true } });
  });

  it("an existing account joins as it is (its password untouched); a member is told to sign in; capture removed in between stops the join", async () => {
    const [home, t] = [await makeTenant(), await makeTenant()];
    const domain = await verifiedCapturingDomain(t, "member");
    const existing = await addMember(home.id, "member", { email: `${uniq("old")}@${domain}` });
    await ownerQuery("UPDATE users SET password_hash = 'unchanged' WHERE id = $1", [existing.id]);

    await startSignUp(portalOf(t), { email: existing.email }, meta.ip);
    const token = await signUpToken(existing.email);
    expect(await peekSignUp(token, hostOf(t), t.id)).toEqual({ email: existing.email, accountExists: true });
    const r = await completeSignUp({ token, host: hostOf(t), tenantId: t.id, name: "ignored", password: "ignored-because-existing" }, meta);
    expect(r).toMatchObject({ user_id: existing.id, role: "member", account_created: false });
    expect((await ownerQuery("SELECT password_hash FROM users WHERE id = $1", [existing.id]))[0]).toEqual({ password_hash: "unchanged" });

    await startSignUp(portalOf(t), { email: existing.email }, meta.ip);
    expect(await codeOf(completeSignUp({ token: await signUpToken(existing.email), host: hostOf(t), tenantId: t.id }, meta))).toBe("invalid_state");

    const late = `${uniq("late")}@${domain}`;
    await startSignUp(portalOf(t), { email: late }, meta.ip);
    const lateToken = await signUpToken(late);
    await updateEmailDomain(system, t.id, domain, { capture_role: null });
    expect(await codeOf(completeSignUp({ token: lateToken, host: hostOf(t), tenantId: t.id, name: "Late", password: "correct horse battery" }, meta))).toBe("email_domain_not_allowed");
    expect(await ownerQuery("SELECT 1 FROM users WHERE email = $1", [late])).toEqual([]);
  });

  it("the IP allowlist applies to sign-up too", async () => {
    const t = await makeTenant();
    const domain = await verifiedCapturingDomain(t, "member");
    await updateSecurityPolicy(system, t.id, { ip_allowlist: ["203.0.113.0/24"] });
    expect(await codeOf(startSignUp(portalOf(t), { email: `a@${domain}` }, "198.51.100.1"))).toBe("ip_not_allowed");
    expect(await startSignUp(portalOf(t), { email: `a@${domain}` }, "203.0.113.1")).toEqual({ sent_to: `a@${domain}` });
  });
});
