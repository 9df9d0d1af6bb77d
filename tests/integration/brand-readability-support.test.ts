import { afterEach, describe, expect, it } from "vitest";
import * as brandingRoute from "@/app/api/v1/tenants/[id]/branding/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import { supportContact } from "@/lib/branding/support-contact";
import { inviteMembers } from "@/lib/invitations/invite-members";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createStaffUser } from "@/lib/users/create-staff-user";
import { systemCaller, NO_META } from "@/lib/auth/caller";
import { PLATFORM_ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { callRoute } from "../support/call-route";
import { ownerQuery, tenantRow } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { memberActor, ownerOf } from "../support/tenant-members";

let keyPromise: Promise<string> | undefined;
const key = () => (keyPromise ??= makeApiKey());
const put = async (id: string, body: unknown) => callRoute(brandingRoute.PUT, { method: "PUT", key: await key(), path: `/api/v1/tenants/${id}/branding`, params: { id }, body });
const get = async (id: string) => callRoute(brandingRoute.GET, { key: await key(), path: `/api/v1/tenants/${id}/branding`, params: { id } });
const versionCount = async (id: string) => Number((await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM tenant_branding_versions WHERE tenant_id = $1", [id]))[0].n);
type Detail = { path: string; message: string };
const details = (r: { json: { error?: { details?: unknown } } }) => (r.json.error?.details ?? []) as Detail[];

describe("a primary colour no button text can read on is refused, by field", () => {
  it("branding API: 400 naming primary_color, nothing written; a light colour is accepted (its buttons get dark text)", async () => {
    const t = await makeTenant();
    const before = await tenantRow(t.id);
    const r = await put(t.id, { primary_color: "#0077DD" });
    expect(r.status, JSON.stringify(r.json)).toBe(400);
    expect(r.json.error?.code).toBe("invalid_request");
    expect(details(r)).toEqual([{ path: "primary_color", message: expect.stringMatching(/#0077DD.*4\.5:1/i) }]);
    expect((await tenantRow(t.id))!.branding).toEqual(before!.branding);
    expect(await versionCount(t.id)).toBe(0);

    const light = await put(t.id, { primary_color: "#FDE047" });
    expect(light.status, JSON.stringify(light.json)).toBe(200);
    expect(light.json.data.warnings).toEqual([]);
  });

  it("tenant create and update bodies refuse it too, naming the nested field", async () => {
    const t = await makeTenant();
    const upd = await callRoute(tenantRoute.PUT, { method: "PUT", key: await key(), path: `/api/v1/tenants/${t.id}`, params: { id: t.id }, body: { branding: { primary_color: "#0077dd" } } });
    expect(upd.status, JSON.stringify(upd.json)).toBe(400);
    expect(details(upd).map((d) => d.path)).toEqual(["branding.primary_color"]);
    const slug = uniq("rc-");
    const created = await callRoute(tenantsRoute.POST, {
      method: "POST",
      key: await key(),
      path: "/api/v1/tenants",
      body: { tenant: { name: "Mid Tone", slug, admin_user: { email: `owner@${slug}.test`, name: "Owner" }, branding: { primary_color: "#0077dd" } } },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(400);
    expect(details(created).map((d) => d.path)).toEqual(["tenant.branding.primary_color"]);
  });
});

describe("support contact in branding", () => {
  const saved = { email: process.env.SUPPORT_EMAIL, url: process.env.SUPPORT_URL };
  afterEach(() => {
    for (const [k, v] of [["SUPPORT_EMAIL", saved.email], ["SUPPORT_URL", saved.url]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("refuses a bad email or a non-https URL by field, stores good ones as a version, and returns them", async () => {
    const t = await makeTenant();
    const badEmail = await put(t.id, { support_email: "not-an-email" });
    expect(badEmail.status).toBe(400);
    expect(details(badEmail)).toEqual([{ path: "support_email", message: expect.stringContaining("email") }]);
    for (const url of ["http://help.example.com", "javascript:alert(1)", "https://localhost"]) {
      const r = await put(t.id, { support_url: url });
      expect(r.status, url).toBe(400);
      expect(details(r).map((d) => d.path), url).toContain("support_url");
    }
    expect(await versionCount(t.id)).toBe(0);

    const ok = await put(t.id, { support_email: "help@brand.example", support_url: "https://help.brand.example/portal" });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.data.branding).toMatchObject({ support_email: "help@brand.example", support_url: "https://help.brand.example/portal" });
    expect(await versionCount(t.id)).toBe(2);
    expect((await get(t.id)).json.data.branding).toMatchObject({ support_email: "help@brand.example", support_url: "https://help.brand.example/portal" });
    const cleared = await put(t.id, { support_url: null });
    expect(cleared.json.data.branding).toMatchObject({ support_email: "help@brand.example", support_url: null });
  });

  it("a tenant's contact replaces the platform's; without one, the platform's SUPPORT_EMAIL/SUPPORT_URL; with neither, none", () => {
    process.env.SUPPORT_EMAIL = "support@platform.example";
    process.env.SUPPORT_URL = "https://status.platform.example";
    expect(supportContact({ support_email: "help@brand.example" })).toEqual({ email: "help@brand.example", url: null });
    expect(supportContact({})).toEqual({ email: "support@platform.example", url: "https://status.platform.example" });
    // A stored value that is not an https URL never reaches an href.
    expect(supportContact({ support_url: "javascript:alert(1)" })).toEqual({ email: "support@platform.example", url: "https://status.platform.example" });
    delete process.env.SUPPORT_EMAIL;
    delete process.env.SUPPORT_URL;
    expect(supportContact({})).toBeNull();
  });
});

describe("invitation mail names the inviter by their account's name", () => {
  const mailTo = async (to: string) => (await ownerQuery<{ text: string; html: string }>("SELECT text, html FROM mail_outbox WHERE to_address = $1", [to]))[0];

  it("platform staff: the account's name, not the email's local part", async () => {
    const t = await makeTenant();
    const email = `${uniq("o.perator")}@staff.test`;
    const staff = await createStaffUser(systemCaller("test"), { email, name: "Olive Operator", password: "correct horse battery", platform_role: "operator" });
    // Sessions label staff by email; the mail must still say who they are.
    const caller = { kind: "user" as const, id: staff.id, label: email, platformRole: "operator" as const, permissions: new Set(PLATFORM_ROLE_PERMISSIONS.operator), meta: NO_META };
    const invitee = `${uniq("inv")}@mail.test`;
    await inviteMembers(platformActor(caller), t.id, { emails: [invitee], role: "member" });
    const mail = await mailTo(invitee);
    expect(mail.text).toContain("Olive Operator invited you");
    expect(mail.html).toContain("<strong>Olive Operator</strong>");
    expect(mail.text).not.toContain(email.split("@")[0]);
  });

  it("members: their account's name", async () => {
    const t = await makeTenant();
    const invitee = `${uniq("inv")}@mail.test`;
    await inviteMembers(memberActor(t.id, await ownerOf(t.id)), t.id, { emails: [invitee], role: "member" });
    expect((await mailTo(invitee)).text).toContain("Owner invited you");
  });
});
