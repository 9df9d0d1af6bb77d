import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { inviteMembersSchema } from "@/lib/schemas/invitations";
import { requireHolds, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { authorizeTenantChange } from "@/lib/tenant-access/tenant-lock";
import { roleExists, rolePermissions } from "@/lib/tenant-access/role-permissions";
import { claimSeats } from "@/lib/invitations/seats";
import { DAY_MS, hashInvitationToken, newInvitationId, newInvitationToken } from "@/lib/invitations/invitation-token";
import { serializeInvitation } from "@/lib/invitations/serialize-invitation";
import { assertEmailDomainsAllowed } from "@/lib/security-policy/assert-email-domain-allowed";
import { enqueueInvitationEmails, type InvitationToMail } from "@/lib/invitations/enqueue-invitation-emails";
import { takeInvitationMails } from "@/lib/invitations/invitation-rate-limits";
import { deliverMailNow } from "@/lib/mail/deliver-pending-mail";

export type InviteResult =
  | { email: string; status: "invited"; invitation: ReturnType<typeof serializeInvitation>; token: string }
  | { email: string; status: "already_member" | "already_invited"; message: string };

/**
 * Invites each distinct email with one role. The invitations keep only token
 * digests; each plaintext token leaves in its invitation email (queued in the
 * same transaction, sent right after commit) and in the return value.
 * All or nothing: a batch the seats or the tenant's hourly invitation emails
 * cannot cover is refused as a whole.
 */
export async function inviteMembers(actor: TenantActor, tenantId: string, input: unknown): Promise<{ results: InviteResult[] }> {
  const { results, mailIds } = await withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenantChange(actor, tenantId, "members:invite", tx);
    // Parsed once the caller may invite: others learn nothing about the body's rules.
    const body = parseOrThrow(inviteMembersSchema, input);
    const emails = [...new Set(body.emails)];
    await assertEmailDomainsAllowed(tx, tenantId, body.emails.map((email, i) => ({ email, path: `emails.${i}` })));
    if (!(await roleExists(tx, tenantId, body.role))) throw new AppError("invalid_request", `Unknown role ${body.role}`, [{ path: "role", message: "Unknown role" }]);
    requireHolds(access, await rolePermissions(tx, tenantId, body.role), "invite people with this role");
    const now = new Date();
    const [members, pending] = await Promise.all([
      tx.membership.findMany({ where: { tenantId, user: { email: { in: emails } } }, select: { user: { select: { email: true } } } }),
      tx.tenantInvitation.findMany({ where: { tenantId, email: { in: emails }, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, select: { email: true } }),
    ]);
    const memberEmails = new Set(members.map((m) => m.user.email));
    const pendingEmails = new Set(pending.map((p) => p.email));
    const fresh = emails.filter((e) => !memberEmails.has(e) && !pendingEmails.has(e));
    await claimSeats(tx, tenantId, fresh.length);
    await takeInvitationMails(tx, actor, tenantId, fresh.length);
    // The tenant lock (authorizeTenantChange) makes the checks above hold until commit.
    const results: InviteResult[] = [];
    const mails: InvitationToMail[] = [];
    for (const email of emails) {
      if (memberEmails.has(email)) {
        results.push({ email, status: "already_member", message: "Already a member of this tenant" });
        continue;
      }
      if (pendingEmails.has(email)) {
        results.push({ email, status: "already_invited", message: "Already has a pending invitation; resend it instead" });
        continue;
      }
      const token = newInvitationToken();
      const row = await tx.tenantInvitation.create({
        data: { tenantId, id: newInvitationId(), email, role: body.role, tokenHash: hashInvitationToken(token), invitedById: access.auditCaller.id, expiresAt: new Date(now.getTime() + body.expires_in_days * DAY_MS) },
      });
      await publishEvent(tx, access.auditCaller, { tenantId, action: "member.invited", targetType: "invitation", targetId: row.id, targetLabel: email, after: { email, role: body.role, expires_at: row.expiresAt.toISOString() } });
      results.push({ email, status: "invited", invitation: serializeInvitation(row), token });
      mails.push({ email, role: body.role, expiresAt: row.expiresAt, token });
    }
    return { results, mailIds: await enqueueInvitationEmails(tx, tenantId, access.auditCaller, mails) };
  });
  await deliverMailNow(mailIds);
  return { results };
}

/** For API responses: the link goes out by email, so the plaintext token never leaves the server here. */
export const withoutTokens = (r: { results: InviteResult[] }) => ({
  results: r.results.map((x) => (x.status === "invited" ? { email: x.email, status: x.status, invitation: x.invitation } : x)),
});
