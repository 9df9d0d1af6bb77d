import { withTenantScope } from "@/lib/db/scope";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { limitDomainConfiguration } from "@/lib/domains/domain-access";
import { newVerificationToken } from "@/lib/domains/serialize-domain";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { addEmailDomainSchema } from "@/lib/schemas/security-policy";
import { serializeEmailDomain } from "@/lib/security-policy/email-domains/serialize-email-domain";
import { authorizeSecurityPolicy } from "@/lib/security-policy/policy-access";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Adds a pending email domain with a fresh TXT token (the same kind custom domains use). */
export async function addEmailDomain(actor: TenantActor, tenantId: string, body: unknown) {
  await withTenantScope(tenantId, (tx) => authorizeSecurityPolicy(actor, tenantId, "change", tx));
  const input = parseOrThrow(addEmailDomainSchema, body);
  if (input.capture_role) {
    throw new AppError("invalid_request", "capture_role: verify the domain first, then choose the role its sign-ups join as", [{ path: "capture_role", message: "Only a verified domain can capture sign-ups" }]);
  }
  await limitDomainConfiguration(actor, tenantId);
  try {
    return await withTenantScope(tenantId, async (tx) => {
      const access = await authorizeSecurityPolicy(actor, tenantId, "change", tx);
      const row = await tx.tenantEmailDomain.create({ data: { tenantId, domain: input.domain, verificationToken: newVerificationToken() } });
      await publishEvent(tx, access.auditCaller, {
        tenantId,
        action: "security.email_domain_added",
        targetType: "email_domain",
        targetId: row.domain,
        targetLabel: row.domain,
        after: { domain: row.domain, status: "pending" },
      });
      return { email_domain: serializeEmailDomain(row) };
    });
  } catch (err) {
    if (uniqueViolation(err)) throw new AppError("invalid_state", `${input.domain} is already listed`, { domain: input.domain });
    throw err;
  }
}
