import type { Caller } from "@/lib/auth/caller";
import { publishEvent } from "@/lib/events/publish-event";
import type { Tx } from "@/lib/db/prisma";
import { upsert } from "@/lib/domains/configure-domains";
import { AppError } from "@/lib/http/errors";
import { normalizeCustomDomain } from "@/lib/schemas/domains";

/**
 * Seed 000's `domain` field of the create and update bodies, normalised like
 * a domain added on the Domains tab (a pasted URL is reduced to its host).
 * A bad value is 400 invalid_tenant_config naming the field (`path`).
 */
export function declaredDomain(raw: string, path: string): string {
  const r = normalizeCustomDomain(raw);
  if (!r.ok) throw new AppError("invalid_tenant_config", `${path}: ${r.message}`, [{ path, message: r.message }]);
  return r.domain;
}

/**
 * Applies seed 000's `domain` field through the Domains feature, in the
 * caller's transaction (tenant row already locked or just created): a domain
 * becomes a pending tenant_domains row with its TXT challenge (primary when
 * the tenant has none yet), the same service as POST …/domains; one the tenant
 * already lists is left as it is. `null` removes the tenant's unverified
 * domains; a verified one is removed only on the Domains tab (DELETE …/domains/{id}),
 * since it routes. tenants.domain follows by trigger.
 */
export async function applyDeclaredDomain(tx: Tx, tenantId: string, domain: string | null, caller: Caller, path: string): Promise<void> {
  if (domain === null) {
    const unverified = await tx.tenantDomain.findMany({ where: { tenantId, status: { not: "verified" } } });
    for (const row of unverified) {
      await tx.tenantDomain.delete({ where: { tenantId_id: { tenantId, id: row.id } } });
      await publishEvent(tx, caller, { tenantId, action: "domain.removed", targetType: "domain", targetId: row.id, targetLabel: row.domain, before: { domain: row.domain, status: row.status, primary: row.isPrimary } });
    }
    return;
  }
  const existing = await tx.tenantDomain.findFirst({ where: { tenantId, domain }, select: { id: true } });
  if (existing) return;
  const hasPrimary = (await tx.tenantDomain.count({ where: { tenantId, isPrimary: true } })) > 0;
  const { row } = await upsert(tx, tenantId, { domain, primary: !hasPrimary, sslEnabled: true, customRouting: null, path });
  await publishEvent(tx, caller, { tenantId, action: "domain.added", targetType: "domain", targetId: row.id, targetLabel: row.domain, after: { domain: row.domain, primary: row.isPrimary, ssl_enabled: row.sslEnabled, source: path } });
}
