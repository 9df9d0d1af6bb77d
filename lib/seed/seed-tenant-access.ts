import { systemCaller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { inviteMembers } from "@/lib/invitations/invite-members";
import { createRole } from "@/lib/roles/create-role";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Demo roles and invitations for one tenant: a custom role, a pending and an
 * expired invitation. Safe to run twice: each is made only if it is missing.
 * The tokens are thrown away; the demo never accepts these invitations.
 */
export async function seedTenantAccessDemo(tenantId: string, domain: string): Promise<void> {
  const actor: TenantActor = { kind: "platform", caller: systemCaller("seed") };
  const pendingEmail = `new.hire@${domain}`;
  const expiredEmail = `late.reply@${domain}`;
  const have = await withTenantScope(tenantId, async (tx) => ({
    role: await tx.tenantRole.count({ where: { tenantId, name: "Support" } }),
    invited: new Set((await tx.tenantInvitation.findMany({ where: { tenantId, email: { in: [pendingEmail, expiredEmail] } }, select: { email: true } })).map((i) => i.email)),
  }));
  let supportRole = "member";
  if (!have.role) {
    supportRole = (await createRole(actor, tenantId, { name: "Support", description: "Helps customers: sees members, usage, branding and the audit log", permissions: ["members:read", "usage:read", "branding:read", "audit:read"] })).role.id;
  }
  if (!have.invited.has(pendingEmail)) await inviteMembers(actor, tenantId, { emails: [pendingEmail], role: supportRole });
  if (!have.invited.has(expiredEmail)) {
    await inviteMembers(actor, tenantId, { emails: [expiredEmail], role: "viewer" });
    // Backdated as if sent eight days ago with the default seven-day expiry.
    await withTenantScope(tenantId, (tx) =>
      tx.tenantInvitation.updateMany({ where: { tenantId, email: expiredEmail }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000), expiresAt: new Date(Date.now() - 86_400_000) } }),
    );
  }
}
