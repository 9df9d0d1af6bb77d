import { z } from "zod";
import { brandingFieldsSchema } from "@/lib/schemas/branding";
import { FEATURES, LIMIT_KEYS, PLANS, PLATFORM_MAX_LIMITS, type Feature } from "@/lib/tenants/plans";
import { RESERVED_SCHEMAS, RESERVED_SLUGS, SCHEMA_NAME_PATTERN, SLUG_PATTERN } from "@/lib/tenants/slug";

// One schema per contract, shared by the route handlers, the server actions,
// the console's forms and the OpenAPI document.

const TIMEZONES = new Set(Intl.supportedValuesOf("timeZone").concat("UTC"));

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, "Use 1–63 lowercase letters, digits and hyphens, not starting or ending with a hyphen")
  .refine((s) => !RESERVED_SLUGS.has(s), { message: "This subdomain is reserved" });

export const schemaNameSchema = z
  .string()
  .trim()
  .regex(SCHEMA_NAME_PATTERN, "Use 2–63 lowercase letters, digits and underscores, starting with a letter")
  .refine((s) => !s.startsWith("pg_") && !RESERVED_SCHEMAS.has(s), { message: "This schema name is reserved" });

/**
 * Seed 000's `domain`: a custom domain, added through the Domains feature. The
 * services normalise it exactly as the Domains tab does (lib/schemas/domains.ts,
 * server-only: it needs node:url), so a pasted `https://example.com/` is
 * reduced to its host there; here only its size is bounded.
 */
export const domainSchema = z.string().trim().min(1, "Enter a domain name such as portal.example.com").max(2048);

export const settingsFields = {
  timezone: z.string().refine((t) => TIMEZONES.has(t), { message: "Unknown IANA time zone" }),
  currency: z.string().regex(/^[A-Z]{3}$/, "Use an ISO 4217 code such as USD"),
  locale: z.string().refine(
    (l) => {
      try {
        return Intl.getCanonicalLocales(l).length === 1;
      } catch {
        return false;
      }
    },
    { message: "Use a BCP 47 locale such as en-US" },
  ),
  date_format: z.string().min(1).max(32),
  time_format: z.string().min(1).max(32),
  /** Limits checks enforce (429s for API keys over the daily calls, for uploads over storage); off: they only alert. Default on. */
  auto_enforce: z.boolean({ error: "Must be true or false" }),
  /** Free labels staff target broadcasts by (POST /tenants/broadcast filter.tag). */
  tags: z.array(z.string().trim().min(1, "A tag cannot be empty").max(40, "At most 40 characters")).max(20, "At most 20 tags"),
};

export const featuresSchema = z.strictObject(
  Object.fromEntries(FEATURES.map((f) => [f, z.boolean().optional()])) as Record<Feature, z.ZodOptional<z.ZodBoolean>>,
);

// null means unlimited.
const limitValue = () => z.number().int("Must be a whole number").min(0, "Must be 0 or more").nullable();
export const limitsSchema = z.strictObject(
  Object.fromEntries(LIMIT_KEYS.map((k) => [k, limitValue().optional()])) as Record<(typeof LIMIT_KEYS)[number], z.ZodOptional<ReturnType<typeof limitValue>>>,
);

// The branding API's own fields: seed 000's logo_url (a public https URL or an uploaded image), colours and
// company name, plus what the editor sets. The branding service checks and sanitises them (lib/branding/prepare-tenant-branding.ts).
export const brandingSchema = brandingFieldsSchema;

export const createTenantSchema = z.strictObject({
  tenant: z.strictObject({
    name: z.string().trim().min(2, "Name must be at least 2 characters").max(120),
    slug: slugSchema.optional(),
    plan: z.enum(PLANS).default("basic"),
    schema_name: schemaNameSchema.optional(),
    domain: domainSchema.nullable().optional(),
    trial_days: z.number().int().min(0).max(90).optional(),
    settings: z
      .strictObject({
        timezone: settingsFields.timezone.default("UTC"),
        currency: settingsFields.currency.default("USD"),
        locale: settingsFields.locale.default("en-US"),
        date_format: settingsFields.date_format.default("%Y-%m-%d"),
        time_format: settingsFields.time_format.default("%H:%M"),
        // Left out: on (absent means on, so settings echo what was sent).
        auto_enforce: settingsFields.auto_enforce.optional(),
        tags: settingsFields.tags.optional(),
        features: featuresSchema.optional(),
      })
      .optional(),
    admin_user: z.strictObject({
      email: z.email("Enter a valid email address").max(254).transform((e) => e.toLowerCase()),
      name: z.string().trim().min(1, "Name is required").max(120),
      password: z.string().min(12, "Password must be at least 12 characters").max(256).optional(),
    }),
    limits: limitsSchema.optional(),
    branding: brandingSchema.optional(),
  }),
});
export type CreateTenantInput = z.output<typeof createTenantSchema>;

export const updateTenantSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(120).optional(),
    plan: z.enum(PLANS).optional(),
    domain: domainSchema.nullable().optional(),
    trial_ends_at: z.iso.datetime({ offset: true }).nullable().optional(),
    settings: z
      .strictObject({
        timezone: settingsFields.timezone.optional(),
        currency: settingsFields.currency.optional(),
        locale: settingsFields.locale.optional(),
        date_format: settingsFields.date_format.optional(),
        time_format: settingsFields.time_format.optional(),
        auto_enforce: settingsFields.auto_enforce.optional(),
        tags: settingsFields.tags.optional(),
        features: featuresSchema.optional(),
      })
      .optional(),
    limits: limitsSchema.optional(),
    features: featuresSchema.optional(),
    branding: brandingSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "Send at least one field to change" });
export type UpdateTenantInput = z.output<typeof updateTenantSchema>;

export const TENANT_STATUSES = ["provisioning", "active", "suspended", "archived", "pending_deletion"] as const;
/** `health` orders by the latest stored health score (tenants never checked: last ascending, first descending). */
export const TENANT_SORTS = ["created_at", "updated_at", "name", "slug", "status", "plan", "health"] as const;

const intParam = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
export const listTenantsQuerySchema = z.strictObject({
  page: intParam(1, 1, 1_000_000),
  page_size: intParam(50, 1, 100),
  sort: z.enum(TENANT_SORTS).default("created_at"),
  order: z.enum(["asc", "desc"]).default("desc"),
  search: z.string().trim().max(200).optional(),
  status: z.enum(TENANT_STATUSES).optional(),
  plan: z.enum(PLANS).optional(),
  // HEALTH_STATUSES of lib/schemas/analytics.ts, which imports this file.
  health: z.enum(["healthy", "degraded", "critical"]).optional().describe("The latest health check's status; tenants never checked match none"),
  cursor: z
    .string()
    .max(1000)
    .optional()
    .describe("Instead of `page`: the previous answer's `pagination.next_cursor`, with the same sort, order, page_size and filters. Pages after a cursor cost the same at any depth and do not shift when tenants are added; `total_count` is the one counted on the first page"),
});
export type ListTenantsQuery = z.output<typeof listTenantsQuerySchema>;

export const deleteTenantQuerySchema = z.strictObject({
  confirmation: z.literal("DELETE_PERMANENTLY", { error: 'Must be exactly "DELETE_PERMANENTLY"' }),
  grace_period_days: intParam(7, 0, 90),
});

export const suspendTenantSchema = z.strictObject({ reason: z.string().trim().max(500).optional() });
export const emptyBodySchema = z.strictObject({});

export function limitsAbovePlatformMax(limits: Record<string, number | null | undefined>): { path: string; message: string }[] {
  return Object.entries(limits)
    .filter(([k, v]) => typeof v === "number" && v > PLATFORM_MAX_LIMITS[k as keyof typeof PLATFORM_MAX_LIMITS])
    .map(([k]) => ({ path: `limits.${k}`, message: `Above the platform maximum of ${PLATFORM_MAX_LIMITS[k as keyof typeof PLATFORM_MAX_LIMITS].toLocaleString("en-US")}` }));
}

/** GET /api/v1/tenants/export: the list's filters and order, without paging (every matching tenant). */
export const exportTenantsQuerySchema = listTenantsQuerySchema.omit({ page: true, page_size: true, cursor: true });
