import { systemCaller } from "@/lib/auth/caller";
import { publishEvent } from "@/lib/events/publish-event";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { checkChallenge, type ChallengeResult } from "@/lib/domains/dns-resolver";
import { CLAIMED_ELSEWHERE, verifiedOwner } from "@/lib/domains/domain-claim";
import type { TenantDomain } from "@/lib/generated/prisma/client";
import { PENDING_WINDOW_MS } from "@/lib/domains/recheck-window";
import { log } from "@/lib/observability/logger";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PENDING_EVERY_MS = MINUTE;
const VERIFIED_EVERY_MS = HOUR;
const MISSING_EVERY_MS = 5 * MINUTE;
/**
 * How long a verified domain keeps routing after its record disappeared. One
 * failed look must not take a customer's portal down (a zone being edited, a
 * flaky authoritative server), but a domain whose owner has really gone stops
 * being served, and stops getting certificates, after this.
 */
export const RECORD_GRACE_MS = 72 * HOUR;

type Summary = { checked: number; verified: number; flagged: number; restored: number; lost: number };

function due(d: TenantDomain, now: number): boolean {
  const last = d.lastCheckedAt?.getTime() ?? 0;
  if (d.status === "verified") return now - last >= (d.recordMissingSince ? MISSING_EVERY_MS : VERIFIED_EVERY_MS);
  return now - d.createdAt.getTime() < PENDING_WINDOW_MS && now - last >= PENDING_EVERY_MS;
}

/**
 * The maintenance job's DNS sweep. Pending and failed domains get verified as
 * soon as their record appears; verified ones whose record is gone are flagged
 * (`record_missing_since`, `last_error`; still routed) and turn `failed` after
 * RECORD_GRACE_MS. A resolver that does not answer changes nothing but last_error.
 * `tenantIds` narrows the sweep (tests running side by side sweep only their own tenants).
 */
export async function recheckDomains(now = new Date(), limit = 200, opts: { tenantIds?: string[] } = {}): Promise<Summary> {
  const t = now.getTime();
  const candidates = await withPlatformScope((tx) =>
    tx.tenantDomain.findMany({
      where: {
        ...(opts.tenantIds ? { tenantId: { in: opts.tenantIds } } : {}),
        OR: [
          { status: "verified", OR: [{ lastCheckedAt: null }, { lastCheckedAt: { lte: new Date(t - MISSING_EVERY_MS) } }] },
          { status: { in: ["pending", "failed"] }, createdAt: { gt: new Date(t - PENDING_WINDOW_MS) }, OR: [{ lastCheckedAt: null }, { lastCheckedAt: { lte: new Date(t - PENDING_EVERY_MS) } }] },
        ],
      },
      orderBy: [{ lastCheckedAt: { sort: "asc", nulls: "first" } }],
      take: limit,
    }),
  );
  const summary: Summary = { checked: 0, verified: 0, flagged: 0, restored: 0, lost: 0 };
  const rows = candidates.filter((d) => due(d, t));
  // A few lookups at a time: each may wait out the resolver's timeout.
  for (let i = 0; i < rows.length; i += 10) {
    const batch = rows.slice(i, i + 10);
    const results = await Promise.all(batch.map((d) => checkChallenge(d.domain, d.verificationToken)));
    for (const [j, d] of batch.entries()) {
      const outcome = await apply(d, results[j], now).catch((err: unknown) => {
        log.error({ component: "jobs", domain: d.domain, err }, "domain re-check failed");
        return null;
      });
      summary.checked++;
      if (outcome) summary[outcome]++;
    }
  }
  return summary;
}

type Outcome = "verified" | "flagged" | "restored" | "lost" | null;

async function apply(d: TenantDomain, r: ChallengeResult, now: Date): Promise<Outcome> {
  let data: Partial<Pick<TenantDomain, "status" | "verifiedAt" | "lastError" | "recordMissingSince">>;
  let outcome: Outcome = null;
  if (d.status !== "verified") {
    // Pending stays pending while DNS propagates; only an explicit Verify marks a domain failed.
    data = r.kind === "match" ? { status: "verified", verifiedAt: d.verifiedAt ?? now, lastError: null, recordMissingSince: null } : { lastError: r.error };
    if (r.kind === "match") outcome = "verified";
  } else if (r.kind === "match") {
    data = { lastError: null, recordMissingSince: null };
    if (d.recordMissingSince) outcome = "restored";
  } else if (r.kind === "unreachable") {
    data = { lastError: r.error };
  } else if (!d.recordMissingSince) {
    data = { lastError: r.error, recordMissingSince: now };
    outcome = "flagged";
  } else if (now.getTime() - d.recordMissingSince.getTime() >= RECORD_GRACE_MS) {
    data = { status: "failed", lastError: `${r.error} (missing since ${d.recordMissingSince.toISOString()}; no longer served)` };
    outcome = "lost";
  } else {
    data = { lastError: r.error };
  }
  return withTenantScope(d.tenantId, async (tx) => {
    if (outcome === "verified") {
      const owner = await verifiedOwner(tx, d.domain);
      // Another tenant proved it first: this one stays pending, saying why.
      if (owner && owner !== d.tenantId) {
        data = { lastError: CLAIMED_ELSEWHERE };
        outcome = null;
      }
    }
    // Only if nobody changed the domain meanwhile (a Verify click, a removal).
    const { count } = await tx.tenantDomain.updateMany({ where: { tenantId: d.tenantId, id: d.id, status: d.status, lastCheckedAt: d.lastCheckedAt }, data: { ...data, lastCheckedAt: now } });
    if (count === 0) return null;
    if (outcome) {
      const action = { verified: "domain.verified", flagged: "domain.record_missing", restored: "domain.record_restored", lost: "domain.verification_lost" }[outcome];
      await publishEvent(tx, systemCaller("domain re-check"), {
        tenantId: d.tenantId,
        action,
        targetType: "domain",
        targetId: d.id,
        targetLabel: d.domain,
        before: { status: d.status, record_missing_since: d.recordMissingSince?.toISOString() ?? null },
        after: { domain: d.domain, status: data.status ?? d.status, error: data.lastError ?? null },
      });
    }
    return outcome;
  });
}
