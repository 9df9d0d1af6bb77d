import { foregroundOn, inkOn } from "@/lib/branding/brand-colours";
import { escapeHtml } from "@/lib/mail/escape-html";
import { ASSET_PATH } from "@/lib/schemas/branding";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-base-url";

export type InvitationEmailInput = {
  tenant: { name: string; slug: string; primaryDomain?: string | null; branding: unknown };
  inviterLabel: string;
  roleName: string;
  expiresAt: Date;
  token: string;
};

export type RenderedMail = { subject: string; html: string; text: string };

const HEX_COLOR = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;
const expiryFmt = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

type Branding = { company_name?: unknown; primary_color?: unknown; logo_url?: unknown; email_header?: unknown; email_footer?: unknown };
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
/** Header and footer are plain text from tenant admins: escaped, line breaks kept. */
const paragraph = (s: string) => escapeHtml(s).replace(/\r?\n/g, "<br>");

/** The accept link: the tenant's stored host only, so no request can steer where it points. */
export function invitationLink(tenant: { slug: string; primaryDomain?: string | null }, token: string): string {
  return `${tenantBaseUrl(tenant)}/invite/${encodeURIComponent(token)}`;
}

export function invitationEmail(input: InvitationEmailInput): RenderedMail & { link: string } {
  const b = (input.tenant.branding ?? {}) as Branding;
  const company = str(b.company_name) ?? input.tenant.name;
  // A colour lands inside a style attribute, where escaping is not enough: only a plain hex colour passes.
  const color = typeof b.primary_color === "string" && HEX_COLOR.test(b.primary_color) ? b.primary_color : "#4f46e5";
  // The button's text is white or near-black, whichever reads on the colour; the link is the colour darkened as far as white needs.
  const onColor = foregroundOn(color).colour;
  const header = str(b.email_header);
  const footer = str(b.email_footer);
  // Mail clients need an absolute URL; only an image uploaded to Atrium, served from the tenant's own origin.
  const logo = typeof b.logo_url === "string" && ASSET_PATH.test(b.logo_url) ? `${tenantBaseUrl(input.tenant)}${b.logo_url}` : null;
  const link = invitationLink(input.tenant, input.token);
  const expires = `${expiryFmt.format(input.expiresAt)} (UTC)`;
  // A header value must stay on one line.
  const subject = `You're invited to join ${company}`.replace(/[\r\n]+/g, " ");

  const text = [
    header,
    `${input.inviterLabel} invited you to join ${company} as ${input.roleName}.`,
    `Accept the invitation: ${link}`,
    `This invitation expires on ${expires}. If you did not expect it, you can ignore this email.`,
    footer,
  ]
    .filter((l): l is string => l !== null)
    .join("\n\n");

  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f8fafc;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f8fafc;padding:32px 12px">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:520px;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;border-top:4px solid ${e(color)}">
<tr><td style="padding:28px 32px">
${logo ? `<img src="${e(logo)}" alt="${e(company)}" height="40" style="display:block;height:40px;width:auto;max-width:200px;margin:0 0 20px;border:0">\n` : ""}${header ? `<p style="margin:0 0 20px;font-size:13px;color:#64748b">${paragraph(header)}</p>\n` : ""}<h1 style="margin:0 0 12px;font-size:20px;font-weight:600">Join ${e(company)}</h1>
<p style="margin:0 0 24px;font-size:15px;line-height:1.5"><strong>${e(input.inviterLabel)}</strong> invited you to join <strong>${e(company)}</strong> as <strong>${e(input.roleName)}</strong>.</p>
<p style="margin:0 0 24px"><a href="${e(link)}" style="display:inline-block;background:${e(color)};color:${onColor};text-decoration:none;font-weight:600;font-size:15px;padding:10px 20px;border-radius:6px">Accept invitation</a></p>
<p style="margin:0 0 8px;font-size:13px;color:#64748b">Or open this link: <a href="${e(link)}" style="color:${inkOn(color)};word-break:break-all">${e(link)}</a></p>
<p style="margin:0;font-size:13px;color:#64748b">This invitation expires on ${e(expires)}. If you did not expect it, you can ignore this email.</p>
</td></tr>
${footer ? `<tr><td style="padding:16px 32px;border-top:1px solid #e2e8f0;font-size:12px;color:#94a3b8">${paragraph(footer)}</td></tr>\n` : ""}</table>
</td></tr>
</table>
</body>
</html>
`;
  return { subject, html, text, link };
}
