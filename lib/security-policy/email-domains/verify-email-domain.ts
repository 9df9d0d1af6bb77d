import { withTenantScope } from "@/lib/db/scope";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { checkChallenge } from "@/lib/domains/dns-resolver";
import { limitDomainConfiguration } from "@/lib/domains/domain-access";
import { publishEvent } from "@/lib/events/publish-event";
import { findEmailDomainOrThrow } from "@/lib/security-policy/email-domains/email-domain-access";
import { serializeEmailDomain } from "@/lib/security-policy/email-domains/serialize-email-domain";
import { authorizeSecurityPolicy } from "@/lib/security-policy/policy-access";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

const CLAIMED = "Another tenant has already verified this email domain";

/**
 * The custom-domain proof (lib/domains/dns-resolver checkChallenge): TXT at
 * _atrium-challenge.<domain> holding this row's token. The lookup runs between
 * two transactions so no connection waits on DNS. A verified domain whose
 * record later fails a re-check stays verified: only removal ends it (an email
 * domain does not route traffic, so a DNS hiccup must not stop sign-ups).
 */
export async function verifyEmailDomain(actor: TenantActor, tenantId: string, domain: string) {
  await limitDomainConfiguration(actor, tenantId);
  const row = await withTenantScope(tenantId, async (tx) => {
    await authorizeSecurityPolicy(actor, tenantId, "change", tx);
    return findEmailDomainOrThrow(tx, tenantId, domain);
  });
  const checked = await checkChallenge(row.domain, row.verificationToken);
  const write = (result: { ok: true } | { ok: false; error: string }) =>
    withTenantScope(tenantId, async (tx) => {
      const access = await authorizeSecurityPolicy(actor, tenantId, "change", tx);
      const current = await findEmailDomainOrThrow(tx, tenantId, domain);
      const now = new Date();
      const updated = await tx.tenantEmailDomain.update({
        where: { tenantId_domain: { tenantId, domain: current.domain } },
        data: result.ok ? { verifiedAt: current.verifiedAt ?? now, lastCheckedAt: now, lastError: null } : { lastCheckedAt: now, lastError: result.error },
      });
      if (result.ok && !current.verifiedAt) {
        await publishEvent(tx, access.auditCaller, {
          tenantId,
          action: "security.email_domain_verified",
          targetType: "email_domain",
          targetId: updated.domain,
          targetLabel: updated.domain,
          before: { status: "pending" },
          after: { domain: updated.domain, status: "verified" },
        });
      }
      return { email_domain: serializeEmailDomain(updated) };
    });
  try {
    return await write(checked.kind === "match" ? { ok: true } : { ok: false, error: checked.error });
  } catch (err) {
    // The only unique index an update can meet: the domain is verified by another tenant.
    if (checked.kind === "match" && uniqueViolation(err)) return write({ ok: false, error: CLAIMED });
    throw err;
  }
}
