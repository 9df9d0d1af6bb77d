import type { AuthenticatedKey } from "@/lib/auth/api-keys";
import type { Caller, RequestMeta } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { log } from "@/lib/observability/logger";

/**
 * Access logs (seed 004 "access logs", "access violations"): sign-in
 * attempts, API keys used from a new address, and permission-denied answers.
 * Each goes through publishEvent in its own short transaction on the chain it
 * concerns (a tenant's, or the platform's when there is no tenant), and a
 * failure to record never changes the answer the request gets: it is logged.
 */

/** Runs `fn` in the chain's scope: a tenant's, or platform scope for platform events. */
function inChainScope<T>(tenantId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return tenantId === null ? withPlatformScope(fn) : withTenantScope(tenantId, fn);
}

async function bestEffort(what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    log.error({ component: "audit", what, err }, "could not record an access event");
  }
}

export type SignInFailure =
  | "unknown_email"
  | "wrong_password"
  | "suspended"
  | "not_a_member"
  | "not_staff"
  | "rate_limited"
  // Passkeys (lib/auth/passkeys): no passkey of this host has that credential id; the assertion did not verify; its counter did not advance (a cloned authenticator); the tenant's policy does not allow passkeys.
  | "passkey_unknown"
  | "passkey_rejected"
  | "passkey_cloned"
  | "method_not_allowed";
export type SignInAttempt = {
  /** Where: the console (staff), a tenant's portal, or the invitation page proving an account's password. */
  portal: "console" | "tenant" | "invitation";
  /** The tenant whose host it was (portal sign-ins). */
  tenantId: string | null;
  email: string;
  /** The account the email names, when there is one. */
  userId: string | null;
  outcome: "succeeded" | SignInFailure;
  meta: RequestMeta;
  /** How: a password unless said otherwise ("passkey" for a passwordless sign-in or a passkey second factor). */
  method?: "passkey";
};

// Refused-while-throttled attempts are the flood: at most one record per address (or email) a minute.
const THROTTLED_RECORDS_PER_MINUTE = 1;

/**
 * sign_in.succeeded / sign_in.failed (with `reason`), never the password. An
 * attempt on a tenant's host by an account that exists goes to that tenant's
 * chain; one for an unknown email (or on the console) to the platform's.
 */
export async function recordSignInAttempt(attempt: SignInAttempt): Promise<void> {
  await bestEffort("a sign-in attempt", async () => {
    if (attempt.outcome === "rate_limited") {
      const take = await consumeRateLimit(`audit:signin-throttled:${attempt.meta.ip ?? attempt.email}`, THROTTLED_RECORDS_PER_MINUTE, 60);
      if (!take.allowed) return;
    }
    const tenantId = attempt.portal === "tenant" && attempt.userId !== null ? attempt.tenantId : null;
    const caller: Caller =
      attempt.userId !== null
        ? { kind: "user", id: attempt.userId, label: attempt.email, platformRole: null, permissions: new Set(), meta: attempt.meta }
        : { kind: "system", id: null, label: `Sign-in attempt as ${attempt.email}`, permissions: new Set(), meta: attempt.meta };
    const ok = attempt.outcome === "succeeded";
    await inChainScope(tenantId, (tx) =>
      publishEvent(tx, caller, {
        tenantId,
        action: ok ? "sign_in.succeeded" : "sign_in.failed",
        targetType: "user",
        targetId: attempt.userId,
        targetLabel: attempt.email,
        after: { email: attempt.email, portal: attempt.portal, ...(attempt.method ? { method: attempt.method } : {}), ...(attempt.tenantId ? { tenant_id: attempt.tenantId } : {}), ...(ok ? {} : { reason: attempt.outcome }) },
      }),
    );
  });
}

// Addresses remembered per key; beyond it the oldest is forgotten (and would count as new again).
const MAX_IPS_PER_KEY = 50;
// Per process, so a busy key costs no database write per request once its address is known.
const knownKeyIps = new Map<string, true>();
const KNOWN_CACHE_SIZE = 10_000;

/**
 * api_key.used_from_new_ip: the first request a key makes from an address it
 * has not been used from (its first use at all included).
 */
export async function noteApiKeyAddress(key: AuthenticatedKey, meta: RequestMeta): Promise<void> {
  const ip = meta.ip;
  if (!ip) return;
  const cacheKey = `${key.id} ${ip}`;
  if (knownKeyIps.has(cacheKey)) return;
  await bestEffort("an API key's new address", async () => {
    await inChainScope(key.tenantId, async (tx) => {
      const inserted = await tx.$queryRaw<{ ip: string }[]>`
        INSERT INTO api_key_ips (key_id, tenant_id, ip) VALUES (${key.id}, ${key.tenantId}, ${ip}) ON CONFLICT (key_id, ip) DO NOTHING RETURNING ip`;
      if (inserted.length === 0) return;
      await tx.$executeRaw`
        DELETE FROM api_key_ips WHERE key_id = ${key.id} AND ip IN (
          SELECT ip FROM api_key_ips WHERE key_id = ${key.id} ORDER BY first_seen_at DESC, ip OFFSET ${MAX_IPS_PER_KEY})`;
      const caller: Caller = { kind: "api_key", id: key.id, label: `API key ${key.name}`, permissions: new Set(), meta };
      await publishEvent(tx, caller, { tenantId: key.tenantId, action: "api_key.used_from_new_ip", targetType: "api_key", targetId: key.id, targetLabel: key.name, after: { ip, name: key.name } });
    });
    if (knownKeyIps.size >= KNOWN_CACHE_SIZE) knownKeyIps.delete(knownKeyIps.keys().next().value!);
    knownKeyIps.set(cacheKey, true);
  });
}

export type AccessDenial = {
  caller: Caller;
  /** The tenant whose chain it goes to: the caller's own (a tenant key's); null for platform callers. */
  tenantId: string | null;
  /** "GET /api/v1/tenants/{id}/audit-log/verify" */
  operation: string;
  requiredPermission: string | null;
  code: string;
  /** The tenant the request named, when it named one. */
  targetTenantId: string | null;
};

const DENIALS_RECORDED_PER_MINUTE = 1;

/**
 * access.denied: a 403 the API answered. At most one per caller and operation
 * a minute (the rate-limit table, in the same transaction), so a flood of
 * refused requests cannot flood the audit log.
 */
export async function recordAccessDenied(denial: AccessDenial): Promise<void> {
  await bestEffort("an access denial", () =>
    inChainScope(denial.tenantId, async (tx) => {
      const who = `${denial.caller.kind}:${denial.caller.id ?? denial.caller.label}`;
      const take = await consumeRateLimit(`audit:denied:${who}:${denial.operation}`, DENIALS_RECORDED_PER_MINUTE, 60, { tx });
      if (!take.allowed) return;
      await publishEvent(tx, denial.caller, {
        tenantId: denial.tenantId,
        action: "access.denied",
        targetType: "operation",
        targetId: denial.operation,
        targetLabel: denial.operation,
        after: { operation: denial.operation, required_permission: denial.requiredPermission, code: denial.code, ...(denial.targetTenantId ? { tenant_id: denial.targetTenantId } : {}) },
      });
    }),
  );
}
