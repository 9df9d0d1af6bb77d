import { escapeHtml } from "@/lib/mail/escape-html";
import type { RenderedMail } from "@/lib/mail/invitation-email";

/** The mail that proves a sign-up's address: plain, with the link built from the tenant's stored host. */
export function signUpEmail(input: { company: string; link: string; accountExists: boolean; ttlMinutes: number }): RenderedMail {
  const subject = `Confirm your email to join ${input.company}`.replace(/[\r\n]+/g, " ");
  const action = input.accountExists ? `You already have an account: open the link to join ${input.company} with it.` : `Open the link to choose your name and password and join ${input.company}.`;
  const text = [`Someone (hopefully you) asked to join ${input.company} with this address.`, action, input.link, `The link works once and expires in ${input.ttlMinutes} minutes. If this wasn't you, ignore this email.`].join("\n\n");
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<p>Someone (hopefully you) asked to join ${e(input.company)} with this address.</p>
<p>${e(action)}</p>
<p><a href="${e(input.link)}">${e(input.link)}</a></p>
<p style="color:#64748b">The link works once and expires in ${input.ttlMinutes} minutes. If this wasn't you, ignore this email.</p>
</body></html>`;
  return { subject, html, text };
}
