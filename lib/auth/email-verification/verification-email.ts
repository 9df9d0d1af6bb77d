import { escapeHtml } from "@/lib/mail/escape-html";
import type { RenderedMail } from "@/lib/mail/invitation-email";

export function verificationEmail(input: { place: string; link: string; days: number }): RenderedMail {
  const subject = `Verify your email address for ${input.place}`.replace(/[\r\n]+/g, " ").slice(0, 200);
  const text = [
    `An account for ${input.place} was set up with this email address.`,
    `Confirm that it is yours (the link works once, for ${input.days} days):\n${input.link}`,
    "If you did not expect this, ignore this mail.",
  ].join("\n\n");
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f8fafc;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
<h1 style="font-size:18px;margin:0 0 12px">Verify your email address</h1>
<p style="margin:0 0 16px;line-height:1.5">An account for ${e(input.place)} was set up with this email address. Confirm that it is yours.</p>
<p style="margin:0 0 16px"><a href="${e(input.link)}" style="display:inline-block;background:#4338ca;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px">Verify my email</a></p>
<p style="margin:0 0 16px;color:#475569;font-size:13px">The link works once, for ${input.days} days. If you did not expect this, ignore this mail.</p>
<p style="margin:0;color:#475569;font-size:12px;word-break:break-all">${e(input.link)}</p>
</div>
</body>
</html>`;
  return { subject, html, text };
}
