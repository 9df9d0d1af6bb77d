import { escapeHtml } from "@/lib/mail/escape-html";
import type { RenderedMail } from "@/lib/mail/invitation-email";
import { SEVERITY_LABELS, type NotificationSeverity } from "@/lib/schemas/notifications";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-base-url";

export type NotificationEmailInput = {
  tenant: { name: string; slug: string; primaryDomain?: string | null; branding: unknown };
  title: string;
  body: string;
  severity: NotificationSeverity;
  link: string | null;
  window: { start: Date; end: Date } | null;
};

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/** The mail copy of a notification; relative links and the inbox point at the tenant's own portal (its stored host, never a request's). */
export function notificationEmail(input: NotificationEmailInput): RenderedMail {
  const company = str((input.tenant.branding as { company_name?: unknown } | null)?.company_name) ?? input.tenant.name;
  const base = tenantBaseUrl(input.tenant);
  const link = input.link ? (input.link.startsWith("/") ? `${base}${input.link}` : input.link) : null;
  const inbox = `${base}/notifications`;
  const label = SEVERITY_LABELS[input.severity];
  const subject = `[${company}] ${input.title}`.replace(/[\r\n]+/g, " ").slice(0, 200);
  const windowText = input.window ? `Maintenance window: ${input.window.start.toISOString()} to ${input.window.end.toISOString()} (UTC)` : null;
  const text = [`${label} notice for ${company}`, input.title, input.body, windowText, link ? `More: ${link}` : null, `All notifications: ${inbox}`]
    .filter((l): l is string => l !== null)
    .join("\n\n");
  const e = escapeHtml;
  const paragraphs = input.body
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 12px;line-height:1.5;white-space:pre-line">${e(p)}</p>`)
    .join("");
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f8fafc;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
<p style="margin:0 0 8px;color:#475569;font-size:13px">${e(label)} notice for ${e(company)}</p>
<h1 style="font-size:18px;margin:0 0 12px">${e(input.title)}</h1>
${paragraphs}
${windowText ? `<p style="margin:0 0 12px;font-weight:600">${e(windowText)}</p>` : ""}
${link ? `<p style="margin:0 0 12px"><a href="${e(link)}" style="color:#3730a3">Read more</a></p>` : ""}
<p style="margin:0;color:#475569;font-size:13px"><a href="${e(inbox)}" style="color:#3730a3">All notifications</a> · You can turn notification mail off in your account preferences.</p>
</div>
</body>
</html>`;
  return { subject, html, text };
}
