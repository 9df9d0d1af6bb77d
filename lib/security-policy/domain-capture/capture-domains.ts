import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { emailDomainOf } from "@/lib/security-policy/assert-email-domain-allowed";

/** The verified domain that captures sign-ups from `email` in this tenant, with its role; null when none does. */
export async function captureFor(tx: Tx, tenantId: string, email: string): Promise<{ domain: string; role: string } | null> {
  const row = await tx.tenantEmailDomain.findFirst({
    where: { tenantId, domain: emailDomainOf(email), verifiedAt: { not: null }, captureRole: { not: null } },
    select: { domain: true, captureRole: true },
  });
  return row ? { domain: row.domain, role: row.captureRole! } : null;
}

/** The domains whose addresses may sign up on this tenant's portal (shown on the sign-up page). */
export async function capturingDomains(tenantId: string): Promise<string[]> {
  const rows = await withTenantScope(tenantId, (tx) =>
    tx.tenantEmailDomain.findMany({ where: { tenantId, verifiedAt: { not: null }, captureRole: { not: null } }, select: { domain: true }, orderBy: { domain: "asc" } }),
  );
  return rows.map((r) => r.domain);
}
