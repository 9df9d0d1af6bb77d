import { randomBytes } from "node:crypto";
import type { TenantDomain } from "@/lib/generated/prisma/client";
import { challengeName } from "@/lib/domains/dns-resolver";
import { recheckEndsAt, withinRecheckWindow } from "@/lib/domains/recheck-window";
import { rootHostname, type CustomRouting } from "@/lib/schemas/domains";

export const newDomainId = () => `dom_${randomBytes(8).toString("hex")}`;

/** 160 bits from the CSPRNG, hex so it survives copy and paste into any DNS console. */
export const newVerificationToken = () => randomBytes(20).toString("hex");

export type DnsRecord = { type: "TXT" | "CNAME"; host: string; value: string; ttl: number; purpose: string };

/** What the domain's owner publishes: the ownership proof, and where to send the traffic. */
export function dnsRecordsFor(d: Pick<TenantDomain, "domain" | "verificationToken">): DnsRecord[] {
  return [
    { type: "TXT", host: challengeName(d.domain), value: d.verificationToken, ttl: 300, purpose: "verification" },
    // An apex domain cannot hold a CNAME: there, an ALIAS/ANAME (or A records to the same addresses) does the job.
    { type: "CNAME", host: d.domain, value: rootHostname(), ttl: 300, purpose: "routing" },
  ];
}

/**
 * A domain as callers see it. Not verified yet and still re-checked every
 * minute: pending (with the last check's error, if any), until
 * `rechecks_until`; after that window it is failed.
 */
export function serializeDomain(d: TenantDomain, now = new Date()) {
  const rechecked = d.status === "pending" && withinRecheckWindow(d, now);
  return {
    id: d.id,
    domain: d.domain,
    primary: d.isPrimary,
    status: (d.status === "pending" && !rechecked ? "failed" : d.status) as "pending" | "verified" | "failed",
    rechecks_until: rechecked ? recheckEndsAt(d).toISOString() : null,
    ssl_enabled: d.sslEnabled,
    custom_routing: (d.customRouting as CustomRouting | null) ?? null,
    record_missing: d.recordMissingSince !== null,
    record_missing_since: d.recordMissingSince?.toISOString() ?? null,
    last_checked_at: d.lastCheckedAt?.toISOString() ?? null,
    last_error: d.lastError,
    verified_at: d.verifiedAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
    verification: { type: "TXT" as const, host: challengeName(d.domain), value: d.verificationToken },
  };
}
export type DomainView = ReturnType<typeof serializeDomain>;
