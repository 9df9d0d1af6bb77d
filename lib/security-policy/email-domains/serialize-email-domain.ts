import type { TenantEmailDomain } from "@/lib/generated/prisma/client";
import { challengeName } from "@/lib/domains/dns-resolver";

export function serializeEmailDomain(d: TenantEmailDomain) {
  return {
    domain: d.domain,
    status: d.verifiedAt ? ("verified" as const) : ("pending" as const),
    verification: { type: "TXT" as const, host: challengeName(d.domain), value: d.verificationToken },
    capture_role: d.captureRole,
    verified_at: d.verifiedAt?.toISOString() ?? null,
    last_checked_at: d.lastCheckedAt?.toISOString() ?? null,
    last_error: d.lastError,
    created_at: d.createdAt.toISOString(),
  };
}
export type EmailDomainView = ReturnType<typeof serializeEmailDomain>;
