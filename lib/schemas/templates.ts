import { z } from "zod";
import { HEX_COLOUR, HEX_COLOUR_MESSAGE } from "@/lib/branding/hex-colour";
import { primaryColourSchema } from "@/lib/branding/validate-colour";
import { featuresSchema, limitsSchema, settingsFields, slugSchema } from "@/lib/schemas/tenant";
import { webhookEventTypesSchema, webhookUrlSchema } from "@/lib/schemas/webhooks";
import { PLANS, type Features, type Limits, type Plan } from "@/lib/tenants/plans";
import { OWNER_ONLY_PERMISSIONS, TENANT_PERMISSIONS, isBuiltInRole, withImpliedPermissions, type TenantPermission } from "@/lib/tenant-access/permissions";

// A template's definition (lib/templates). Server-only: webhook URLs are checked with node:net.

/** How many roles / endpoints a template may carry (a tenant allows 25 endpoints: lib/webhooks/create-webhook-endpoint.ts). */
export const MAX_TEMPLATE_ROLES = 20;
export const MAX_TEMPLATE_ENDPOINTS = 10;
export const MAX_STARTER_SQL_CHARS = 100_000;

const templateSettingsSchema = z.strictObject({
  timezone: settingsFields.timezone.optional(),
  currency: settingsFields.currency.optional(),
  locale: settingsFields.locale.optional(),
  date_format: settingsFields.date_format.optional(),
  time_format: settingsFields.time_format.optional(),
  auto_enforce: settingsFields.auto_enforce.optional(),
});
export type TemplateSettings = z.output<typeof templateSettingsSchema>;

/** Branding without assets: an uploaded logo belongs to one tenant, so templates carry colours and text only. */
export const templateBrandingSchema = z.strictObject({
  company_name: z.string().trim().min(1, "Company name cannot be empty").max(120).optional(),
  primary_color: primaryColourSchema.optional(),
  secondary_color: z.string().regex(HEX_COLOUR, HEX_COLOUR_MESSAGE).optional(),
  support_email: z.email("Use an email address such as help@example.com").max(254).optional(),
  support_url: z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: "Use an https:// address such as https://help.example.com" }).max(2048).optional(),
});
export type TemplateBranding = z.output<typeof templateBrandingSchema>;

const templateRoleSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(2, "Name must be at least 2 characters")
    .max(64)
    .refine((n) => !isBuiltInRole(n.toLowerCase()), { message: "Already used by a built-in role" }),
  description: z.string().trim().max(500).default(""),
  permissions: z
    .array(z.enum(TENANT_PERMISSIONS, { error: "Unknown tenant permission" }))
    .max(TENANT_PERMISSIONS.length * 2)
    .refine((ps) => !ps.some((p) => (OWNER_ONLY_PERMISSIONS as readonly string[]).includes(p)), { message: `Reserved for owners: ${OWNER_ONLY_PERMISSIONS.join(", ")}` })
    .transform((ps) => withImpliedPermissions(ps).sort()),
});
export type TemplateRole = { name: string; description: string; permissions: TenantPermission[] };

/** An endpoint to create in each tenant; its signing secret is made fresh per tenant, never stored in the template. */
const templateEndpointSchema = z.strictObject({
  url: webhookUrlSchema,
  description: z.string().trim().max(500).default(""),
  event_types: webhookEventTypesSchema,
});
export type TemplateEndpoint = { url: string; description: string; event_types: string[] };

export const templateDefinitionSchema = z.strictObject({
  plan: z.enum(PLANS, { error: "Choose basic, professional or enterprise" }),
  settings: templateSettingsSchema.default({}),
  limits: limitsSchema.default({}),
  features: featuresSchema.default({}),
  branding: templateBrandingSchema.default({}),
  roles: z
    .array(templateRoleSchema)
    .max(MAX_TEMPLATE_ROLES)
    .default([])
    .superRefine((roles, ctx) => {
      const seen = new Set<string>();
      roles.forEach((r, i) => {
        const key = r.name.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "name"], message: "Two roles have this name" });
        seen.add(key);
      });
    }),
  webhook_endpoints: z.array(templateEndpointSchema).max(MAX_TEMPLATE_ENDPOINTS).default([]),
  /** INSERT/UPDATE/DELETE statements for the tenant's schema, checked at save time (lib/templates/check-starter-sql.ts). */
  starter_sql: z
    .string()
    .max(MAX_STARTER_SQL_CHARS, `At most ${MAX_STARTER_SQL_CHARS} characters`)
    .nullable()
    .default(null)
    .transform((s) => (s && s.trim() ? s : null)),
});

/** What a stored version holds, every field present. */
export type TemplateDefinition = {
  plan: Plan;
  settings: TemplateSettings;
  limits: Partial<Limits>;
  features: Partial<Features>;
  branding: TemplateBranding;
  roles: TemplateRole[];
  webhook_endpoints: TemplateEndpoint[];
  starter_sql: string | null;
};

const keySchema = slugSchema.describe("A short stable identifier such as `starter-basic`");
const nameSchema = z.string().trim().min(2, "Name must be at least 2 characters").max(120);
const descriptionSchema = z.string().trim().max(1000);

export const createTemplateSchema = z.strictObject({
  key: keySchema,
  name: nameSchema,
  description: descriptionSchema.default(""),
  definition: templateDefinitionSchema,
});
export type CreateTemplateInput = z.output<typeof createTemplateSchema>;

/** Every PUT adds a version: the definition sent, or the current one again when only the name or description changes. */
export const updateTemplateSchema = z
  .strictObject({ name: nameSchema.optional(), description: descriptionSchema.optional(), definition: templateDefinitionSchema.optional() })
  .refine((b) => Object.keys(b).length > 0, { message: "Send at least one of name, description, definition" });
export type UpdateTemplateInput = z.output<typeof updateTemplateSchema>;

export const listTemplatesQuerySchema = z.strictObject({
  include_archived: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
});

export const templateVersionQuerySchema = z.strictObject({
  version: z.coerce.number().int("Must be a whole number").min(1, "Versions start at 1").max(2_147_483_647).optional(),
});

export const provisionFromTemplateSchema = z.strictObject({
  template_id: z.string().trim().min(1, "Choose a template").max(64),
  version: z.number().int("Must be a whole number").min(1, "Versions start at 1").optional(),
  name: z.string().trim().min(2, "Name must be at least 2 characters").max(120),
  slug: slugSchema.optional(),
  admin_email: z.email("Enter a valid email address").max(254).transform((e) => e.toLowerCase()).optional(),
  admin_name: z.string().trim().min(1, "Name is required").max(120).optional(),
  admin_password: z.string().min(12, "Password must be at least 12 characters").max(256).optional(),
  trial_days: z.number().int().min(0).max(90).optional(),
  /** What the New tenant form changed after the template filled it in; the tenant still records the template version. */
  overrides: z
    .strictObject({
      plan: z.enum(PLANS).optional(),
      settings: templateSettingsSchema.optional(),
      limits: limitsSchema.optional(),
      features: featuresSchema.optional(),
    })
    .optional(),
});
export type ProvisionFromTemplateInput = z.output<typeof provisionFromTemplateSchema>;

// Responses.
const definitionOut = z.object({
  plan: z.enum(PLANS),
  settings: z.record(z.string(), z.unknown()),
  limits: z.record(z.string(), z.number().nullable()),
  features: z.record(z.string(), z.boolean()),
  branding: z.record(z.string(), z.string()),
  roles: z.array(z.object({ name: z.string(), description: z.string(), permissions: z.array(z.string()) })),
  webhook_endpoints: z.array(z.object({ url: z.string(), description: z.string(), event_types: z.array(z.string()) })),
  starter_sql: z.string().nullable(),
});

export const templateSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  built_in: z.boolean(),
  current_version: z.number().int(),
  archived_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  tenant_count: z.number().int().describe("Tenants that record this template (any version)"),
  version: z.object({ version: z.number().int(), definition: definitionOut, created_by: z.string().nullable(), created_at: z.string() }),
});

export const templateListResponseSchema = z.object({ templates: z.array(templateSchema) });
export const templateResponseSchema = z.object({ template: templateSchema });
export const templateVersionsResponseSchema = z.object({
  versions: z.array(z.object({ version: z.number().int(), created_by: z.string().nullable(), created_at: z.string(), tenant_count: z.number().int() })),
});
export const templateDiffEntrySchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
