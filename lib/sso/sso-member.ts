import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { publishEvent } from "@/lib/events/publish-event";
import type { TenantSsoConnection } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { claimSeats } from "@/lib/invitations/seats";
import { roleExists } from "@/lib/tenant-access/role-permissions";
import { roleForGroups, type SsoIdentity } from "@/lib/sso/sso-claims";
import { SsoRefusal } from "@/lib/sso/sso-refusal";

const userCaller = (id: string, email: string, meta: RequestMeta): Caller => ({ kind: "user", id, label: email, platformRole: null, permissions: new Set(), meta });

/**
 * The member this identity signs in as. An active member is found by email
 * (the provider verified it). Anyone else joins just in time only when the
 * connection allows it and the address is in one of the tenant's verified
 * email domains (DNS-proven, lib/security-policy): a provider must not be able
 * to enrol addresses the tenant has not proven it owns. The account is made
 * without a password; the role comes from the group mapping or the default.
 */
export async function resolveSsoMember(conn: TenantSsoConnection, identity: SsoIdentity, verifiedDomains: readonly string[], meta: RequestMeta, attempt = 1): Promise<{ userId: string; joined: boolean; role: string | null }> {
  const tenantId = conn.tenantId;
  const domain = identity.email.split("@")[1];
  try {
    return await withTenantScope(tenantId, async (tx) => {
      const user = await tx.user.findUnique({ where: { email: identity.email }, select: { id: true, status: true } });
      const membership = user ? await tx.membership.findFirst({ where: { tenantId, userId: user.id }, select: { status: true } }) : null;
      if (user && user.status !== "active") throw new SsoRefusal("member_suspended", `The account ${identity.email} is ${user.status}`, identity.email);
      if (membership) {
        if (membership.status !== "active") throw new SsoRefusal("member_suspended", `The membership of ${identity.email} is ${membership.status}`, identity.email);
        return { userId: user!.id, joined: false, role: null };
      }
      if (!verifiedDomains.includes(domain)) throw new SsoRefusal("email_domain_not_allowed", `${domain} is not a verified email domain of the tenant (verified: ${verifiedDomains.join(", ") || "none"})`, identity.email);
      if (!conn.jitEnabled) throw new SsoRefusal("jit_disabled", `${identity.email} is not a member and just-in-time membership is off`, identity.email);

      await claimSeats(tx, tenantId, 1);
      const role = roleForGroups(conn, identity.groups);
      // A mapped role deleted since the mapping was saved: the default, which the save checked too.
      const joinAs = (await roleExists(tx, tenantId, role)) ? role : conn.defaultRole;
      const userId = user?.id ?? newId("user");
      if (!user) await tx.user.create({ data: { id: userId, email: identity.email, name: identity.name, passwordHash: null } });
      await tx.tenantInvitation.updateMany({ where: { tenantId, email: identity.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
      await tx.membership.create({ data: { tenantId, userId, role: joinAs, status: "active" } });
      await publishEvent(tx, userCaller(userId, identity.email, meta), {
        tenantId,
        action: "member.joined_by_sso",
        targetType: "user",
        targetId: userId,
        targetLabel: identity.email,
        after: { email: identity.email, role: joinAs, account_created: !user, issuer: conn.issuer, groups: identity.groups.slice(0, 50) },
      });
      return { userId, joined: true, role: joinAs };
    });
  } catch (err) {
    if (err instanceof AppError && err.code === "tenant_limit_exceeded") throw new SsoRefusal("seats_full", err.message, identity.email);
    // Two first sign-ins of one new address at once: the loser finds the account the winner made.
    if (attempt === 1 && uniqueViolation(err)) return resolveSsoMember(conn, identity, verifiedDomains, meta, 2);
    throw err;
  }
}

export { userCaller };
