import type { Tx } from "@/lib/db/prisma";
import type { Tenant } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { ASSET_PATH, type BrandingInput } from "@/lib/schemas/branding";
import { checkExternalImageUrl } from "@/lib/branding/image-url";
import { sanitizeCss, type CssRemoval } from "@/lib/branding/sanitize-css";
import { contrastWarnings, type BrandingWarning } from "@/lib/branding/validate-colour";

export const BRANDING_FIELDS = ["company_name", "primary_color", "secondary_color", "logo_url", "favicon_url", "email_header", "email_footer", "custom_css", "support_email", "support_url"] as const;
export type BrandingField = (typeof BRANDING_FIELDS)[number];
/** What tenants.branding holds: only fields that are set. */
export type StoredBranding = Partial<Record<BrandingField, string>>;
/** What the API shows: every field, null when unset; the company name falls back to the tenant's name. */
export type Branding = { company_name: string } & Record<Exclude<BrandingField, "company_name">, string | null>;

export type PreparedBranding = { stored: StoredBranding; warnings: BrandingWarning[]; css_removed: CssRemoval[] };

export type PrepareOptions = {
  /** Seed 000's tenant API (platform callers) may name a logo by public https URL; the branding API and editor take uploads only. */
  externalLogo?: boolean;
};

export function storedBranding(tenant: Pick<Tenant, "branding">): StoredBranding {
  const raw = (tenant.branding ?? {}) as Record<string, unknown>;
  return Object.fromEntries(BRANDING_FIELDS.filter((f) => typeof raw[f] === "string").map((f) => [f, raw[f] as string]));
}

export function brandingView(tenant: Pick<Tenant, "name">, stored: StoredBranding): Branding {
  const out = Object.fromEntries(BRANDING_FIELDS.map((f) => [f, stored[f] ?? null])) as Record<BrandingField, string | null>;
  return { ...out, company_name: stored.company_name ?? tenant.name };
}

/**
 * Applies `input` over the current document, checks that logo and favicon name
 * this tenant's own uploaded images of the right kind (or, where allowed, a
 * public https logo), sanitises the CSS and collects contrast warnings. Throws
 * a 400 before anything is written.
 */
export async function prepareBranding(tx: Tx, tenantId: string, current: StoredBranding, input: BrandingInput, opts: PrepareOptions = {}): Promise<PreparedBranding> {
  const next: StoredBranding = { ...current };
  let css_removed: CssRemoval[] = [];
  for (const field of BRANDING_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    if (value === null || value === "") {
      delete next[field];
      continue;
    }
    if (field === "custom_css") {
      const r = sanitizeCss(value);
      css_removed = r.removed;
      if (r.css) next.custom_css = r.css;
      else delete next.custom_css;
    } else if (field === "primary_color" || field === "secondary_color") {
      next[field] = value.toLowerCase();
    } else {
      next[field] = value;
    }
  }
  for (const field of ["logo_url", "favicon_url"] as const) {
    const value = input[field];
    if (value) next[field] = await checkImageUrl(tx, tenantId, field, value, opts);
  }
  return { stored: next, warnings: contrastWarnings(next), css_removed };
}

const imageUrlError = (field: string, message: string) => new AppError("invalid_request", `${field}: ${message}`, [{ path: field, message }]);

/** The URL to store for a logo or favicon; hostile URLs get the same answer on every path, before the path's own rule. */
async function checkImageUrl(tx: Tx, tenantId: string, field: "logo_url" | "favicon_url", url: string, opts: PrepareOptions): Promise<string> {
  if (url.startsWith("/")) {
    await assertOwnAsset(tx, tenantId, field, url);
    return url;
  }
  const external = checkExternalImageUrl(url);
  if ("problem" in external) throw imageUrlError(field, external.problem);
  if (field !== "logo_url" || !opts.externalLogo) throw imageUrlError(field, "Upload the image first and use the URL it returns (/api/v1/tenants/{id}/branding/assets/{asset_id})");
  return external.url;
}

async function assertOwnAsset(tx: Tx, tenantId: string, field: "logo_url" | "favicon_url", url: string): Promise<void> {
  const m = url.match(ASSET_PATH);
  const kind = field === "logo_url" ? "logo" : "favicon";
  const bad = (message: string) => imageUrlError(field, message);
  if (!m || m[1] !== tenantId) throw bad("Use an image uploaded to this tenant");
  if (m[3] !== kind) throw bad(`This is a ${m[3]}; upload a ${kind} for this field`);
  const asset = await tx.tenantAsset.findUnique({ where: { tenantId_id: { tenantId, id: m[2] } }, select: { id: true } });
  if (!asset) throw bad("No such uploaded image in this tenant");
}

export const sameBranding = (a: StoredBranding, b: StoredBranding) => BRANDING_FIELDS.every((f) => a[f] === b[f]);

/** The fields that differ, before and after, for the audit trail. */
export function brandingDiff(before: StoredBranding, after: StoredBranding) {
  const changed = BRANDING_FIELDS.filter((f) => before[f] !== after[f]);
  return {
    changed,
    before: Object.fromEntries(changed.map((f) => [f, before[f] ?? null])),
    after: Object.fromEntries(changed.map((f) => [f, after[f] ?? null])),
  };
}
