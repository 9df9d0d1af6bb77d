import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import type { Tenant } from "@/lib/generated/prisma/client";
import { BULK_DATA_SCHEMAS, BULK_OPERATION_PERMISSIONS, type BulkChange, type BulkData, type BulkOperationName } from "@/lib/schemas/bulk";
import type { PlatformPermission } from "@/lib/auth/permissions";
import { changeTenantStatusInTx } from "@/lib/tenants/change-tenant-status";
import { scheduleTenantDeletionInTx } from "@/lib/tenants/tenant-deletion";
import { updateTenantInTx } from "@/lib/tenants/update-tenant";
import { tenantFeatures } from "@/lib/tenants/serialize-tenant";
import { AppError } from "@/lib/http/errors";

export type TenantRow = Tenant;
export type BulkOutcome = { outcome: "succeeded" } | { outcome: "skipped"; reason: string };

/**
 * One operation applied to one tenant, in that tenant's own platform-scope
 * transaction (the runner has locked the tenant row). It may only have
 * database side effects: a dry run runs the very same code and rolls the
 * transaction back, so the preview and the real run cannot disagree. A
 * thrown error (an AppError names the reason) marks the tenant failed and
 * undoes its change alone.
 */
export type BulkOperationHandler<D = unknown> = (tx: Tx, caller: Caller, tenant: TenantRow, data: D, ctx: { bulkOperationId: string }) => Promise<BulkOutcome>;

/** What the operation would change on this tenant, field by field, for the preview and the results (read before the handler runs). */
export type BulkDescribe<D = unknown> = (tenant: TenantRow, data: D, tx: Tx) => BulkChange[] | Promise<BulkChange[]>;

export type BulkOperationDefinition<D = unknown> = { permission: PlatformPermission; handler: BulkOperationHandler<D>; describe: BulkDescribe<D> };

const statusChange = (tenant: TenantRow, to: string): BulkChange[] => (tenant.status === to ? [] : [{ field: "status", before: tenant.status, after: to }]);

/** Field-by-field differences of two flat records (only the keys `next` names). */
function recordChanges(prefix: string, current: Record<string, unknown>, next: Record<string, unknown>): BulkChange[] {
  return Object.entries(next)
    .filter(([k, v]) => v !== undefined && JSON.stringify(current[k] ?? null) !== JSON.stringify(v))
    .map(([k, v]) => ({ field: `${prefix}.${k}`, before: current[k] ?? null, after: v }));
}

const activate: BulkOperationDefinition<BulkData<"activate">> = {
  permission: BULK_OPERATION_PERMISSIONS.activate,
  describe: (tenant) => statusChange(tenant, "active"),
  handler: async (tx, caller, tenant) => {
    if (tenant.status === "active") return { outcome: "skipped", reason: "Already active" };
    await changeTenantStatusInTx(tx, caller, tenant.id, "reactivate");
    return { outcome: "succeeded" };
  },
};

/** The reason is the operation's `reason` (required for deactivate), handed over in `data` by the runner. */
const deactivate: BulkOperationDefinition<BulkData<"deactivate"> & { reason?: string }> = {
  permission: BULK_OPERATION_PERMISSIONS.deactivate,
  describe: (tenant) => statusChange(tenant, "suspended"),
  handler: async (tx, caller, tenant, data) => {
    if (tenant.status === "suspended") return { outcome: "skipped", reason: "Already suspended" };
    await changeTenantStatusInTx(tx, caller, tenant.id, "suspend", { reason: data.reason });
    return { outcome: "succeeded" };
  },
};

const remove: BulkOperationDefinition<BulkData<"delete">> = {
  permission: BULK_OPERATION_PERMISSIONS.delete,
  describe: (tenant) => statusChange(tenant, "pending_deletion"),
  handler: async (tx, caller, tenant, data) => {
    if (tenant.status === "pending_deletion") return { outcome: "skipped", reason: `Deletion is already scheduled for ${tenant.finalDeletionDate?.toISOString().slice(0, 10) ?? "a set date"}` };
    await scheduleTenantDeletionInTx(tx, caller, tenant.id, data.grace_period_days);
    return { outcome: "succeeded" };
  },
};

const updateFeatures: BulkOperationDefinition<BulkData<"update_features">> = {
  permission: BULK_OPERATION_PERMISSIONS.update_features,
  describe: (tenant, data) => recordChanges("features", tenantFeatures(tenant), data.features),
  handler: async (tx, caller, tenant, data) => {
    if (recordChanges("features", tenantFeatures(tenant), data.features).length === 0) return { outcome: "skipped", reason: "The features are already set so" };
    await updateTenantInTx(tx, caller, tenant.id, { features: data.features });
    return { outcome: "succeeded" };
  },
};

const updateSettings: BulkOperationDefinition<BulkData<"update_settings">> = {
  permission: BULK_OPERATION_PERMISSIONS.update_settings,
  describe: (tenant, data) => recordChanges("settings", tenant.settings as Record<string, unknown>, data.settings),
  handler: async (tx, caller, tenant, data) => {
    if (recordChanges("settings", tenant.settings as Record<string, unknown>, data.settings).length === 0) return { outcome: "skipped", reason: "The settings already have these values" };
    await updateTenantInTx(tx, caller, tenant.id, { settings: data.settings });
    return { outcome: "succeeded" };
  },
};

const changePlan: BulkOperationDefinition<BulkData<"change_plan">> = {
  permission: BULK_OPERATION_PERMISSIONS.change_plan,
  describe: (tenant, data) => (tenant.plan === data.plan ? [] : [{ field: "plan", before: tenant.plan, after: data.plan }]),
  handler: async (tx, caller, tenant, data) => {
    if (tenant.plan === data.plan) return { outcome: "skipped", reason: `Already on the ${data.plan} plan` };
    await updateTenantInTx(tx, caller, tenant.id, { plan: data.plan });
    return { outcome: "succeeded" };
  },
};

const applyTemplate: BulkOperationDefinition<BulkData<"apply_template">> = {
  permission: BULK_OPERATION_PERMISSIONS.apply_template,
  describe: () => [],
  handler: async () => {
    throw new AppError("invalid_state", "Templates are not available yet");
  },
};

/** The registry: each operation's permission, handler and preview. */
export const BULK_OPERATION_DEFINITIONS: { [O in BulkOperationName]: BulkOperationDefinition<BulkData<O>> } = {
  activate,
  deactivate,
  delete: remove,
  update_features: updateFeatures,
  update_settings: updateSettings,
  change_plan: changePlan,
  apply_template: applyTemplate,
};

export function bulkOperationDefinition(operation: BulkOperationName): BulkOperationDefinition {
  return BULK_OPERATION_DEFINITIONS[operation] as BulkOperationDefinition;
}

export { BULK_DATA_SCHEMAS };
