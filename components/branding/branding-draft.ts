import { HEX_COLOUR, HEX_COLOUR_MESSAGE, unreadablePrimaryMessage } from "@/lib/branding/validate-colour";
import { unscopeCustomCss } from "@/lib/branding/portal-preview-document";
import type { Branding } from "@/lib/branding/branding-document";

/** Branding query keys, kept with the editor; `brandingKeys.tenant(id)` covers the branding and its versions. */
export const brandingKeys = {
  tenant: (tenantId: string) => ["branding", tenantId] as const,
  detail: (tenantId: string) => ["branding", tenantId, "detail"] as const,
  versions: (tenantId: string) => ["branding", tenantId, "versions"] as const,
};

export const DRAFT_FIELDS = ["company_name", "primary_color", "secondary_color", "logo_url", "favicon_url", "email_header", "email_footer", "custom_css", "support_email", "support_url"] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];
/** The form's values: every field a string, "" meaning unset. */
export type Draft = Record<DraftField, string>;

/** The stored CSS is shown as the tenant wrote it (without the scope the sanitizer added), so saving it scopes it once. */
export function draftFromBranding(b: Branding): Draft {
  return {
    company_name: b.company_name,
    primary_color: b.primary_color ?? "",
    secondary_color: b.secondary_color ?? "",
    logo_url: b.logo_url ?? "",
    favicon_url: b.favicon_url ?? "",
    email_header: b.email_header ?? "",
    email_footer: b.email_footer ?? "",
    custom_css: unscopeCustomCss(b.custom_css),
    support_email: b.support_email ?? "",
    support_url: b.support_url ?? "",
  };
}

const same = (f: DraftField, a: string, b: string) => (f === "primary_color" || f === "secondary_color" ? a.trim().toLowerCase() === b.trim().toLowerCase() : a === b);

/**
 * Only the fields that differ from what was loaded ("" clears a field). Fields
 * left out keep their stored value, so untouched CSS is never re-sanitised.
 */
export function draftChanges(draft: Draft, base: Draft): Partial<Record<DraftField, string | null>> {
  const out: Partial<Record<DraftField, string | null>> = {};
  for (const f of DRAFT_FIELDS) {
    if (same(f, draft[f], base[f])) continue;
    const v = f === "custom_css" || f === "email_header" || f === "email_footer" ? draft[f] : draft[f].trim();
    out[f] = v.trim() === "" ? null : v;
  }
  return out;
}

/** Colours the server would refuse (not hex, or no readable text on the primary); left out of the live preview so the rest keeps updating. */
export function colourErrors(draft: Draft): Partial<Record<DraftField, string>> {
  const out: Partial<Record<DraftField, string>> = {};
  for (const f of ["primary_color", "secondary_color"] as const) {
    const v = draft[f].trim();
    if (v && !HEX_COLOUR.test(v)) out[f] = HEX_COLOUR_MESSAGE;
  }
  // The same refusal as the server's, before the round trip: no button text would be readable on it.
  const primary = draft.primary_color.trim();
  const unreadable = !out.primary_color && primary ? unreadablePrimaryMessage(primary) : null;
  if (unreadable) out.primary_color = unreadable;
  return out;
}
