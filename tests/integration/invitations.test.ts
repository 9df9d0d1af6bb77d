import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { withTenantScope } from "@/lib/db/scope";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { inviteMembers, type InviteResult } from "@/lib/invitations/invite-members";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { makeTenant, uniq } from "../support/fixtures";
import { auditEvents, ownerQuery } from "../support/db";
import { addMember, codeOf, memberActor, membership, ownerOf, setUserLimit } from "../support/tenant-members";

async function tenantWithOwner() {
  const t = await makeTenant();
  return { t, owner: memberActor(t.id, await ownerOf(t.id)) };
}

function invited(r: InviteResult) {
  if (r.status !== "invited") throw new Error(`expected an invitation for ${r.email}, got ${r.status}`);
  return r;
}

async function inviteOne(role = "member", email = `${uniq("inv")}@invite.test`) {
  const { t, owner } = await tenantWithOwner();
  const r = invited((await inviteMembers(owner, t.id, { emails: [email], role })).results[0]);
  return { t, owner, email, token: r.token, invitation: r.invitation };
}

describe("inviteMembers", () => {
  it("invites many emails with one role: deduped, lowercased, members and pending invitees refused per email", async () => {
    const { t, owner } = await tenantWithOwner();
    const existing = await addMember(t.id, "viewer");
    const first = await inviteMembers(owner, t.id, { emails: ["Pat@Example.test"], role: "viewer" });
    const { results } = await inviteMembers(owner, t.id, { emails: ["new1@example.test", "NEW1@example.test", existing.email, "pat@example.test", "new2@example.test"], role: "manager" });
    expect(results.map((r) => [r.email, r.status])).toEqual([
      ["new1@example.test", "invited"],
      [existing.email, "already_member"],
      ["pat@example.test", "already_invited"],
      ["new2@example.test", "invited"],
    ]);
    expect(invited(first.results[0]).invitation).toMatchObject({ email: "pat@example.test", role: "viewer", status: "pending" });
    const expires = Date.parse(invited(results[0]).invitation.expires_at) - Date.now();
    expect(expires).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(expires).toBeLessThanOrEqual(7 * 86_400_000);
    expect((await auditEvents(invited(results[0]).invitation.id, "member.invited"))[0]).toMatchObject({ tenant_id: t.id, after: { email: "new1@example.test", role: "manager" } });
  });

  it("issues 256-bit tokens stored only as their SHA-256 digest; the plaintext is nowhere in the database but the unsent mail's body", async () => {
    const { token, invitation } = await inviteOne();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const [row] = await ownerQuery<{ token_hash: string }>("SELECT token_hash FROM tenant_invitations WHERE id = $1", [invitation.id]);
    expect(row.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(invitation)).not.toContain(token);
    const tables = await ownerQuery<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    for (const { table_name } of tables) {
      // The invitation email has to carry the link; its body is cleared once sent (tests/integration/mail.test.ts).
      const row = table_name === "mail_outbox" ? "(to_jsonb(x) - 'html' - 'text')" : "x";
      const hits = await ownerQuery(`SELECT 1 FROM "${table_name}" x WHERE ${row}::text LIKE $1 LIMIT 1`, [`%${token}%`]);
      expect(hits, table_name).toEqual([]);
    }
  });

  it("refuses roles the inviter could not grant, and unknown roles", async () => {
    const { t } = await tenantWithOwner();
    const manager = memberActor(t.id, (await addMember(t.id, "manager")).id);
    expect(await codeOf(inviteMembers(manager, t.id, { emails: ["x@y.test"], role: "admin" }))).toBe("admin_privileges_required");
    expect(await codeOf(inviteMembers(manager, t.id, { emails: ["x@y.test"], role: "owner" }))).toBe("admin_privileges_required");
    expect(await codeOf(inviteMembers(manager, t.id, { emails: ["x@y.test"], role: "role_none" }))).toBe("invalid_request");
    expect(await codeOf(inviteMembers(manager, t.id, { emails: ["not-an-email"], role: "member" }))).toBe("invalid_request");
    expect(await codeOf(inviteMembers(manager, t.id, { emails: [], role: "member" }))).toBe("invalid_request");
    expect(await codeOf(inviteMembers(manager, t.id, { emails: ["x@y.test"], role: "member" }))).toBe("ok");
  });

  it("holds the seat limit at invite time: active members plus pending invitations (429 tenant_limit_exceeded)", async () => {
    const { t, owner } = await tenantWithOwner();
    await addMember(t.id, "viewer", { status: "suspended" }); // holds no seat
    await setUserLimit(t.id, 3); // owner + 2
    const err = await inviteMembers(owner, t.id, { emails: ["a@seat.test", "b@seat.test", "c@seat.test"], role: "member" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "tenant_limit_exceeded", status: 429 });
    expect(await codeOf(inviteMembers(owner, t.id, { emails: ["a@seat.test", "b@seat.test"], role: "member" }))).toBe("ok");
    expect(await codeOf(inviteMembers(owner, t.id, { emails: ["c@seat.test"], role: "member" }))).toBe("tenant_limit_exceeded");
    await setUserLimit(t.id, null);
    expect(await codeOf(inviteMembers(owner, t.id, { emails: ["c@seat.test"], role: "member" }))).toBe("ok");
  });
});

describe("acceptInvitation", () => {
  it("links an existing account whose email matches case-insensitively, once", async () => {
    const email = `${uniq("case")}@invite.test`;
    const { t, token, invitation } = await inviteOne("manager", email.toUpperCase());
    const user = await addMember((await makeTenant()).id, "viewer", { email }); // an account from another tenant
    const r = await acceptInvitation({ token, signedInUserId: user.id });
    expect(r).toEqual({ tenant_id: t.id, user_id: user.id, email, role: "manager", account_created: false });
    expect(await membership(t.id, user.id)).toEqual({ role: "manager", status: "active" });
    expect((await auditEvents(user.id, "member.joined")).find((e) => e.tenant_id === t.id)).toMatchObject({ actor_id: user.id, after: { invitation_id: invitation.id } });
    expect(await codeOf(acceptInvitation({ token, signedInUserId: user.id }))).toBe("invalid_state");
  });

  it("refuses a user signed in with another email", async () => {
    const { t, token } = await inviteOne();
    const other = await addMember((await makeTenant()).id, "viewer");
    const err = await acceptInvitation({ token, signedInUserId: other.id }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "tenant_access_denied", status: 403 });
    expect(await membership(t.id, other.id)).toBeUndefined();
  });

  it("creates the account with a hashed password, and refuses to overwrite an existing account", async () => {
    const { t, token, email } = await inviteOne("viewer");
    const r = await acceptInvitation({ token, name: "New Person", password: "correct horse battery" });
    expect(r).toMatchObject({ tenant_id: t.id, email, role: "viewer", account_created: true });
    const [u] = await ownerQuery<{ name: string; password_hash: string }>("SELECT name, password_hash FROM users WHERE id = $1", [r.user_id]);
    expect(u.name).toBe("New Person");
    expect(await verifyPassword("correct horse battery", u.password_hash)).toBe(true);

    const again = await inviteOne("viewer", email);
    expect(await codeOf(acceptInvitation({ token: again.token, name: "Thief", password: "another long password" }))).toBe("invalid_state");
  });

  it("refuses expired, revoked, unknown and malformed tokens", async () => {
    const exp = await inviteOne();
    await ownerQuery("UPDATE tenant_invitations SET expires_at = now() - interval '1 second' WHERE id = $1", [exp.invitation.id]);
    const user = await addMember((await makeTenant()).id, "viewer", { email: exp.email });
    expect(await acceptInvitation({ token: exp.token, signedInUserId: user.id }).catch((e: { message: string }) => e.message)).toMatch(/expired/);
    expect((await listInvitations(exp.owner, exp.t.id)).invitations.map((i) => [i.id, i.status])).toEqual([[exp.invitation.id, "expired"]]);

    const rev = await inviteOne();
    expect((await revokeInvitation(rev.owner, rev.t.id, rev.invitation.id)).invitation.status).toBe("revoked");
    expect(await codeOf(acceptInvitation({ token: rev.token, name: "N", password: "long enough password" }))).toBe("invalid_state");
    expect((await listInvitations(rev.owner, rev.t.id)).invitations).toEqual([]);
    expect((await auditEvents(rev.invitation.id, "invitation.revoked"))).toHaveLength(1);

    expect(await codeOf(acceptInvitation({ token: "x".repeat(43), name: "N", password: "long enough password" }))).toBe("not_found");
    expect(await codeOf(acceptInvitation({ token: "short", name: "N", password: "long enough password" }))).toBe("invalid_request");
    expect(await codeOf(acceptInvitation({ token: rev.token }))).toBe("invalid_request");
  });

  it("resend issues a new token and kills the old one", async () => {
    const { t, owner, token, invitation, email } = await inviteOne();
    const r = await resendInvitation(owner, t.id, invitation.id);
    expect(r.token).not.toBe(token);
    expect(r.invitation).toMatchObject({ id: invitation.id, status: "pending" });
    const user = await addMember((await makeTenant()).id, "viewer", { email });
    expect(await codeOf(acceptInvitation({ token, signedInUserId: user.id }))).toBe("not_found");
    expect(await codeOf(acceptInvitation({ token: r.token, signedInUserId: user.id }))).toBe("ok");
    expect(await auditEvents(invitation.id, "invitation.resent")).toHaveLength(1);
    expect(await codeOf(resendInvitation(owner, t.id, invitation.id))).toBe("invalid_state");
    expect(await codeOf(revokeInvitation(owner, t.id, invitation.id))).toBe("invalid_state");
  });

  it("refuses accepts while the tenant is not active", async () => {
    const { t, token, email } = await inviteOne();
    const user = await addMember((await makeTenant()).id, "viewer", { email });
    await ownerQuery("UPDATE tenants SET status = 'suspended' WHERE id = $1", [t.id]);
    expect(await codeOf(acceptInvitation({ token, signedInUserId: user.id }))).toBe("tenant_suspended");
    await ownerQuery("UPDATE tenants SET status = 'active' WHERE id = $1", [t.id]);
    expect(await codeOf(acceptInvitation({ token, signedInUserId: user.id }))).toBe("ok");
  });

  it("resend validates its options and can shorten the expiry", async () => {
    const { t, owner, invitation } = await inviteOne();
    expect(await codeOf(resendInvitation(owner, t.id, invitation.id, { expires_in_days: 0 }))).toBe("invalid_request");
    const r = await resendInvitation(owner, t.id, invitation.id, { expires_in_days: 1 });
    expect(Date.parse(r.invitation.expires_at) - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it("holds the seat limit at accept time", async () => {
    const { t, token, email } = await inviteOne();
    await setUserLimit(t.id, 1); // lowered after the invitation: the owner fills it
    const user = await addMember((await makeTenant()).id, "viewer", { email });
    const err = await acceptInvitation({ token, signedInUserId: user.id }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "tenant_limit_exceeded", status: 429 });
    expect(await membership(t.id, user.id)).toBeUndefined();
    await setUserLimit(t.id, 2);
    expect(await codeOf(acceptInvitation({ token, signedInUserId: user.id }))).toBe("ok");
  });

  it("20 concurrent accepts of one token yield exactly one membership and 19 clean errors", async () => {
    const { t, token, email } = await inviteOne();
    const user = await addMember((await makeTenant()).id, "viewer", { email });
    const codes = await Promise.all(Array.from({ length: 20 }, () => codeOf(acceptInvitation({ token, signedInUserId: user.id }))));
    expect(codes.filter((c) => c === "ok")).toHaveLength(1);
    expect(codes.filter((c) => c === "invalid_state")).toHaveLength(19);
    expect(await ownerQuery("SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2", [t.id, user.id])).toHaveLength(1);
    expect((await auditEvents(user.id, "member.joined")).filter((e) => e.tenant_id === t.id)).toHaveLength(1);
  });
});

describe("RLS", () => {
  it("tenant B's invitations are invisible and unreachable in tenant A's scope", async () => {
    const a = await tenantWithOwner();
    const b = await inviteOne();
    expect(await withTenantScope(a.t.id, (tx) => tx.tenantInvitation.findMany())).toEqual([]);
    expect(await withTenantScope(a.t.id, (tx) => tx.$queryRaw`SELECT id FROM tenant_invitations WHERE id = ${b.invitation.id}`)).toEqual([]);
    expect(await codeOf(revokeInvitation(a.owner, a.t.id, b.invitation.id))).toBe("not_found");
    expect(await codeOf(resendInvitation(a.owner, a.t.id, b.invitation.id))).toBe("not_found");
    expect(await codeOf(revokeInvitation(a.owner, b.t.id, b.invitation.id))).toBe("cross_tenant_access_denied");
  });
});
