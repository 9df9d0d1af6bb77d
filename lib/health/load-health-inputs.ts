import type { Tx } from "@/lib/db/prisma";
import type { Tenant } from "@/lib/generated/prisma/client";
import { PENDING_DOMAIN_GRACE_HOURS, type HealthInputs } from "@/lib/health/health-checks";
import { PLANS, type Plan } from "@/lib/tenants/plans";
import { tenantFeatures, tenantLimits, type ProvisioningState } from "@/lib/tenants/serialize-tenant";
import { loadUsage, prismaSql } from "@/lib/tenants/tenant-usage";

export type HealthTenant = Pick<Tenant, "id" | "schemaName" | "plan" | "limits" | "features" | "provisioning">;

/**
 * Everything the checks need for any number of tenants in a fixed number of
 * queries (schemas, usage, domains, webhooks), never one per tenant: the
 * daily job checks every tenant in one pass. Runs in whatever scope the caller
 * holds (a tenant's for GET …/health, the platform's for the job).
 */
export async function loadHealthInputs(tx: Tx, tenants: HealthTenant[], now = new Date()): Promise<Map<string, HealthInputs>> {
  const ids = tenants.map((t) => t.id);
  // The catalogue is readable by every role: a schema that is dropped or never migrated shows here whatever the scope.
  const schemas = await tx.$queryRawUnsafe<{ nspname: string; migrated: boolean }[]>(
    `SELECT n.nspname, EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND c.relname = 'schema_migrations') AS migrated
       FROM pg_namespace n WHERE n.nspname = ANY($1::text[])`,
    tenants.map((t) => t.schemaName),
  );
  const usage = await loadUsage(prismaSql(tx), ids);
  const domains = await tx.tenantDomain.findMany({ where: { tenantId: { in: ids }, status: { not: "verified" } }, select: { tenantId: true, domain: true, status: true, createdAt: true }, orderBy: { domain: "asc" } });
  const hooks = await tx.webhookEndpoint.findMany({ where: { tenantId: { in: ids }, OR: [{ enabled: false }, { failingSince: { not: null } }] }, select: { tenantId: true, enabled: true } });

  const schemaOf = new Map(schemas.map((s) => [s.nspname, s.migrated]));
  const staleBefore = now.getTime() - PENDING_DOMAIN_GRACE_HOURS * 3_600_000;
  const out = new Map<string, HealthInputs>();
  for (const t of tenants) {
    const prov = (t.provisioning ?? {}) as Partial<ProvisioningState>;
    const failedStep = prov.steps?.find((s) => s.status === "failed");
    const u = usage.get(t.id)!;
    const own = domains.filter((d) => d.tenantId === t.id);
    const ownHooks = hooks.filter((h) => h.tenantId === t.id);
    out.set(t.id, {
      plan: ((PLANS as readonly string[]).includes(t.plan) ? t.plan : "basic") as Plan,
      limits: tenantLimits(t),
      features: tenantFeatures(t),
      provisioningStatus: prov.status ?? null,
      provisioningError: failedStep?.error ?? null,
      schema: { exists: schemaOf.has(t.schemaName), migrated: schemaOf.get(t.schemaName) === true },
      usage: { users: u.users, storageGb: u.storageGb, apiCallsToday: u.apiCallsToday },
      domains: {
        failed: own.filter((d) => d.status === "failed").map((d) => d.domain),
        pendingStale: own.filter((d) => d.status === "pending" && d.createdAt.getTime() < staleBefore).map((d) => d.domain),
        pendingFresh: own.filter((d) => d.status === "pending" && d.createdAt.getTime() >= staleBefore).map((d) => d.domain),
      },
      webhooks: { disabled: ownHooks.filter((h) => !h.enabled).length, failing: ownHooks.filter((h) => h.enabled).length },
    });
  }
  return out;
}
