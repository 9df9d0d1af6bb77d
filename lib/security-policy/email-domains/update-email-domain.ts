import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { updateEmailDomainSchema } from "@/lib/schemas/security-policy";
import { assertCaptureRole, findEmailDomainOrThrow } from "@/lib/security-policy/email-domains/email-domain-access";
import { serializeEmailDomain } from "@/lib/security-policy/email-domains/serialize-email-domain";
import { authorizeSecurityPolicy } from "@/lib/security-policy/policy-access";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Sets or clears the role sign-ups from this (verified) domain join as. */
export async function updateEmailDomain(actor: TenantActor, tenantId: string, domain: string, body: unknown) {
  await withTenantScope(tenantId, (tx) => authorizeSecurityPolicy(actor, tenantId, "change", tx));
  const input = parseOrThrow(updateEmailDomainSchema, body);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeSecurityPolicy(actor, tenantId, "change", tx);
    const current = await findEmailDomainOrThrow(tx, tenantId, domain);
    if (input.capture_role !== null) {
      if (!current.verifiedAt) throw new AppError("invalid_state", `Verify ${current.domain} before it captures sign-ups`, { domain: current.domain });
      await assertCaptureRole(tx, access, input.capture_role);
    }
    if (current.captureRole === input.capture_role) return { email_domain: serializeEmailDomain(current) };
    const updated = await tx.tenantEmailDomain.update({ where: { tenantId_domain: { tenantId, domain: current.domain } }, data: { captureRole: input.capture_role } });
    await publishEvent(tx, access.auditCaller, {
      tenantId,
      action: "security.email_domain_capture_changed",
      targetType: "email_domain",
      targetId: updated.domain,
      targetLabel: updated.domain,
      before: { capture_role: current.captureRole },
      after: { capture_role: updated.captureRole },
    });
    return { email_domain: serializeEmailDomain(updated) };
  });
}
