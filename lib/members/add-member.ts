import { sendEmailVerification } from "@/lib/auth/email-verification/send-email-verification";
import { hashPassword } from "@/lib/auth/password";
import { publishEvent } from "@/lib/events/publish-event";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { claimSeats } from "@/lib/invitations/seats";
import { assertEmailDomainsAllowed } from "@/lib/security-policy/assert-email-domain-allowed";
import { addMemberSchema } from "@/lib/schemas/members";
import { requireHolds, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { authorizeTenantChange } from "@/lib/tenant-access/tenant-lock";
import { roleExists, roleName, rolePermissions } from "@/lib/tenant-access/role-permissions";
import { MEMBER_SELECT, serializeMember } from "@/lib/members/serialize-member";

const accountExists = () =>
  new AppError("invalid_state", "An account with this email already exists; omit password to add it to this tenant", [{ path: "user.password", message: "Only for a new account" }]);

/**
 * Adds an existing account (by email) to the tenant, or creates the account
 * and adds it, without an invitation. A pending invitation for the same email
 * is revoked (the person is now a member). Never sets a password on an
 * existing account. Platform callers only: a tenant's own admins and keys
 * invite, because adding someone directly would let them create (or enrol)
 * an account for an address they do not own.
 */
export async function addMember(actor: TenantActor, tenantId: string, input: unknown) {
  if (actor.kind !== "platform") throw new AppError("admin_privileges_required", "Members join through invitations; adding an account directly is for platform staff", { permission: "tenants:update" });
  const { user: body } = parseOrThrow(addMemberSchema, input);
  // scrypt outside the transaction, so no row lock waits on it.
  const passwordHash = body.password === undefined ? null : await hashPassword(body.password);
  // Staff typing someone's address proves nothing about it; an operator's own script (the seed, the CLI) is trusted.
  const typedByStaff = actor.caller.kind === "user";
  const result = await withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenantChange(actor, tenantId, "members:invite", tx);
    if (!(await roleExists(tx, tenantId, body.role))) throw new AppError("invalid_request", `Unknown role ${body.role}`, [{ path: "user.role", message: "Unknown role" }]);
    requireHolds(access, await rolePermissions(tx, tenantId, body.role), "add people with this role");
    await assertEmailDomainsAllowed(tx, tenantId, [{ email: body.email, path: "user.email" }]);

    const existing = await tx.user.findUnique({ where: { email: body.email }, select: { id: true, email: true, name: true } });
    if (existing && passwordHash !== null) throw accountExists();
    if (existing && (await tx.membership.findFirst({ where: { tenantId, userId: existing.id }, select: { userId: true } }))) {
      throw new AppError("invalid_state", `${body.email} is already a member of this tenant`, [{ path: "user.email", message: "Already a member" }]);
    }
    if (!existing && body.name === undefined) throw new AppError("invalid_request", "user.name: Name is required for a new account", [{ path: "user.name", message: "Required for a new account" }]);

    const revoked = await tx.tenantInvitation.updateMany({ where: { tenantId, email: body.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    await claimSeats(tx, tenantId, 1);

    const user = existing ?? { id: newId("user"), email: body.email, name: body.name! };
    if (!existing) {
      // Unverified until the link mailed below is used.
      await tx.user.create({ data: { ...user, passwordHash, emailVerifiedAt: typedByStaff ? null : new Date() } }).catch((e: unknown) => {
        if (uniqueViolation(e) === "users_email_key") throw new AppError("invalid_state", "An account with this email was created a moment ago; try again", [{ path: "user.email", message: "Just taken" }]);
        throw e;
      });
    }
    const row = await tx.membership.create({ data: { tenantId, userId: user.id, role: body.role, status: "active", profile: body.profile, preferences: body.preferences }, select: MEMBER_SELECT });
    await publishEvent(tx, access.auditCaller, {
      tenantId,
      action: "member.joined",
      targetType: "user",
      targetId: user.id,
      targetLabel: user.email,
      after: { email: user.email, role: body.role, added_directly: true, account_created: !existing, invitations_revoked: revoked.count },
    });
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { id: true, slug: true, name: true, branding: true } });
    return { member: serializeMember(row, await roleName(tx, tenantId, body.role)), account_created: !existing, user, tenant };
  });
  // A new account's address is unproven until the link mailed to it is used (after commit: the token refers to the account).
  if (result.account_created && typedByStaff) {
    const { tenant } = result;
    await sendEmailVerification(result.user, { kind: "tenant", tenant }, (tenant.branding as { company_name?: string } | null)?.company_name ?? tenant.name);
  }
  return { member: result.member, account_created: result.account_created };
}
