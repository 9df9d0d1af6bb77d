import { escapeHtml } from "@/lib/mail/escape-html";
import type { RenderedMail } from "@/lib/mail/invitation-email";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-base-url";
import type { TrialEndAction } from "@/lib/schemas/billing";

export type TrialReminderInput = {
  tenant: { name: string; slug: string; primaryDomain?: string | null; branding: unknown };
  planName: string;
  endsAt: Date;
  daysLeft: 7 | 1;
  action: TrialEndAction;
};

const AFTER: Record<TrialEndAction, (plan: string) => string> = {
  convert: (plan) => `Your subscription then continues on ${plan}, billed monthly.`,
  downgrade: () => "Your subscription then moves to the Basic plan.",
  suspend: () => "The portal is then suspended until a plan is chosen.",
};

/** The reminder mailed to owners and admins 7 days and 1 day before a trial ends; the link is the tenant portal's Billing page. */
export function trialReminderEmail(input: TrialReminderInput): RenderedMail & { link: string } {
  const company = (input.tenant.branding as { company_name?: unknown } | null)?.company_name;
  const name = typeof company === "string" && company.trim() ? company.trim() : input.tenant.name;
  const link = `${tenantBaseUrl(input.tenant)}/billing`;
  const when = input.daysLeft === 1 ? "tomorrow" : "in 7 days";
  const subject = `Your ${input.planName} trial for ${name} ends ${when}`.replace(/[\r\n]+/g, " ").slice(0, 200);
  const lines = [`The ${input.planName} trial for ${name} ends on ${input.endsAt.toUTCString()}.`, AFTER[input.action](input.planName), `Choose what happens next on the Billing page: ${link}`];
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f8fafc;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
<h1 style="font-size:18px;margin:0 0 12px">${e(subject)}</h1>
<p style="margin:0 0 12px;line-height:1.5">${e(lines[0])}</p>
<p style="margin:0 0 16px;line-height:1.5">${e(lines[1])}</p>
<p style="margin:0"><a href="${e(link)}" style="color:#3730a3">Open Billing</a></p>
</div>
</body>
</html>`;
  return { subject, html, text: lines.join("\n\n"), link };
}
