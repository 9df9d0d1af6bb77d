import { beforeAll, describe, expect, it, vi } from "vitest";

// The accept actions read the request through next/headers: here a real
// request's headers (host, Origin and, when signed in, a member session cookie).
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ toString: () => request.headers.get("cookie") ?? "" }),
}));

import { acceptInvitationAction, acceptWithExistingAccountAction } from "@/app/t/[slug]/invite/[token]/accept-action";
import { NO_META } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { inviteMembers, type InviteResult } from "@/lib/invitations/invite-members";
import { ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { addMember, codeOf, memberActor, membership, ownerOf } from "../support/tenant-members";
import { sessionTokenForClaims } from "../support/session-cookie";

// Issue 8: the accept page refused a different signed-in member, but the server
// actions behind it did not check: a member holding someone else's link could
// create the invitee's account (with a password of their choosing) or link it.

const PASSWORD = "the invitee's own password";
const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;
let T: { id: string; slug: string };
let passwordHash: string;

beforeAll(async () => {
  [T, passwordHash] = await Promise.all([makeTenant(), hashPassword(PASSWORD)]);
});

function invited(r: InviteResult) {
  if (r.status !== "invited") throw new Error(`expected an invitation for ${r.email}, got ${r.status}`);
  return r;
}

async function invite(email: string) {
  return invited((await inviteMembers(memberActor(T.id, await ownerOf(T.id)), T.id, { emails: [email], role: "member" })).results[0]).token;
}

/** The next action call comes from this tenant's page, signed in as `userId` (or nobody). */
async function onHost(userId: string | null) {
  const headers = new Headers({ host: hostOf(T), origin: `http://${hostOf(T)}` });
  if (userId) headers.set("cookie", `next-auth.session-token=${await sessionTokenForClaims({ sub: userId, host: hostOf(T), kind: "member", tenantId: T.id })}`);
  request.headers = headers;
}

const accountOf = async (email: string) => (await ownerQuery<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]))[0] ?? null;
const acceptedAt = async (email: string) => (await ownerQuery<{ accepted_at: Date | null }>("SELECT accepted_at FROM tenant_invitations WHERE tenant_id = $1 AND email = $2", [T.id, email]))[0].accepted_at;

describe("accepting while someone else is signed in on the tenant's host", () => {
  it("a different signed-in member cannot create the invitee's account; signed out, the invitee can", async () => {
    const email = `${uniq("new")}@accept.test`;
    const token = await invite(email);
    const other = await addMember(T.id, "admin");
    await onHost(other.id);
    const r = await acceptInvitationAction(T.slug, token, { name: "Not Me", password: "a password I chose for them" });
    expect(r).toMatchObject({ ok: false, code: "tenant_access_denied" });
    expect(!r.ok && r.message).toContain(`You are signed in as ${other.email}`);
    expect(await accountOf(email), "no account was created").toBeNull();
    expect(await acceptedAt(email)).toBeNull();

    await onHost(null);
    expect(await acceptInvitationAction(T.slug, token, { name: "Invitee", password: "the invitee's own choice" })).toMatchObject({ ok: true, data: { email } });
  });

  it("a different signed-in member cannot link the invitee's existing account, even with its password, and no sign-in attempt is spent", async () => {
    const email = `${uniq("old")}@accept.test`;
    await ownerQuery("INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, 'Existing', $3)", [uniq("user_"), email, passwordHash]);
    const token = await invite(email);
    const other = await addMember(T.id, "member");
    await onHost(other.id);
    expect(await acceptWithExistingAccountAction(T.slug, token, { password: PASSWORD })).toMatchObject({ ok: false, code: "tenant_access_denied" });
    const account = await accountOf(email);
    expect(await membership(T.id, account.id)).toBeUndefined();
    expect(await ownerQuery("SELECT 1 FROM rate_limit_buckets WHERE key = $1", [`signin-fail:${email}`]), "refused before the password was tried").toEqual([]);

    await onHost(null);
    expect(await acceptWithExistingAccountAction(T.slug, token, { password: PASSWORD })).toMatchObject({ ok: true, data: { email } });
    expect(await membership(T.id, account.id)).toMatchObject({ role: "member", status: "active" });
  });

  it("a suspended member's session counts as signed in too", async () => {
    const email = `${uniq("susp")}@accept.test`;
    const token = await invite(email);
    const paused = await addMember(T.id, "member", { status: "suspended" });
    await onHost(paused.id);
    expect(await acceptInvitationAction(T.slug, token, { name: "Not Me", password: "a password I chose for them" })).toMatchObject({ ok: false, code: "tenant_access_denied" });
    expect(await accountOf(email)).toBeNull();
  });

  it("the service itself refuses a session of someone else, and accepts the invitee's own", async () => {
    const email = `${uniq("svc")}@accept.test`;
    const id = uniq("user_");
    await ownerQuery("INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, 'Invitee', $3)", [id, email, passwordHash]);
    const token = await invite(email);
    const other = await addMember(T.id, "viewer");
    expect(await codeOf(acceptInvitation({ token, signedInUserId: id }, NO_META, { expectedTenantId: T.id, sessionUserId: other.id }))).toBe("tenant_access_denied");
    const fresh = `${uniq("svc-new")}@accept.test`;
    const freshToken = await invite(fresh);
    expect(await codeOf(acceptInvitation({ token: freshToken, name: "Not Me", password: "long enough password" }, NO_META, { expectedTenantId: T.id, sessionUserId: other.id }))).toBe("tenant_access_denied");
    expect(await accountOf(fresh)).toBeNull();
    expect(await codeOf(acceptInvitation({ token, signedInUserId: id }, NO_META, { expectedTenantId: T.id, sessionUserId: id }))).toBe("ok");
  });
});

// Issue 9: the accept form ties each server error to its field, so the actions must name the field.
describe("the accept actions name the field that is wrong", () => {
  it("a short password and a blank name come back per field, and nothing is accepted", async () => {
    const email = `${uniq("fields")}@accept.test`;
    const token = await invite(email);
    await onHost(null);
    const r = await acceptInvitationAction(T.slug, token, { name: "   ", password: "short" });
    expect(r).toMatchObject({ ok: false, code: "invalid_request", fieldErrors: { name: "Name is required", password: "Password must be at least 12 characters" } });
    expect(await accountOf(email)).toBeNull();
    expect(await acceptedAt(email)).toBeNull();
  });

  it("a wrong password for an existing account is the password field's error", async () => {
    const email = `${uniq("wrongpw")}@accept.test`;
    await ownerQuery("INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, 'Existing', $3)", [uniq("user_"), email, passwordHash]);
    const token = await invite(email);
    await onHost(null);
    const r = await acceptWithExistingAccountAction(T.slug, token, { password: "not the password at all" });
    expect(r).toMatchObject({ ok: false, code: "authentication_required" });
    expect(!r.ok && r.fieldErrors.password).toMatch(/password is not right/);
    expect(await acceptedAt(email)).toBeNull();
  });
});
