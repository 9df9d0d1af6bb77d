import { escapeHtml } from "@/lib/mail/escape-html";
import type { RenderedMail } from "@/lib/mail/invitation-email";

/** The reset mail: the link (on the stored host), how long it lasts, and what to do if it was not you. */
export function passwordResetEmail(input: { place: string; link: string; minutes: number }): RenderedMail {
  const subject = `Reset your password for ${input.place}`.replace(/[\r\n]+/g, " ").slice(0, 200);
  const text = [
    `Someone (hopefully you) asked to reset the password of your ${input.place} account.`,
    `Choose a new password here (the link works once, for ${input.minutes} minutes):\n${input.link}`,
    "Resetting signs your account out everywhere. If you did not ask for this, ignore this mail: your password stays as it is.",
  ].join("\n\n");
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f8fafc;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
<h1 style="font-size:18px;margin:0 0 12px">Reset your password</h1>
<p style="margin:0 0 16px;line-height:1.5">Someone (hopefully you) asked to reset the password of your ${e(input.place)} account.</p>
<p style="margin:0 0 16px"><a href="${e(input.link)}" style="display:inline-block;background:#4338ca;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px">Choose a new password</a></p>
<p style="margin:0 0 16px;color:#475569;font-size:13px;line-height:1.5">The link works once, for ${input.minutes} minutes. Resetting signs your account out everywhere. If you did not ask for this, ignore this mail: your password stays as it is.</p>
<p style="margin:0;color:#475569;font-size:12px;word-break:break-all">${e(input.link)}</p>
</div>
</body>
</html>`;
  return { subject, html, text };
}
