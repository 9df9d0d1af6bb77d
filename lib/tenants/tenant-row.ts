import type { Tenant } from "@/lib/generated/prisma/client";

// The tenants columns, as the Prisma model maps them; a test reads a tenant both ways and compares.
export const TENANT_COLUMNS = ["id", "name", "slug", "schema_name", "domain", "plan", "status", "is_trial", "trial_ends_at", "settings", "features", "limits", "branding", "provisioning", "version",
  "suspended_at", "suspended_reason", "archived_at", "status_before_deletion", "deletion_scheduled_at", "final_deletion_date", "created_at", "updated_at", "template_id", "template_version"] as const;

export const SELECT_TENANT = `SELECT ${TENANT_COLUMNS.map((c) => `"${c}"`).join(", ")} FROM tenants`;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A row of SELECT_TENANT as the Prisma model's object. */
export const tenantFromRow = (row: Record<string, unknown>): Tenant => Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v])) as unknown as Tenant;
