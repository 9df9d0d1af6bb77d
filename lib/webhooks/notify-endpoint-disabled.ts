import type { Tx } from "@/lib/db/prisma";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { escapeHtml } from "@/lib/mail/escape-html";
import { rolePermissions } from "@/lib/tenant-access/role-permissions";

export type DisabledEndpoint = { id: string; tenantId: string | null; url: string; failingSince: Date };

/** Who can fix it: the tenant's active members holding webhooks:manage, or the platform's admins for a platform endpoint. */
async function recipients(tx: Tx, tenantId: string | null): Promise<string[]> {
  if (tenantId === null) return (await tx.user.findMany({ where: { platformRole: "admin", status: "active" }, select: { email: true } })).map((u) => u.email);
  const members = await tx.membership.findMany({ where: { tenantId, status: "active" }, select: { role: true, user: { select: { email: true } } } });
  const can = new Map<string, boolean>();
  for (const role of new Set(members.map((m) => m.role))) can.set(role, (await rolePermissions(tx, tenantId, role)).has("webhooks:manage"));
  return members.filter((m) => can.get(m.role)).map((m) => m.user.email);
}

/** In the transaction that disables the endpoint, so the mail exists exactly when the change does. */
export async function notifyEndpointDisabled(tx: Tx, e: DisabledEndpoint): Promise<number> {
  const to = await recipients(tx, e.tenantId);
  const since = e.failingSince.toISOString().replace("T", " ").slice(0, 16);
  const subject = "A webhook endpoint was disabled after 5 days of failures";
  const text = `Every delivery to ${e.url} has failed since ${since} UTC, so Atrium disabled the endpoint (${e.id}). Events are no longer queued for it.\n\nFix the receiver, then re-enable the endpoint on the Webhooks page (or PATCH it with {"enabled": true}) and use "Replay failed since…" to resend what it missed.`;
  const html = `<p>Every delivery to <code>${escapeHtml(e.url)}</code> has failed since ${escapeHtml(since)} UTC, so Atrium disabled the endpoint (${escapeHtml(e.id)}). Events are no longer queued for it.</p><p>Fix the receiver, then re-enable the endpoint on the Webhooks page (or PATCH it with <code>{"enabled": true}</code>) and use “Replay failed since…” to resend what it missed.</p>`;
  for (const address of to) await enqueueMail(tx, { tenantId: e.tenantId, to: address, subject, html, text, kind: "webhook_disabled" });
  return to.length;
}
