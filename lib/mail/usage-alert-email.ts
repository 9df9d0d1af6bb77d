import { escapeHtml } from "@/lib/mail/escape-html";
import type { RenderedMail } from "@/lib/mail/invitation-email";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-base-url";

export type UsageAlertEmailInput = {
  tenant: { name: string; slug: string; primaryDomain?: string | null; branding: unknown };
  /** The notice's sentence, e.g. "Storage: 96% of the limit (4.8 of 5 GB)." */
  message: string;
  severity: "warning" | "critical" | "exceeded";
};

const HEADLINE = { warning: "Usage warning", critical: "Usage critical", exceeded: "Limit exceeded" } as const;
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/** The alert mailed to a tenant's owners and admins; the link goes to the tenant's own portal (its stored host, never a request's). */
export function usageAlertEmail(input: UsageAlertEmailInput): RenderedMail & { link: string } {
  const company = str((input.tenant.branding as { company_name?: unknown } | null)?.company_name) ?? input.tenant.name;
  const link = `${tenantBaseUrl(input.tenant)}/`;
  const subject = `${HEADLINE[input.severity]} for ${company}: ${input.message}`.replace(/[\r\n]+/g, " ").slice(0, 200);
  const text = [`${HEADLINE[input.severity]} for ${company}.`, input.message, `See usage and limits in the portal: ${link}`, "Raise the limit (or reduce usage) to end it; you will be told again if usage crosses the next threshold."].join("\n\n");
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f8fafc;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
<h1 style="font-size:18px;margin:0 0 12px">${e(HEADLINE[input.severity])} for ${e(company)}</h1>
<p style="margin:0 0 16px;line-height:1.5">${e(input.message)}</p>
<p style="margin:0 0 16px"><a href="${e(link)}" style="color:#3730a3">See usage and limits in the portal</a></p>
<p style="margin:0;color:#475569;font-size:13px">Raise the limit (or reduce usage) to end it; you will be told again if usage crosses the next threshold.</p>
</div>
</body>
</html>`;
  return { subject, html, text, link };
}
