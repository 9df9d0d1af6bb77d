import { escapeHtml } from "@/lib/mail/escape-html";
import type { RenderedMail } from "@/lib/mail/invitation-email";
import { SECURITY_ALERT_LABELS, type SecurityAlertKind } from "@/lib/security-alerts/alert-kinds";

export type SecurityAlertEmailInput = {
  kind: SecurityAlertKind;
  /** Whose account or which tenant, as the reader knows it ("jane@acme.example", "Acme Corp"). */
  subjectLabel: string;
  /** Facts to show, already safe to mail (never secrets): `{ IP: "203.0.113.7", Browser: "Chrome on macOS" }`. */
  facts: Record<string, string>;
  /** Where to act: the stored host's page (never built from a request's Host). */
  link: string;
  linkLabel: string;
};

const ADVICE: Record<SecurityAlertKind, string> = {
  new_sign_in_location: "If this was you, there is nothing to do. If not, reset your password and end your other sessions.",
  repeated_sign_in_failures: "Someone tried to sign in to your account with a wrong password several times. If it was not you, consider changing your password and turning on two-factor authentication.",
  second_factor_disabled: "Your account is now protected by its password alone. If you did not do this, reset your password at once.",
  api_key_created: "An API key can act without a password. If you did not expect it, revoke it.",
  security_policy_changed: "Check that the change was intended.",
  impersonation_requested: "Platform support asked for access to your organisation's portal. Approve or deny it in the portal.",
  impersonation_started: "Platform support is now acting in your organisation's portal under an approved request.",
  impersonation_revoked: "Platform support's access to your organisation's portal has ended.",
  password_reset: "Your password was changed and every session of your account was ended. If you did not do this, reset it again and contact an administrator.",
  passkey_added: "A new passkey can now sign in to your account on the site named below. If you did not add it, remove it from your account's Security page and reset your password.",
  passkey_removed: "A passkey can no longer sign in to your account. If you did not do this, reset your password.",
  break_glass_sign_in: "An owner signed in with a password although your organisation requires single sign-on (break glass, for when the identity provider is unavailable). Check that it was expected.",
};

export function securityAlertEmail(input: SecurityAlertEmailInput): RenderedMail {
  const headline = SECURITY_ALERT_LABELS[input.kind];
  const subject = `Security alert: ${headline} (${input.subjectLabel})`.replace(/[\r\n]+/g, " ").slice(0, 200);
  const facts = Object.entries(input.facts).filter(([, v]) => v);
  const text = [
    `${headline} for ${input.subjectLabel}.`,
    ...(facts.length ? [facts.map(([k, v]) => `${k}: ${v}`).join("\n")] : []),
    ADVICE[input.kind],
    `${input.linkLabel}: ${input.link}`,
  ].join("\n\n");
  const e = escapeHtml;
  const rows = facts.map(([k, v]) => `<tr><td style="padding:2px 12px 2px 0;color:#475569">${e(k)}</td><td style="padding:2px 0">${e(v)}</td></tr>`).join("");
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px 12px;background:#f8fafc;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
<h1 style="font-size:18px;margin:0 0 12px">${e(headline)}</h1>
<p style="margin:0 0 16px;line-height:1.5">For ${e(input.subjectLabel)}.</p>
${rows ? `<table style="margin:0 0 16px;font-size:14px;border-collapse:collapse">${rows}</table>` : ""}
<p style="margin:0 0 16px;line-height:1.5">${e(ADVICE[input.kind])}</p>
<p style="margin:0"><a href="${e(input.link)}" style="color:#3730a3">${e(input.linkLabel)}</a></p>
</div>
</body>
</html>`;
  return { subject, html, text };
}
