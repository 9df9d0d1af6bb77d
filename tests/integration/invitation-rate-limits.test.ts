import { afterEach, describe, expect, it, vi } from "vitest";

// Server actions read the request through next/headers: each call here carries a
// real request's headers (host, Origin, a signed member session cookie).
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ toString: () => request.headers.get("cookie") ?? "" }),
}));

import * as invitationsRoute from "@/app/api/v1/tenants/[id]/users/invitations/route";
import * as inviteRoute from "@/app/api/v1/tenants/[id]/users/invite/route";
import { inviteMembersAction, listInvitationsAction, resendInvitationAction } from "@/lib/actions/member-actions";
import { systemCaller } from "@/lib/auth/caller";
import { AppError } from "@/lib/http/errors";
import { inviteMembers, type InviteResult } from "@/lib/invitations/invite-members";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { BUILT_IN_ROLES } from "@/lib/tenant-access/permissions";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { auditEvents, ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { addMember, codeOf, memberActor, ownerOf } from "../support/tenant-members";
import { sessionTokenForClaims } from "../support/session-cookie";

// Issue 8, item 8: one invitation resent 25 times queued 26 mails, and inviting had no limit.

const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;
const mailsTo = async (email: string) => (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1", [email]))[0].n;
const invitationsOf = (tenantId: string) => ownerQuery<{ email: string; token_hash: string }>("SELECT email, token_hash FROM tenant_invitations WHERE tenant_id = $1 ORDER BY email", [tenantId]);
const tenantMails = async (tenantId: string) => (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM mail_outbox WHERE tenant_id = $1", [tenantId]))[0].n;
/** As if `minutes` had passed for the tenant's invitation limits. */
const later = (tenantId: string, minutes: number) =>
  ownerQuery("UPDATE rate_limit_buckets SET hits = ARRAY(SELECT h - make_interval(mins => $2::int) FROM unnest(hits) AS h) WHERE key LIKE '%' || $1 || '%'", [tenantId, minutes]);

function invited(r: InviteResult) {
  if (r.status !== "invited") throw new Error(`expected an invitation for ${r.email}, got ${r.status}`);
  return r;
}

async function tenantWithOwner() {
  const t = await makeTenant();
  const ownerId = await ownerOf(t.id);
  return { t, ownerId, owner: memberActor(t.id, ownerId) };
}

async function signInAs(userId: string, tenant: { id: string; slug: string }) {
  const token = await sessionTokenForClaims({ sub: userId, host: hostOf(tenant), kind: "member", tenantId: tenant.id });
  request.headers = new Headers({ host: hostOf(tenant), origin: `http://${hostOf(tenant)}`, cookie: `next-auth.session-token=${token}` });
}

const rateLimited = (e: unknown) => {
  expect(e).toBeInstanceOf(AppError);
  const err = e as AppError;
  expect([err.code, err.status]).toEqual(["rate_limit_exceeded", 429]);
  return Number(err.headers?.["Retry-After"]);
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("resending an invitation", () => {
  it("a second resend within 5 minutes → 429 with Retry-After; no second mail, the link and expiry unchanged; allowed again 5 minutes later", async () => {
    const { t, owner } = await tenantWithOwner();
    const email = `${uniq("re")}@limits.test`;
    const { invitation } = invited((await inviteMembers(owner, t.id, { emails: [email], role: "member" })).results[0]);
    const first = await resendInvitation(owner, t.id, invitation.id);
    expect(await mailsTo(email)).toBe(2);
    // The response and the list say until when another resend is refused.
    const availableAt = Date.parse(first.invitation.resend_available_at!);
    expect(availableAt - Date.now()).toBeGreaterThan(4.5 * 60_000);
    expect(availableAt - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const [before] = await invitationsOf(t.id);

    const retryAfter = rateLimited(await resendInvitation(owner, t.id, invitation.id).catch((e: unknown) => e));
    expect(retryAfter).toBeGreaterThan(240);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(await mailsTo(email), "no second mail queued").toBe(2);
    expect((await invitationsOf(t.id))[0].token_hash, "the mailed link still works").toBe(before.token_hash);
    expect(await auditEvents(invitation.id, "invitation.resent")).toHaveLength(1);

    await later(t.id, 5);
    await resendInvitation(owner, t.id, invitation.id);
    expect(await mailsTo(email)).toBe(3);
  });

  it("the server action returns the same error, and the list (action and API) shows when a resend is allowed", async () => {
    const { t, ownerId, owner } = await tenantWithOwner();
    const email = `${uniq("act")}@limits.test`;
    const { invitation } = invited((await inviteMembers(owner, t.id, { emails: [email], role: "member" })).results[0]);
    await signInAs(ownerId, t);
    const listed = async () => {
      const r = await listInvitationsAction(t.id);
      if (!r.ok) throw new Error(r.message);
      return r.data.invitations.find((i) => i.id === invitation.id)!;
    };
    expect((await listed()).resend_available_at, "never resent: allowed now").toBeNull();

    const ok = await resendInvitationAction(t.id, invitation.id);
    expect(ok.ok).toBe(true);
    const refused = await resendInvitationAction(t.id, invitation.id);
    expect(refused).toMatchObject({ ok: false, code: "rate_limit_exceeded" });
    expect(!refused.ok && refused.message).toMatch(/^Too many resends of this invitation: at most 1 per 5 minutes\. Try again in [45] minutes\.$/);
    expect(await mailsTo(email)).toBe(2);
    expect(Date.parse((await listed()).resend_available_at!)).toBeGreaterThan(Date.now() + 4 * 60_000);

    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: "reader", permissions: ["members:read"] });
    const api = await callRoute(invitationsRoute.GET, { params: { id: t.id }, key, headers: { host: hostOf(t) } });
    expect(api.status).toBe(200);
    expect(api.json.data.invitations.find((i: { id: string }) => i.id === invitation.id).resend_available_at).toBe((await listed()).resend_available_at);
  });

  it("20 parallel resends of one invitation: exactly one is mailed, the others get 429, none a 500", async () => {
    const { t, owner } = await tenantWithOwner();
    const email = `${uniq("par")}@limits.test`;
    const { invitation } = invited((await inviteMembers(owner, t.id, { emails: [email], role: "member" })).results[0]);
    const codes = await Promise.all(Array.from({ length: 20 }, () => codeOf(resendInvitation(owner, t.id, invitation.id))));
    expect(codes.filter((c) => c === "ok")).toHaveLength(1);
    expect(codes.filter((c) => c === "rate_limit_exceeded")).toHaveLength(19);
    expect(await mailsTo(email)).toBe(2);
  });

  it("one tenant's resend does not hold back another tenant's invitation to the same person", async () => {
    const email = `${uniq("both")}@limits.test`;
    const [a, b] = await Promise.all([tenantWithOwner(), tenantWithOwner()]);
    const ia = invited((await inviteMembers(a.owner, a.t.id, { emails: [email], role: "member" })).results[0]).invitation;
    const ib = invited((await inviteMembers(b.owner, b.t.id, { emails: [email], role: "member" })).results[0]).invitation;
    await resendInvitation(a.owner, a.t.id, ia.id);
    expect(await codeOf(resendInvitation(b.owner, b.t.id, ib.id))).toBe("ok");
  });
});

describe("a tenant's invitation emails per hour (RATE_LIMIT_INVITATIONS_PER_HOUR)", () => {
  it("through the API: a batch that would pass the limit → 429 with Retry-After and nothing written; resends count too", async () => {
    vi.stubEnv("RATE_LIMIT_INVITATIONS_PER_HOUR", "3");
    const { t } = await tenantWithOwner();
    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: "inviter", permissions: [...BUILT_IN_ROLES.admin.permissions] });
    const invite = (emails: string[]) => callRoute(inviteRoute.POST, { method: "POST", params: { id: t.id }, key, headers: { host: hostOf(t) }, body: { emails, role: "member" } });
    const [a, b, c, d] = ["a", "b", "c", "d"].map((p) => `${uniq(p)}@limits.test`);

    expect((await invite([a, b])).status).toBe(201);
    const auditBefore = (await ownerQuery("SELECT 1 FROM audit_events WHERE tenant_id = $1", [t.id])).length;
    const refused = await invite([c, d]);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limit_exceeded");
    expect(refused.json.error.message).toMatch(/^Too many invitation emails for this tenant: at most 3 per hour\. Try again in \d+ minutes\.$/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3500);
    // All or nothing: not c alone, although one more would have fitted.
    expect((await invitationsOf(t.id)).map((r) => r.email)).toEqual([a, b].sort());
    expect(await tenantMails(t.id)).toBe(2);
    expect((await ownerQuery("SELECT 1 FROM audit_events WHERE tenant_id = $1", [t.id])).length).toBe(auditBefore);

    expect((await invite([c])).status).toBe(201);
    // The hour's three are used: a resend (whose invitee was never resent) is refused as well.
    const [inv] = await ownerQuery<{ id: string }>("SELECT id FROM tenant_invitations WHERE tenant_id = $1 AND email = $2", [t.id, a]);
    expect(await codeOf(resendInvitation(platformActor(systemCaller("test")), t.id, inv.id)), "Atrium's own scripts are not limited").toBe("ok");
    const owner = memberActor(t.id, await ownerOf(t.id));
    const err = await resendInvitation(owner, t.id, inv.id).catch((e: unknown) => e);
    rateLimited(err);
    expect((err as AppError).message).toMatch(/^Too many invitation emails for this tenant/);
    // An hour on, the tenant may invite again.
    await later(t.id, 60);
    expect((await invite([d])).status).toBe(201);
  });

  it("the server action returns the same error and invites nobody", async () => {
    vi.stubEnv("RATE_LIMIT_INVITATIONS_PER_HOUR", "1");
    const { t, ownerId } = await tenantWithOwner();
    await signInAs(ownerId, t);
    const [a, b] = [`${uniq("a")}@limits.test`, `${uniq("b")}@limits.test`];
    expect(await inviteMembersAction(t.id, { emails: [a], role: "member" })).toMatchObject({ ok: true });
    const r = await inviteMembersAction(t.id, { emails: [b], role: "member" });
    expect(r).toMatchObject({ ok: false, code: "rate_limit_exceeded" });
    expect(!r.ok && r.message).toMatch(/at most 1 per hour\. Try again in \d+ minutes\./);
    expect((await invitationsOf(t.id)).map((x) => x.email)).toEqual([a]);
  });

  it("20 parallel invitations with room for 5: exactly 5 are invited and mailed, the rest get 429, none a 500", async () => {
    vi.stubEnv("RATE_LIMIT_INVITATIONS_PER_HOUR", "5");
    const { t, owner } = await tenantWithOwner();
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => codeOf(inviteMembers(owner, t.id, { emails: [`${uniq(`p${i}`)}@limits.test`], role: "member" }))));
    expect(codes.filter((c) => c === "ok")).toHaveLength(5);
    expect(codes.filter((c) => c === "rate_limit_exceeded")).toHaveLength(15);
    expect(await invitationsOf(t.id)).toHaveLength(5);
    expect(await tenantMails(t.id)).toBe(5);
  });

  it("emails already members or already invited cost nothing; a caller who may not invite learns nothing about the body", async () => {
    vi.stubEnv("RATE_LIMIT_INVITATIONS_PER_HOUR", "1");
    const { t, owner } = await tenantWithOwner();
    const email = `${uniq("once")}@limits.test`;
    await inviteMembers(owner, t.id, { emails: [email], role: "member" });
    const again = await inviteMembers(owner, t.id, { emails: [email], role: "member" });
    expect(again.results[0].status).toBe("already_invited");
    const viewer = await addMember(t.id, "viewer");
    expect(await codeOf(inviteMembers(memberActor(t.id, viewer.id), t.id, { emails: ["not-an-email"], role: 42 }))).toBe("admin_privileges_required");
  });
});
