import type { Tx } from "@/lib/db/prisma";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { escapeHtml } from "@/lib/mail/escape-html";
import { LIMIT_LABELS, type Limits } from "@/lib/tenants/plans";
import { portalUrl } from "@/lib/tenants/serialize-tenant";

export type ScaleNotify = { notify_admin: boolean; notify_users: boolean };
export const DEFAULT_SCALE_NOTIFY: ScaleNotify = { notify_admin: true, notify_users: false };

/** Seed 000's notify_admin: the tenant's active owners and admins; notify_users: every active member. */
async function recipients(tx: Tx, tenantId: string, notify: ScaleNotify): Promise<string[]> {
  if (!notify.notify_admin && !notify.notify_users) return [];
  const members = await tx.membership.findMany({
    where: { tenantId, status: "active", ...(notify.notify_users ? {} : { role: { in: ["owner", "admin"] } }) },
    select: { user: { select: { email: true } } },
  });
  return [...new Set(members.map((m) => m.user.email))];
}

const shown = (v: number | null | undefined) => (v === null || v === undefined ? "unlimited" : v.toLocaleString("en-US"));

/**
 * Mail saying which limits changed, queued in the scaling's own transaction
 * (so it exists exactly when the change does) through the mail outbox.
 * Returns how many were queued.
 */
export async function notifyScaled(
  tx: Tx,
  tenant: { id: string; name: string; slug: string },
  change: { previous: Record<string, number | null>; target: Record<string, number>; monthly: number },
  notify: ScaleNotify,
): Promise<number> {
  const to = await recipients(tx, tenant.id, notify);
  if (to.length === 0) return 0;
  const lines = Object.entries(change.target).map(([k, v]) => `${LIMIT_LABELS[k as keyof Limits]}: ${shown(change.previous[k])} → ${shown(v)}`);
  const cost = change.monthly === 0 ? "" : change.monthly > 0 ? `The monthly bill rises by $${change.monthly.toFixed(2)}.` : `The monthly bill falls by $${(-change.monthly).toFixed(2)}.`;
  const subject = `${tenant.name}: resource limits changed`;
  const text = `The limits of ${tenant.name} changed:\n\n${lines.map((l) => `- ${l}`).join("\n")}\n\n${cost}\nSee current usage on the portal: ${portalUrl(tenant.slug)}`.trim();
  const html = `<p>The limits of ${escapeHtml(tenant.name)} changed:</p><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>${cost ? `<p>${escapeHtml(cost)}</p>` : ""}<p>See current usage on <a href="${escapeHtml(portalUrl(tenant.slug))}">the portal</a>.</p>`;
  for (const address of to) await enqueueMail(tx, { tenantId: tenant.id, to: address, subject, html, text, kind: "resources_scaled" });
  return to.length;
}
