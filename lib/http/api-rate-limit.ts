import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { appPool } from "@/lib/db/pools";
import { AppError } from "@/lib/http/errors";
import { RATE_LIMIT_CLASSES, planApiCallsPerHour, type RateLimitClass } from "@/lib/http/rate-limit-classes";
import { describeWait, describeWindow } from "@/lib/http/rate-limit";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * The per-request API limits: seed 000's classes per caller and per tenant,
 * and the plan's hourly allowance for a tenant's API keys, all taken in one
 * call to atrium_take_api_limits (all or none; see its migration for the
 * counting), so every instance shares them. Answers carry the IETF
 * ratelimit-headers draft's `RateLimit-Policy` and `RateLimit` fields.
 */

/** One limit a request is counted against: `name` is the policy name the headers show. */
export type LimitPolicy = { name: string; key: string; limit: number; windowSeconds: number; what: string };
export type LimitState = LimitPolicy & { remaining: number; resetSeconds: number };

/** Who a request is counted against: the user, the API key, or — with neither — the client address (never a header the client wrote: clientIp()). */
export type RateLimitSubject = { kind: "user" | "key" | "ip"; id: string };

export function subjectOfCaller(caller: Caller): RateLimitSubject | null {
  if (caller.kind === "system") return null;
  return caller.kind === "user" ? { kind: "user", id: caller.id } : { kind: "key", id: caller.id };
}

export function subjectOfActor(actor: TenantActor): RateLimitSubject | null {
  if (actor.kind === "platform") return subjectOfCaller(actor.caller);
  return actor.kind === "member" ? { kind: "user", id: actor.userId } : { kind: "key", id: actor.id };
}

export const anonymousSubject = (meta: RequestMeta): RateLimitSubject => ({ kind: "ip", id: meta.ip ?? "unknown" });

/** The limits one request of class `cls` is counted against. */
export function policiesFor(cls: RateLimitClass, subject: RateLimitSubject, opts: { tenantId?: string | null; tenantKeyPlan?: string | null } = {}): LimitPolicy[] {
  const c = RATE_LIMIT_CLASSES[cls];
  const limit = c.limit();
  const policies: LimitPolicy[] = [{ name: cls, key: `api:${cls}:${subject.kind}:${subject.id}`, limit, windowSeconds: c.windowSeconds, what: `${c.label} from this ${subject.kind === "ip" ? "address" : subject.kind === "key" ? "API key" : "user"}` }];
  if (opts.tenantId) policies.push({ name: `${cls}_per_tenant`, key: `api:${cls}:tenant:${opts.tenantId}`, limit, windowSeconds: c.windowSeconds, what: `${c.label} for this tenant` });
  if (opts.tenantId && opts.tenantKeyPlan) {
    policies.push({ name: "api_key_hourly", key: `api:plan:tenant:${opts.tenantId}`, limit: planApiCallsPerHour(opts.tenantKeyPlan), windowSeconds: 3600, what: `requests by this tenant's API keys (${opts.tenantKeyPlan} plan)` });
  }
  return policies;
}

/** Takes one request from every policy, or from none when one is used up. */
export async function takeLimits(policies: LimitPolicy[]): Promise<{ allowed: boolean; states: LimitState[] }> {
  const { rows } = await appPool().query<{ allowed: boolean; remaining: number; reset_ms: string }>("SELECT allowed, remaining, reset_ms FROM atrium_take_api_limits($1::text[], $2::int[], $3::int[])", [
    policies.map((p) => p.key),
    policies.map((p) => p.limit),
    policies.map((p) => p.windowSeconds),
  ]);
  const states = policies.map((p, i) => ({ ...p, remaining: Math.max(0, rows[i].remaining), resetSeconds: Math.max(0, Math.ceil(Number(rows[i].reset_ms) / 1000)) }));
  return { allowed: rows.every((r) => r.allowed), states };
}

/**
 * `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers:
 * lists of String items with q/w and r/t parameters), every policy that
 * applied, the one closest to exhaustion first. `t` is when the oldest request
 * counted leaves the window, so with `r=0` it is when the next one is allowed.
 */
export function rateLimitHeaders(states: LimitState[]): Record<string, string> {
  const sorted = [...states].sort((a, b) => a.remaining / a.limit - b.remaining / b.limit);
  return {
    "RateLimit-Policy": sorted.map((s) => `"${s.name}";q=${s.limit};w=${s.windowSeconds}`).join(", "),
    RateLimit: sorted.map((s) => `"${s.name}";r=${s.remaining};t=${s.resetSeconds}`).join(", "),
  };
}

/** `429 rate_limit_exceeded` naming the limit that refused (the longest wait when several did), with Retry-After and the headers. */
export function rateLimitExceeded(states: LimitState[]): AppError {
  const blocking = states.filter((s) => s.remaining === 0).sort((a, b) => b.resetSeconds - a.resetSeconds)[0] ?? states[0];
  const retryAfter = Math.max(1, blocking.resetSeconds);
  return new AppError(
    "rate_limit_exceeded",
    `Too many ${blocking.what}: at most ${blocking.limit} per ${describeWindow(blocking.windowSeconds)}. Try again in ${describeWait(retryAfter)}.`,
    { limit: blocking.limit, window_seconds: blocking.windowSeconds, retry_after_seconds: retryAfter, policy: blocking.name },
    { "Retry-After": String(retryAfter), ...rateLimitHeaders(states) },
  );
}

/** Takes the request from `policies`; answers the headers to send, or throws the 429. */
export async function enforceLimits(policies: LimitPolicy[]): Promise<Record<string, string>> {
  const { allowed, states } = await takeLimits(policies);
  if (!allowed) throw rateLimitExceeded(states);
  return rateLimitHeaders(states);
}

/**
 * For services that server actions call too (tenant creation, domain
 * configuration): the same limits as the API's, unless apiRoute already took
 * this request's class (so an API request is counted once). Atrium's own jobs
 * and scripts are not limited.
 */
export async function enforceUseCaseLimit(cls: RateLimitClass, who: { caller: Caller } | { actor: TenantActor }, tenantId: string | null): Promise<void> {
  const meta = "caller" in who ? who.caller.meta : who.actor.kind === "platform" ? who.actor.caller.meta : who.actor.meta;
  if (meta.rateLimitClass === cls) return;
  const subject = "caller" in who ? subjectOfCaller(who.caller) : subjectOfActor(who.actor);
  if (!subject) return;
  await enforceLimits(policiesFor(cls, subject, { tenantId }));
}

export async function pruneApiRateLimits(): Promise<void> {
  await appPool().query("DELETE FROM api_rate_limits WHERE expires_at < now()");
}
