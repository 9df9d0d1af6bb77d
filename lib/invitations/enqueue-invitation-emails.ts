import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { primaryDomainHost } from "@/lib/domains/primary-domain";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { invitationEmail } from "@/lib/mail/invitation-email";
import { roleName } from "@/lib/tenant-access/role-permissions";

export type InvitationToMail = { email: string; role: string; expiresAt: Date; token: string };

/**
 * Queues one invitation email per invitation in the inviting transaction.
 * The mail body is the one place the plaintext token is written: it has to
 * travel to the invitee somehow. tenant_invitations still holds only digests;
 * delivery clears the body once the SMTP server has the mail, and only the
 * SMTP-less dev outbox keeps it (so the link can be clicked from the console).
 * Returns the mail ids, for delivery right after commit.
 */
export async function enqueueInvitationEmails(tx: Tx, tenantId: string, inviter: Caller, invitations: InvitationToMail[]): Promise<string[]> {
  if (!invitations.length) return [];
  // The link's host comes from the stored tenant, never from the request.
  const tenant = {
    ...(await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, slug: true, branding: true } })),
    // The verified primary custom domain when there is one, else <slug>.<root>.
    primaryDomain: await primaryDomainHost(tx, tenantId),
  };
  const user = inviter.kind === "user" ? await tx.user.findUnique({ where: { id: inviter.id }, select: { name: true } }) : null;
  const inviterLabel = user?.name.trim() || inviter.label;
  const roleNames = new Map<string, string>();
  const ids: string[] = [];
  for (const inv of invitations) {
    if (!roleNames.has(inv.role)) roleNames.set(inv.role, await roleName(tx, tenantId, inv.role));
    const mail = invitationEmail({ tenant, inviterLabel, roleName: roleNames.get(inv.role)!, expiresAt: inv.expiresAt, token: inv.token });
    ids.push(await enqueueMail(tx, { tenantId, to: inv.email, subject: mail.subject, html: mail.html, text: mail.text, kind: "invitation" }));
  }
  return ids;
}
