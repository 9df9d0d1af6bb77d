import { NO_META, type Caller, type RequestMeta } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { publishEvent } from "@/lib/events/publish-event";
import { db } from "@/lib/db/prisma";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { acceptInvitationSchema } from "@/lib/schemas/invitations";
import { roleExists } from "@/lib/tenant-access/role-permissions";
import { claimSeats } from "@/lib/invitations/seats";
import { lockTenant } from "@/lib/tenant-access/tenant-lock";
import { lockInvitation } from "@/lib/invitations/lock-invitation";
import { hashInvitationToken } from "@/lib/invitations/invitation-token";
import { invitationStatus } from "@/lib/invitations/serialize-invitation";

const invalid = () => new AppError("not_found", "This invitation does not exist or is no longer valid");

export const signedInAsSomeoneElse = (email: string) =>
  new AppError("tenant_access_denied", `You are signed in as ${email}, and this invitation is for someone else. Sign out, then open the link again to accept it with the invited address.`);

/**
 * Turns an invitation into a membership, for the signed-in user (whose email
 * must match) or for a new account. The invitation row is locked, so of many
 * concurrent accepts exactly one succeeds and the rest see it already used.
 * `sessionUserId`: who holds a session on the host the request came to. Someone
 * signed in as another person may hold the link (a shared screen, a forwarded
 * mail), but must not create the invitee's account or link it to theirs.
 */
export async function acceptInvitation(input: unknown, meta: RequestMeta = NO_META, opts: { expectedTenantId?: string; sessionUserId?: string | null } = {}) {
  const body = parseOrThrow(acceptInvitationSchema, input);
  const tokenHash = hashInvitationToken(body.token);
  // No tenant is known yet: a SECURITY DEFINER function maps the digest to its tenant and nothing more.
  const found = await db().$queryRaw<{ tenant_id: string | null }[]>`SELECT atrium_invitation_tenant(${tokenHash}) AS tenant_id`;
  const tenantId = found[0]?.tenant_id;
  // On a tenant's host only that tenant's invitations exist.
  if (!tenantId || (opts.expectedTenantId && tenantId !== opts.expectedTenantId)) throw invalid();

  return withTenantScope(tenantId, async (tx) => {
    await lockTenant(tx, tenantId); // before the invitation, in the order every membership change locks
    const inv = await lockInvitation(tx, tenantId, { tokenHash });
    const status = invitationStatus(inv);
    if (status === "accepted") throw new AppError("invalid_state", "This invitation has already been used", { status });
    if (status === "revoked") throw new AppError("invalid_state", "This invitation was revoked", { status });
    if (status === "expired") throw new AppError("invalid_state", "This invitation has expired; ask for a new one", { status });
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
    if (tenant?.status !== "active") throw new AppError("tenant_suspended", "This organisation is not active; invitations cannot be accepted now");
    if (opts.sessionUserId) {
      const signedIn = await tx.user.findUnique({ where: { id: opts.sessionUserId }, select: { email: true } });
      if (signedIn && signedIn.email.toLowerCase() !== inv.email) throw signedInAsSomeoneElse(signedIn.email);
    }

    let user: { id: string; email: string; name: string };
    let created = false;
    if ("signedInUserId" in body) {
      const u = await tx.user.findUnique({ where: { id: body.signedInUserId }, select: { id: true, email: true, name: true, status: true } });
      if (!u || u.status !== "active") throw new AppError("authentication_required", "Sign in to accept this invitation");
      if (u.email.toLowerCase() !== inv.email) throw new AppError("tenant_access_denied", "This invitation was sent to a different email address; sign in with that address to accept it");
      user = u;
    } else {
      // Setting a password on an existing account would let a token holder take it over.
      const existing = await tx.user.findUnique({ where: { email: inv.email }, select: { id: true } });
      if (existing) throw new AppError("invalid_state", "An account with this email already exists; sign in to accept the invitation");
      user = { id: newId("user"), email: inv.email, name: body.name };
      created = true;
    }

    if (await tx.membership.findFirst({ where: { tenantId, userId: user.id }, select: { userId: true } })) {
      throw new AppError("invalid_state", "You are already a member of this tenant");
    }
    await claimSeats(tx, tenantId, 1, { exceptInvitationId: inv.id });
    if (!(await roleExists(tx, tenantId, inv.role))) throw new AppError("invalid_state", "The role of this invitation no longer exists; ask for a new invitation");

    if (created && !("signedInUserId" in body)) {
      // Hashed only here, under the lock, so the losers of a race never pay for scrypt.
      await tx.user.create({ data: { ...user, passwordHash: await hashPassword(body.password) } }).catch((e: unknown) => {
        // Another tenant's invitation for the same email created the account a moment ago.
        if (uniqueViolation(e) === "users_email_key") throw new AppError("invalid_state", "An account with this email already exists; sign in to accept the invitation");
        throw e;
      });
    }
    await tx.membership.create({ data: { tenantId, userId: user.id, role: inv.role, status: "active" } });
    // The invitation link reached the address: an account created unverified (a direct add by staff) is verified now.
    if (!created) await tx.user.updateMany({ where: { id: user.id, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } });
    await tx.tenantInvitation.update({ where: { tenantId_id: { tenantId, id: inv.id } }, data: { acceptedAt: new Date() } });
    const actor: Caller = { kind: "user", id: user.id, label: user.email, platformRole: null, permissions: new Set(), meta };
    await publishEvent(tx, actor, { tenantId, action: "member.joined", targetType: "user", targetId: user.id, targetLabel: user.email, after: { email: user.email, role: inv.role, invitation_id: inv.id, account_created: created } });
    return { tenant_id: tenantId, user_id: user.id, email: user.email, role: inv.role, account_created: created };
  });
}
