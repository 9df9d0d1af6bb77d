import { withContract, type ContractInput, type PathParams, type RouteContract } from "@/lib/api-contracts/define-route";
import { noteApiKeyAddress, recordAccessDenied } from "@/lib/audit/access-log";
import { authenticateApiKey, platformCallerFromKey, type AuthenticatedKey } from "@/lib/auth/api-keys";
import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { assertNotPendingEnrolment } from "@/lib/auth/second-factor/enrolment-required";
import { callerFromSessionCookie, memberFromSessionCookie } from "@/lib/auth/session-caller";
import { withTenantScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { AppError, assertStorableText, parseOrThrow } from "@/lib/http/errors";
import { withIdempotency } from "@/lib/http/idempotency";
import { readJsonBody } from "@/lib/http/read-body";
import { anonymousSubject, enforceLimits, policiesFor, subjectOfActor } from "@/lib/http/api-rate-limit";
import type { RateLimitClass } from "@/lib/http/rate-limit-classes";
import { authorizeRoute } from "@/lib/http/route-access";
import { errorCodeOf, failure } from "@/lib/http/respond";
import { newId } from "@/lib/ids";
import { observeRequest } from "@/lib/observability/request-observation";
import { apiCallsRefused, tenantKeyState } from "@/lib/limits/enforcement";
import { isIpAllowed } from "@/lib/security-policy/assert-ip-allowed";
import { platformActor, tenantKeyPermissions, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { apiCallMeter } from "@/lib/usage/api-call-meter";
import { resolveHost } from "@/lib/tenancy/resolve-host";

/**
 * `caller` is who asks, for platform-level checks (a tenant key holds no
 * platform permission); `actor` is who acts on a tenant, for tenant routes:
 * platform staff or keys on the console host, a tenant key on its tenant's host.
 */
export type RouteContext<P, I = unknown> = { req: Request; caller: Caller; actor: TenantActor; params: P; body: unknown; input: I; query: URLSearchParams };
type Handler<P, I> = (ctx: RouteContext<P, I>) => Promise<Response>;
/**
 * `readBody` replaces the JSON reader (raw uploads). Its `release` runs once
 * the answer is ready, whether or not the handler ran (an Idempotency-Key
 * replay or conflict never reaches it), so a spooled upload is never left behind.
 */
export type ApiRouteOptions = {
  readBody?: (req: Request) => Promise<{ json: unknown; text: string; release?: () => Promise<void> }>;
  /**
   * On a tenant's host, a GET may also come from the portal's own pages with the
   * member's session cookie (the command palette's search), not only a tenant key.
   * Reads only: cookie-authenticated changes on tenant hosts go through server actions.
   */
  memberSessions?: boolean;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function requestMeta(req: Request, requestId: string, rateLimitClass?: RateLimitClass): RequestMeta {
  return {
    ip: clientIp(req.headers),
    userAgent: req.headers.get("user-agent"),
    requestId,
    ...(rateLimitClass ? { rateLimitClass } : {}),
  };
}

const bearerToken = (auth: string) => auth.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
const unauthenticated = (message: string) => new AppError("authentication_required", message, undefined, { "WWW-Authenticate": "Bearer" });
const KEY_WITHOUT_PERMISSIONS = "This API key carries no permission (a key a member made stops when they are removed or suspended, or no longer hold what it granted); create a new key";

/**
 * Who is calling. On the console host: a platform API key, or a staff session
 * cookie (whose mutations must come from a page of this host: Origin check,
 * a missing or "null" Origin is refused). On a tenant's host: only that
 * tenant's own API keys; the tenant is implied by the host.
 */
export async function resolveCaller(
  req: Request,
  meta: RequestMeta,
  opts: Pick<ApiRouteOptions, "memberSessions"> = {},
): Promise<{ caller: Caller; actor: TenantActor; tenantKeyPlan: string | null; apiCallsEnforced?: { until: Date | null } | null }> {
  const host = (req.headers.get("host") ?? "").toLowerCase();
  const auth = req.headers.get("authorization");
  const key = auth === null ? null : await authenticateApiKey(bearerToken(auth) ?? "");
  if (host !== env.rootDomain) {
    const resolution = await resolveHost(host);
    if (resolution.kind !== "tenant") throw new AppError("tenant_not_found", "No tenant is served at this host");
    // The proxy answers this first; checked again so no route depends on the proxy alone.
    if (resolution.tenant.status === "suspended") throw new AppError("tenant_suspended", "This tenant is suspended");
    if (resolution.tenant.status !== "active") throw new AppError("tenant_not_found", "No tenant is served at this host");
    if (auth === null && opts.memberSessions && SAFE_METHODS.has(req.method)) {
      const member = await memberFromSessionCookie(req.headers.get("cookie"), host, resolution.tenant.id, meta);
      if (member) {
        // The tenant's IP allowlist binds its members' sessions as it binds its keys (the portal's pages check it the same way).
        if (!(await isIpAllowed(resolution.tenant.id, meta.ip))) throw new AppError("ip_not_allowed", `This tenant's IP allowlist does not include ${meta.ip ?? "your address (unknown)"}`, { ip: meta.ip });
        const { actor } = member;
        return { caller: { kind: "user", id: actor.userId, label: actor.label, platformRole: null, permissions: new Set(), meta: actor.meta }, actor, tenantKeyPlan: null };
      }
    }
    if (!key) throw unauthenticated("Send this tenant's API key as 'Authorization: Bearer <key>'");
    // Platform keys and other tenants' keys are not valid here: a tenant's host serves that tenant alone.
    if (key.scope !== "tenant" || key.tenantId !== resolution.tenant.id) {
      throw await keyRefusedHere(req, key, meta, resolution.tenant.id, new AppError("cross_tenant_access_denied", "This key is not valid on this tenant's host"));
    }
    // A key that can do nothing any more (its creator was removed or suspended) is no credential at all, on every route.
    // Read once here and carried on the actor: the route's access check uses it, the services re-read it under their lock.
    const tenantId = key.tenantId;
    // The plan, read in the same transaction, sets the tenant's hourly API allowance; the same row says whether the
    // tenant's keys are refused for being over the daily API calls (lib/limits/enforcement.ts), at no extra round trip.
    const { effective, state } = await withTenantScope(tenantId, async (tx) => ({
      effective: await tenantKeyPermissions(tx, tenantId, key.id, key.permissions),
      state: await tenantKeyState(tx, tenantId),
    }));
    if (effective.size === 0) throw unauthenticated(KEY_WITHOUT_PERMISSIONS);
    // The tenant's IP allowlist binds its keys too (meta.ip is clientIp: TRUSTED_PROXY_COUNT decides what X-Forwarded-For counts).
    if (!(await isIpAllowed(tenantId, meta.ip))) {
      throw await keyRefusedHere(req, key, meta, tenantId, new AppError("ip_not_allowed", `This tenant's IP allowlist does not include ${meta.ip ?? "your address (unknown)"}`, { ip: meta.ip }));
    }
    await noteApiKeyAddress(key, meta);
    const label = `API key ${key.name}`;
    return {
      tenantKeyPlan: state.plan,
      apiCallsEnforced: state.enforced,
      caller: { kind: "api_key", id: key.id, label, permissions: new Set(), meta },
      actor: { kind: "api_key", id: key.id, tenantId: key.tenantId, label, permissions: key.permissions, effective, meta },
    };
  }
  if (auth !== null) {
    if (!key) throw unauthenticated("The API key is missing, malformed, unknown or revoked");
    if (key.scope !== "platform") throw await keyRefusedHere(req, key, meta, null, new AppError("cross_tenant_access_denied", "A tenant's API key is valid only on that tenant's host"));
    const caller = platformCallerFromKey(key, meta);
    if (caller.permissions.size === 0) throw unauthenticated(KEY_WITHOUT_PERMISSIONS);
    await noteApiKeyAddress(key, meta);
    return { caller, actor: platformActor(caller), tenantKeyPlan: null };
  }
  const caller = await callerFromSessionCookie(req.headers.get("cookie"), host, meta);
  if (!caller) {
    await assertNotPendingEnrolment(req.headers.get("cookie"), host);
    throw unauthenticated("Send an API key as 'Authorization: Bearer <key>' or sign in");
  }
  if (!SAFE_METHODS.has(req.method)) {
    const origin = req.headers.get("origin");
    let originHost: string | null = null;
    try {
      originHost = origin && origin !== "null" ? new URL(origin).host.toLowerCase() : null;
    } catch {
      originHost = null;
    }
    if (originHost !== host) throw new AppError("origin_not_allowed", "Cookie-authenticated changes must come from this site (Origin header missing or foreign)");
  }
  return { caller, actor: platformActor(caller), tenantKeyPlan: null };
}

/** access.denied for a real key used on a host it is not valid on (on the key's own chain), then the error to throw. */
async function keyRefusedHere(req: Request, key: AuthenticatedKey, meta: RequestMeta, hostTenantId: string | null, err: AppError): Promise<AppError> {
  await recordAccessDenied({
    caller: { kind: "api_key", id: key.id, label: `API key ${key.name}`, permissions: new Set(), meta },
    tenantId: key.tenantId,
    operation: `${req.method} ${new URL(req.url).pathname.slice(0, 200)}`,
    requiredPermission: null,
    code: err.code,
    targetTenantId: hostTenantId,
  });
  return err;
}

/**
 * The thin shell every /api/v1 handler sits in: request id, caller, the
 * contract's access (before the body is read), the contract's rate limit
 * (after access: a 401 or 403 costs the caller nothing, so nobody can spend a
 * user's or a tenant's allowance with requests that were never theirs to
 * make, and a refused caller learns nothing about the limits), body reading (1 MB unless the
 * contract says otherwise, JSON only) and parsing with the contract's schema,
 * Idempotency-Key on POST, and one translation of errors into the envelope.
 * The services authorise again in their own transactions.
 */
export function apiRoute<C extends RouteContract>(contract: C, handler: Handler<PathParams<C["path"]>, ContractInput<C>>, opts: ApiRouteOptions = {}) {
  type P = PathParams<C["path"]>;
  type I = ContractInput<C>;
  const access = contract.access;
  const rateLimit = contract.rateLimit;
  if (access === "public") throw new Error(`${contract.method} ${contract.path}: a public route does not go through apiRoute`);
  if (typeof rateLimit !== "string") throw new Error(`${contract.method} ${contract.path}: a route that goes through apiRoute counts against a rate-limit class`);
  const tenantRoute = contract.path.startsWith("/api/v1/tenants/{id}");
  return withContract<P>(contract, async (req, ctx) => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 64) || newId("req");
    const startedAt = performance.now();
    // The tenant this call is metered against (atrium_api_calls), once known for sure: a tenant key's own tenant, or the
    // tenant a route names after the caller was authorised for it (so nobody inflates another tenant's count).
    let meteredTenant: string | null = null;
    // For the request log and metrics: who asked and about which tenant, as far as the request got.
    let observedActor: { kind: string; id: string; tenantId: string | null } | null = null;
    const answer = (res: Response) => {
      const durationMs = performance.now() - startedAt;
      if (meteredTenant) apiCallMeter().record(meteredTenant, res.status, durationMs);
      observeRequest({
        kind: "api",
        requestId,
        method: req.method,
        route: `${contract.method} ${contract.path}`,
        status: res.status,
        durationMs,
        tenantId: meteredTenant ?? observedActor?.tenantId ?? null,
        actor: observedActor ? { kind: observedActor.kind, id: observedActor.id } : null,
        errorCode: errorCodeOf(res),
      });
      return res;
    };
    // Set once the request is counted: every answer after that, success or error, says where the caller stands.
    let limitHeaders: Record<string, string> = {};
    try {
      const meta = requestMeta(req, requestId, rateLimit);
      const { caller, actor, tenantKeyPlan, apiCallsEnforced } = await resolveCaller(req, meta, opts);
      if (actor.kind === "api_key") meteredTenant = actor.tenantId;
      observedActor =
        actor.kind === "platform"
          ? { kind: caller.kind, id: caller.id ?? "system", tenantId: null }
          : { kind: actor.kind, id: actor.kind === "member" ? actor.userId : actor.id, tenantId: actor.tenantId };
      const params = ctx?.params ? await ctx.params : ({} as P);
      await authorizeRoute(access, caller, actor, params).catch(async (err: unknown) => {
        if (err instanceof AppError && err.status === 403) await recordDenial(contract, access, caller, actor, params, err);
        throw err;
      });
      const query = new URL(req.url).searchParams;
      // Path parameters and the query are input like the body: NUL or broken Unicode is a 400 naming them, never a database error
      // (checked before the rate limit, whose keys hold the tenant id).
      assertStorableText(params);
      for (const [name, value] of query) assertStorableText({ [name]: value });
      // Only after the check: an id with a NUL would make the meter's whole batch fail to store.
      if (tenantRoute && typeof (params as { id?: unknown }).id === "string") meteredTenant = (params as { id: string }).id;
      // Over the daily API calls (+ grace) with auto_enforce on: the tenant's keys are refused until the next UTC day,
      // after the access check (a refused caller learns nothing about the tenant's state).
      if (apiCallsEnforced && contract.tenantEnforcement !== "exempt") throw apiCallsRefused(apiCallsEnforced.until);
      const subject = subjectOfActor(actor) ?? anonymousSubject(meta);
      const tenantId = tenantRoute ? (params as { id?: string }).id ?? null : null;
      limitHeaders = await enforceLimits(policiesFor(rateLimit, subject, { tenantId, tenantKeyPlan }));
      if (SAFE_METHODS.has(req.method) || req.method === "DELETE") {
        return answer(withHeaders(await handler({ req, caller, actor, params, body: undefined, input: undefined as I, query }), requestId, limitHeaders));
      }
      const { json, text, release }: Awaited<ReturnType<NonNullable<ApiRouteOptions["readBody"]>>> = opts.readBody ? await opts.readBody(req) : await readJsonBody(req, contract.maxBodyBytes);
      try {
        const run = async () => {
          try {
            // Parsed inside run() as before, so a replayed Idempotency-Key answers the first response without re-validating.
            const input = (contract.body && contract.bodyParsedBy !== "service" ? parseOrThrow(contract.body, json, contract.bodyErrorCode) : undefined) as I;
            return await handler({ req, caller, actor, params, body: json, input, query });
          } catch (err) {
            return failure(err, requestId);
          }
        };
        const res = req.method === "POST" ? await withIdempotency(caller, req, text, run) : await run();
        return answer(withHeaders(res, requestId, limitHeaders));
      } finally {
        await release?.();
      }
    } catch (err) {
      return answer(withHeaders(failure(err, requestId), requestId, limitHeaders));
    }
  });
}

/** access.denied for a 403 the route's access check answered (the caller's tenant chain, or the platform's). */
function recordDenial(contract: RouteContract, access: Exclude<RouteContract["access"], "public">, caller: Caller, actor: TenantActor, params: unknown, err: AppError): Promise<void> {
  const details = err.details as { permission?: unknown } | undefined;
  const named = (params as { id?: unknown } | null)?.id;
  return recordAccessDenied({
    caller,
    tenantId: actor.kind === "platform" ? null : actor.tenantId,
    operation: `${contract.method} ${contract.path}`,
    requiredPermission: typeof details?.permission === "string" ? details.permission : (access.tenant ?? access.platform ?? null),
    code: err.code,
    targetTenantId: typeof named === "string" ? named.slice(0, 64) : null,
  });
}

function withHeaders(res: Response, requestId: string, limitHeaders: Record<string, string>): Response {
  res.headers.set("X-Request-Id", requestId);
  // A 429's own headers (the state that refused it) are already there.
  for (const [name, value] of Object.entries(limitHeaders)) if (!res.headers.has(name)) res.headers.set(name, value);
  return res;
}

/** Query string → plain object, refusing repeated parameters rather than guessing. */
export function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) {
    if (k in out) throw new AppError("invalid_request", `Query parameter ${k} is given more than once`, [{ path: k, message: "Repeated" }]);
    out[k] = v;
  }
  return out;
}
