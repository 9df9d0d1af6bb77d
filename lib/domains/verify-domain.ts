import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { withTenantScope } from "@/lib/db/scope";
import { checkChallenge } from "@/lib/domains/dns-resolver";
import { findDomainOrThrow, limitDomainConfiguration } from "@/lib/domains/domain-access";
import { serializeDomain } from "@/lib/domains/serialize-domain";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Looks the TXT record up now. Found: verified (and routing at once, every
 * instance's cache being told by NOTIFY). Not found or no answer: failed, with
 * the reason. The DNS query runs between two transactions, so no connection
 * waits on the network.
 */
export async function verifyDomain(actor: TenantActor, tenantId: string, domainId: string) {
  await limitDomainConfiguration(actor, tenantId);
  const row = await withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "domains:manage", tx);
    return findDomainOrThrow(tx, tenantId, domainId);
  });
  const result = await checkChallenge(row.domain, row.verificationToken);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "domains:manage", tx);
    const current = await findDomainOrThrow(tx, tenantId, domainId);
    const now = new Date();
    const updated = await tx.tenantDomain.update({
      where: { tenantId_id: { tenantId, id: domainId } },
      data:
        result.kind === "match"
          ? { status: "verified", lastCheckedAt: now, lastError: null, recordMissingSince: null, verifiedAt: current.verifiedAt ?? now }
          : { status: "failed", lastCheckedAt: now, lastError: result.error, recordMissingSince: null },
    });
    await recordAuditEvent(tx, access.auditCaller, {
      tenantId,
      action: result.kind === "match" ? "domain.verified" : "domain.verification_failed",
      targetType: "domain",
      targetId: domainId,
      before: { status: current.status },
      after: { domain: updated.domain, status: updated.status, error: updated.lastError },
    });
    return { domain: serializeDomain(updated) };
  });
}
