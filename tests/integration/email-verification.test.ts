import { describe, expect, it, vi } from "vitest";
import { POST as verifyRoute } from "@/app/api/account/verify-email/route";
import { systemCaller } from "@/lib/auth/caller";
import { createPlatformApiKey } from "@/lib/auth/api-keys";
import { resendEmailVerification, RESENDS_PER_HOUR } from "@/lib/auth/email-verification/resend-email-verification";
import { unverifiedEmailOf } from "@/lib/auth/email-verification/unverified-email";
import { addMember } from "@/lib/members/add-member";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { createStaffUser } from "@/lib/users/create-staff-user";
import { makeTenant, staffCaller, uniq } from "../support/fixtures";
import { auditEvents, ownerQuery } from "../support/db";
import { codeOf, memberActor } from "../support/tenant-members";

vi.setConfig({ testTimeout: 60_000 });

const CONSOLE = "localhost:3000";
const verificationMails = (to: string) => ownerQuery<{ text: string; tenant_id: string | null }>("SELECT text, tenant_id FROM mail_outbox WHERE to_address = $1 AND kind = 'email_verification' ORDER BY created_at", [to]);
async function tokenFor(to: string): Promise<{ host: string; token: string }> {
  const m = (await verificationMails(to)).at(-1)?.text.match(/https?:\/\/\S+\/verify-email\?token=\S+/);
  if (!m) throw new Error(`no verification link mailed to ${to}`);
  const url = new URL(m[0]);
  return { host: url.host, token: url.searchParams.get("token")! };
}
async function verify(host: string, token: string) {
  const res = await verifyRoute(new Request(`http://${host}/api/account/verify-email`, { method: "POST", headers: { host, origin: `http://${host}`, "content-type": "application/json", "x-atrium-client-ip": "198.51.100.9" }, body: JSON.stringify({ token }) }));
  return { status: res.status, json: await res.json() };
}

describe("email verification", () => {
  it("a member added directly by staff starts unverified with a link on the tenant's host; the link verifies once", async () => {
    const t = await makeTenant();
    const email = `${uniq("direct")}@members.test`;
    const { member } = await addMember(platformActor(staffCaller("admin")), t.id, { user: { email, name: "Direct Add", role: "member" } });
    expect(await unverifiedEmailOf(member.user_id)).toBe(email);
    const { host, token } = await tokenFor(email);
    expect(host).toBe(`${t.slug}.${CONSOLE}`);
    expect((await verify(CONSOLE, token)).json.error.code).toBe("token_invalid"); // another host
    expect(await verify(host, token)).toMatchObject({ status: 200, json: { data: { email } } });
    expect(await unverifiedEmailOf(member.user_id)).toBeNull();
    expect((await verify(host, token)).json.error.code).toBe("token_invalid");
    expect((await auditEvents(member.user_id, "security.email_verified"))[0].tenant_id).toBe(t.id);
  });

  it("a staff account created by a staff member gets a console link; an operator script's, existing and invited accounts count as verified", async () => {
    const email = `${uniq("staff")}@atrium.test`;
    const u = await createStaffUser(staffCaller("admin"), { email, name: "New Staff", password: "long enough password", platform_role: "operator" });
    expect(await unverifiedEmailOf(u.id)).toBe(email);
    const { host, token } = await tokenFor(email);
    expect(host).toBe(CONSOLE);
    expect((await verify(host, token)).status).toBe(200);
    // Giving an existing account a role sends nothing and changes nothing.
    await createStaffUser(staffCaller("admin"), { email, name: "New Staff", password: "another long password", platform_role: "auditor" });
    expect(await verificationMails(email)).toHaveLength(1);
    // The seed's and the CLI's accounts (system callers) are the operator's own: verified, no mail.
    const scripted = `${uniq("cli")}@atrium.test`;
    const s = await createStaffUser(systemCaller("cli"), { email: scripted, name: "First Admin", password: "long enough password", platform_role: "admin" });
    expect(await unverifiedEmailOf(s.id)).toBeNull();
    expect(await verificationMails(scripted)).toEqual([]);
    const [seeded] = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE email_verified_at IS NULL AND email LIKE 'owner@%'");
    expect(seeded.n).toBe(0);
  });

  it("refuses a bad token with a 400 naming the field", async () => {
    const r = await verify(CONSOLE, "short");
    expect(r.status).toBe(400);
    expect(r.json.error.details[0].path).toBe("token");
  });

  it("an unverified account cannot create API keys until it verifies", async () => {
    const t = await makeTenant();
    const email = `${uniq("keys")}@members.test`;
    const { member } = await addMember(platformActor(staffCaller("admin")), t.id, { user: { email, name: "Key Maker", role: "admin" } });
    expect(await codeOf(createTenantApiKey(memberActor(t.id, member.user_id), t.id, { name: "k", permissions: ["members:read"] }))).toBe("email_verification_required");
    const staffEmail = `${uniq("keys")}@atrium.test`;
    const s = await createStaffUser(staffCaller("admin"), { email: staffEmail, name: "Key Staff", password: "long enough password", platform_role: "admin" });
    expect(await codeOf(createPlatformApiKey({ ...staffCaller("admin", s.id), label: staffEmail }, { name: "k" }))).toBe("email_verification_required");
    const { host, token } = await tokenFor(email);
    await verify(host, token);
    expect(await codeOf(createTenantApiKey(memberActor(t.id, member.user_id), t.id, { name: "k", permissions: ["members:read"] }))).toBe("ok");
  });

  it("resends at most RESENDS_PER_HOUR links, and not to a verified account", async () => {
    const t = await makeTenant();
    const email = `${uniq("resend")}@members.test`;
    const { member } = await addMember(platformActor(staffCaller("admin")), t.id, { user: { email, name: "Resend Me", role: "member" } });
    const where = { kind: "tenant" as const, tenant: { id: t.id, slug: t.slug } };
    for (let i = 0; i < RESENDS_PER_HOUR; i++) await resendEmailVerification(member.user_id, where, t.name);
    expect(await codeOf(resendEmailVerification(member.user_id, where, t.name))).toBe("rate_limit_exceeded");
    expect(await verificationMails(email)).toHaveLength(1 + RESENDS_PER_HOUR);
    const { host, token } = await tokenFor(email);
    await verify(host, token);
    await ownerQuery("DELETE FROM rate_limit_buckets WHERE key = $1", [`verify-resend:${member.user_id}`]);
    expect(await codeOf(resendEmailVerification(member.user_id, where, t.name))).toBe("invalid_state");
  });
});
