import type { Caller } from "@/lib/auth/caller";
import { publishEvent } from "@/lib/events/publish-event";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { Prisma, Tenant } from "@/lib/generated/prisma/client";
import type { PendingAdmin } from "@/lib/tenants/create-tenant";
import { conflictError } from "@/lib/tenants/create-tenant";
import type { ProvisioningState, ProvisioningStepName } from "@/lib/tenants/serialize-tenant";
import { dropTenantDbRole, provisionTenantDbRole } from "@/lib/tenants/tenant-db-role";
import { TENANT_MIGRATIONS_DIR } from "@/lib/tenant-migrations/migration-files";
import { applyTenantMigrations } from "@/lib/tenant-migrations/run-tenant-migrations";
import { createTenantSchema, dropTenantSchema, enableExtensions } from "@/lib/tenants/tenant-schema";
import { log } from "@/lib/observability/logger";

export const DEFAULT_BRANDING = { primary_color: "#4f46e5", secondary_color: "#64748b" };

const FAILURE_CODE: Partial<Record<ProvisioningStepName, "schema_creation_failed" | "migration_failed">> = {
  schema_creation: "schema_creation_failed",
  migration_setup: "migration_failed",
  extensions_setup: "schema_creation_failed",
  admin_creation: "schema_creation_failed",
  branding_apply: "schema_creation_failed",
};

export type ProvisionOptions = {
  migrationsDir?: string;
  /** Steps beyond the standard five (a template's), run in the order the tenant's provisioning state lists them. */
  extraSteps?: Partial<Record<ProvisioningStepName, () => Promise<void>>>;
};

/**
 * Runs the provisioning steps for a tenant recorded by createTenant, saving
 * each step's progress on the tenant row (the console shows it live). When a
 * step fails, everything done so far is undone: the schema is dropped, the
 * tenant row and its admin (if created here) are deleted, and the failure is
 * audited. Returns the active tenant and what really happened.
 */
export async function provisionTenant(caller: Caller, tenant: Tenant, admin: PendingAdmin, opts: ProvisionOptions = {}) {
  const state = structuredClone(tenant.provisioning) as unknown as ProvisioningState & { admin_user?: unknown };
  delete state.admin_user;
  const database = { schema_created: false, migrations_applied: false, migrations: [] as string[], extensions_enabled: [] as string[] };
  let createdUserId: string | null = null;
  let adminUser: { id: string; email: string; name: string; role: "owner" } | null = null;
  let branding: Prisma.InputJsonValue = tenant.branding as Prisma.InputJsonValue;

  const save = async (extra: Prisma.TenantUpdateInput = {}) => {
    await withPlatformScope((tx) =>
      tx.tenant.update({ where: { id: tenant.id }, data: { provisioning: { ...state, database } as unknown as Prisma.InputJsonValue, version: { increment: 1 }, updatedAt: new Date(), ...extra } }),
    );
  };

  const steps: Partial<Record<ProvisioningStepName, () => Promise<void>>> = {
    ...opts.extraSteps,
    schema_creation: async () => {
      try {
        await createTenantSchema(tenant.schemaName);
      } catch (err) {
        if ((err as { code?: string }).code === "42P06") throw conflictError("schema_name");
        throw err;
      }
      database.schema_created = true;
    },
    migration_setup: async () => {
      const applied = await applyTenantMigrations(tenant.schemaName, opts.migrationsDir ?? TENANT_MIGRATIONS_DIR);
      database.migrations = applied.map((m) => m.version);
      database.migrations_applied = true;
      // After the migrations, so the grants cover the tables they made.
      await provisionTenantDbRole(tenant.id);
    },
    extensions_setup: async () => {
      database.extensions_enabled = await enableExtensions();
    },
    admin_creation: async () => {
      // ON CONFLICT: two tenants provisioned at once for the same new admin share one account.
      const candidateId = newId("user");
      const owner = await withPlatformScope(async (tx) => {
        await tx.$executeRaw`INSERT INTO users (id, email, name, password_hash) VALUES (${candidateId}, ${admin.email}, ${admin.name}, ${admin.passwordHash}) ON CONFLICT (email) DO NOTHING`;
        const user = await tx.user.findUniqueOrThrow({ where: { email: admin.email } });
        await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "owner", status: "active" } });
        await publishEvent(tx, caller, { tenantId: tenant.id, action: "member.joined", targetType: "user", targetId: user.id, targetLabel: user.email, after: { email: user.email, role: "owner" } });
        return { id: user.id, email: user.email, name: user.name, role: "owner" as const };
      });
      if (owner.id === candidateId) createdUserId = candidateId;
      adminUser = owner;
    },
    // Written by the final transaction below, together with the switch to active and its audit event.
    // tenant.branding passed the branding service's checks in createTenant; only constant defaults are added.
    branding_apply: async () => {
      branding = { ...DEFAULT_BRANDING, company_name: tenant.name, ...(tenant.branding as object) };
    },
  };

  for (const step of state.steps) {
    step.status = "in_progress";
    step.started_at = new Date().toISOString();
    await save();
    try {
      const run = steps[step.name];
      if (!run) throw new Error(`no runner for provisioning step ${step.name}`);
      await run();
    } catch (err) {
      step.status = "failed";
      step.error = (err as Error).message;
      // Only a schema this run created is dropped: one that was already there is not ours.
      await rollBack(caller, tenant, { createdUserId, step: step.name, error: step.error, dropSchema: database.schema_created });
      if (err instanceof AppError) throw err;
      // The database's own words go to the log and to the staff-only audit event, not to the response.
      log.error({ component: "provisioning", tenant_id: tenant.id, step: step.name, err }, "provisioning failed");
      throw new AppError(FAILURE_CODE[step.name] ?? "schema_creation_failed", `Provisioning failed at ${step.name}; the tenant was rolled back (see the audit log)`, { step: step.name });
    }
    step.status = "completed";
    step.completed_at = new Date().toISOString();
  }
  state.status = "completed";
  state.completed_at = new Date().toISOString();
  const active = await withPlatformScope(async (tx) => {
    const row = await tx.tenant.update({
      where: { id: tenant.id },
      data: { status: "active", branding, provisioning: { ...state, database } as unknown as Prisma.InputJsonValue, version: { increment: 1 }, updatedAt: new Date() },
    });
    await publishEvent(tx, caller, { tenantId: tenant.id, action: "tenant.provisioned", targetType: "tenant", targetId: tenant.id, targetLabel: row.name, after: { status: "active", branding, database } });
    return row;
  });
  return { tenant: active, adminUser: adminUser!, database };
}

type RollBack = { createdUserId: string | null; step: string; error: string; dropSchema: boolean; staleBefore?: Date };

/**
 * Undoes a provisioning under a lock on the tenant row, so nothing else can
 * change the tenant meanwhile. With `staleBefore`, only a tenant still
 * provisioning and untouched since then is undone. Returns whether it was.
 */
async function rollBack(caller: Caller, tenant: Tenant, r: RollBack): Promise<boolean> {
  return withPlatformScope(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM tenants WHERE id = ${tenant.id} AND status = 'provisioning' AND updated_at < ${r.staleBefore ?? new Date("9999-01-01")} FOR UPDATE`;
    if (locked.length === 0) return false;
    if (r.dropSchema) {
      await dropTenantSchema(tenant.schemaName);
      await dropTenantDbRole(tenant.id);
    }
    await tx.tenant.delete({ where: { id: tenant.id } });
    if (r.createdUserId) {
      const others = await tx.membership.count({ where: { userId: r.createdUserId } });
      if (others === 0) await tx.user.deleteMany({ where: { id: r.createdUserId } });
    }
    await publishEvent(tx, caller, {
      tenantId: tenant.id,
      action: "tenant.provisioning_failed",
      targetType: "tenant",
      targetId: tenant.id,
      targetLabel: tenant.name,
      after: { name: tenant.name, slug: tenant.slug, step: r.step, error: r.error },
    });
    return true;
  });
}

/** A provisioning left behind by a process that died mid-way is rolled back by the periodic job. */
export async function rollBackStaleProvisioning(caller: Caller, olderThanMinutes = 10): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMinutes * 60_000);
  const stale = await withPlatformScope((tx) => tx.tenant.findMany({ where: { status: "provisioning", updatedAt: { lt: cutoff } } }));
  let undone = 0;
  for (const t of stale) {
    if (await rollBack(caller, t, { createdUserId: null, step: "interrupted", error: "provisioning did not finish", dropSchema: true, staleBefore: cutoff })) undone += 1;
  }
  return undone;
}
