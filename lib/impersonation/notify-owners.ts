import type { Tx } from "@/lib/db/prisma";
import { primaryDomainHost } from "@/lib/domains/primary-domain";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { escapeHtml } from "@/lib/mail/escape-html";
import type { ImpersonationGrant } from "@/lib/generated/prisma/client";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-base-url";

/** The request mail to each active owner, with the link to the portal's Support access page (built from stored hosts only). */
export async function mailOwnersAboutRequest(tx: Tx, grant: ImpersonationGrant): Promise<number> {
  const tenant = await tx.tenant.findUnique({ where: { id: grant.tenantId }, select: { name: true, slug: true } });
  if (!tenant) return 0;
  const owners = await tx.membership.findMany({ where: { tenantId: grant.tenantId, status: "active", role: "owner" }, select: { user: { select: { email: true, status: true } } } });
  const link = `${tenantBaseUrl({ slug: tenant.slug, primaryDomain: await primaryDomainHost(tx, grant.tenantId) })}/support-access`;
  const mode = grant.mode === "full" ? "full access (everything an owner can do except owners, billing and support access)" : "read-only access";
  const subject = `Atrium support asks to access ${tenant.name}`;
  const text = `${grant.staffEmail} from Atrium support asks for ${mode} to ${tenant.name} for ${grant.durationMinutes} minutes.\n\nReason: ${grant.reason}\nRequest: ${grant.id}\n\nApprove or deny it: ${link}\n`;
  const html = `<p><strong>${escapeHtml(grant.staffEmail)}</strong> from Atrium support asks for ${escapeHtml(mode)} to <strong>${escapeHtml(tenant.name)}</strong> for ${grant.durationMinutes} minutes.</p><p>Reason: ${escapeHtml(grant.reason)}<br>Request: <code>${escapeHtml(grant.id)}</code></p><p><a href="${escapeHtml(link)}">Approve or deny the request</a></p>`;
  let sent = 0;
  for (const o of owners) {
    if (o.user.status !== "active") continue;
    await enqueueMail(tx, { tenantId: grant.tenantId, to: o.user.email, subject, html, text, kind: "impersonation_request" });
    sent++;
  }
  return sent;
}
