import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { checkChallenge, type ChallengeResult } from "@/lib/domains/dns-resolver";
import { CLAIMED_ELSEWHERE, verifiedOwner } from "@/lib/domains/domain-claim";
import { findDomainOrThrow, limitDomainConfiguration } from "@/lib/domains/domain-access";
import { withinRecheckWindow } from "@/lib/domains/recheck-window";
import { serializeDomain } from "@/lib/domains/serialize-domain";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Looks the TXT record up now. Found: verified (and routing at once, every
 * instance's cache being told by NOTIFY). Not found or no answer: the reason is
 * kept, and the domain stays pending while the job still re-checks it (DNS
 * takes time to propagate); after that window it is failed. The DNS query runs between two transactions, so no connection
 * waits on the network.
 */
export async function verifyDomain(actor: TenantActor, tenantId: string, domainId: string) {
  await limitDomainConfiguration(actor, tenantId);
  const row = await withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "domains:manage", tx);
    return findDomainOrThrow(tx, tenantId, domainId);
  });
  const checked = await checkChallenge(row.domain, row.verificationToken);
  const write = (result: ChallengeResult) =>
    withTenantScope(tenantId, async (tx) => {
      const access = await authorizeTenant(actor, tenantId, "domains:manage", tx);
      const current = await findDomainOrThrow(tx, tenantId, domainId);
      const owner = result.kind === "match" ? await verifiedOwner(tx, current.domain) : null;
      if (owner && owner !== tenantId) result = { kind: "absent", error: CLAIMED_ELSEWHERE };
      const now = new Date();
      const updated = await tx.tenantDomain.update({
        where: { tenantId_id: { tenantId, id: domainId } },
        data:
          result.kind === "match"
            ? { status: "verified", lastCheckedAt: now, lastError: null, recordMissingSince: null, verifiedAt: current.verifiedAt ?? now }
            : { status: current.status === "verified" || !withinRecheckWindow(current, now) ? "failed" : "pending", lastCheckedAt: now, lastError: result.error, recordMissingSince: null },
      });
      await publishEvent(tx, access.auditCaller, {
        tenantId,
        action: result.kind === "match" ? "domain.verified" : "domain.verification_failed",
        targetType: "domain",
        targetId: domainId,
        targetLabel: updated.domain,
        before: { status: current.status },
        after: { domain: updated.domain, status: updated.status, error: updated.lastError },
      });
      return { domain: serializeDomain(updated) };
    });
  try {
    return await write(checked);
  } catch (err) {
    // Another tenant verified the same name between our check and our write: its claim stands.
    if (checked.kind === "match" && uniqueViolation(err)?.includes("verified_domain")) return write({ kind: "absent", error: CLAIMED_ELSEWHERE });
    throw err;
  }
}
