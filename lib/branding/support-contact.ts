import { env } from "@/lib/env";

export type SupportContact = { email: string | null; url: string | null };

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const email = (v: unknown) => (typeof v === "string" && EMAIL.test(v) ? v : null);
function webAddress(v: unknown, schemes: readonly string[]): string | null {
  if (typeof v !== "string") return null;
  try {
    return schemes.includes(new URL(v).protocol) ? v : null;
  } catch {
    return null;
  }
}

/**
 * Who a stuck visitor can ask: the tenant's own support contact when its
 * branding sets one (either field replaces the platform's pair, so a tenant
 * never shows half of someone else's), else the platform's SUPPORT_EMAIL /
 * SUPPORT_URL. Null when nobody has set anything. Values are checked again
 * here because they end up in href attributes.
 */
export function supportContact(branding?: Record<string, unknown> | null): SupportContact | null {
  const tenant = { email: email(branding?.support_email), url: webAddress(branding?.support_url, ["https:"]) };
  if (tenant.email || tenant.url) return tenant;
  const platform = { email: email(env.supportEmail), url: webAddress(env.supportUrl, ["https:", "http:"]) };
  return platform.email || platform.url ? platform : null;
}
