import { z } from "zod";
import { FEATURES, LIMIT_KEYS, PLANS } from "@/lib/tenants/plans";
import { TENANT_STATUSES } from "@/lib/schemas/tenant";
import { PROVISIONING_STEP_NAMES } from "@/lib/tenants/provisioning-step-names";
import { tenantHealthBadgeSchema } from "@/lib/schemas/analytics";

// Response shapes, for the OpenAPI document (and typed clients). They describe
// what lib/tenants/serialize-tenant.ts and the services return.

const iso = z.iso.datetime();
const pct = z.number().nullable().describe("null when the limit is unlimited");

export const tenantSchema = z.object({
  id: z.string().describe("tenant_<16 hex>"),
  name: z.string(),
  slug: z.string(),
  schema_name: z.string(),
  domain: z.string().nullable(),
  portal_url: z.string(),
  plan: z.enum(PLANS),
  status: z.enum(TENANT_STATUSES),
  is_trial: z.boolean(),
  trial_ends_at: iso.nullable(),
  suspended_at: iso.nullable(),
  suspended_reason: z.string().nullable(),
  archived_at: iso.nullable(),
  deletion_scheduled_at: iso.nullable(),
  final_deletion_date: iso.nullable(),
  created_at: iso,
  updated_at: iso,
});

export const paginationSchema = z.object({
  page: z.number().int(),
  page_size: z.number().int(),
  total_count: z.number().int(),
  total_pages: z.number().int(),
  has_next: z.boolean(),
  has_prev: z.boolean(),
});

const usageItem = z.object({ current: z.number(), limit: z.number().nullable(), usage_percent: pct });
export const usageSchema = z.object({
  users: usageItem,
  storage: z.object({ current_gb: z.number(), limit_gb: z.number().nullable(), usage_percent: pct }),
  api_calls: z.object({ current_daily: z.number(), limit_daily: z.number().nullable(), usage_percent: pct }),
  database_connections: usageItem,
});

const provisioningStepSchema = z.object({
  name: z.enum(PROVISIONING_STEP_NAMES),
  status: z.enum(["pending", "in_progress", "completed", "failed"]),
  started_at: iso.optional(),
  completed_at: iso.optional(),
  error: z.string().optional(),
});

export const tenantListResponseSchema = z.object({
  tenants: z.array(
    tenantSchema.extend({
      usage: z.object({ users: usageItem, storage: usageSchema.shape.storage }),
      health: tenantHealthBadgeSchema.describe("The latest stored health check (GET /tenants/{id}/health explains it); null before the first"),
      usage_sparkline: z.array(z.number()).length(14).describe("API calls per day of the last 14 days (UTC), oldest first; today last"),
    }),
  ),
  pagination: paginationSchema.extend({
    next_cursor: z.string().nullable().describe("Pass as `cursor` for the next page (same sort, order, page_size and filters); null on the last page"),
  }),
});

export const tenantDetailResponseSchema = z.object({
  tenant: tenantSchema,
  usage: usageSchema,
  limits: z.object(Object.fromEntries(LIMIT_KEYS.map((k) => [k, z.number().nullable()]))),
  features: z.object(Object.fromEntries(FEATURES.map((f) => [f, z.boolean()]))),
  settings: z.record(z.string(), z.unknown()),
  branding: z.object({ logo_url: z.string().nullable(), primary_color: z.string().nullable(), secondary_color: z.string().nullable(), company_name: z.string(), custom_css_applied: z.boolean() }),
  provisioning: z
    .object({ status: z.enum(["in_progress", "completed", "failed"]), started_at: iso, completed_at: iso.nullable(), steps: z.array(provisioningStepSchema), steps_completed: z.array(z.string()), steps_remaining: z.array(z.string()) })
    .nullable(),
  data_export_url: z.string().nullable().describe("The latest finished export's signed, expiring download link (POST …/export); null when there is none or the caller lacks backups:download"),
});

export const createTenantResponseSchema = z.object({
  tenant: tenantSchema,
  admin_user: z.object({ id: z.string().optional(), email: z.string(), name: z.string(), role: z.literal("owner") }),
  database: z.object({ schema_created: z.boolean(), migrations_applied: z.boolean(), migrations: z.array(z.string()), extensions_enabled: z.array(z.string()) }),
  provisioning: z.object({
    status: z.enum(["in_progress", "completed", "failed"]),
    started_at: iso,
    completed_at: iso.nullable(),
    steps_completed: z.array(z.string()),
    steps_remaining: z.array(z.string()),
    status_url: z.string(),
  }),
});

export const updateTenantResponseSchema = z.object({
  tenant: z.object({ id: z.string(), updated_at: iso }),
  changes_applied: z.array(z.string()).describe("e.g. timezone_updated, limits_increased, features_enabled, plan_changed"),
  restart_required: z.boolean(),
});

export const deleteTenantResponseSchema = z.object({
  tenant_id: z.string(),
  deletion_status: z.literal("scheduled"),
  scheduled_at: iso,
  final_deletion_date: iso,
  data_export_url: z.string().nullable(),
});

export const tenantStateResponseSchema = z.object({ tenant: tenantSchema });

export const errorEnvelopeSchema = z.object({
  status: z.literal("error"),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
