import { callerFromApiKey } from "@/lib/auth/api-keys";
import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { callerFromSessionCookie } from "@/lib/auth/session-caller";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/http/errors";
import { withIdempotency } from "@/lib/http/idempotency";
import { readJsonBody } from "@/lib/http/read-body";
import { failure } from "@/lib/http/respond";
import { newId } from "@/lib/ids";

export type RouteContext<P> = { req: Request; caller: Caller; params: P; body: unknown; query: URLSearchParams };
type Handler<P> = (ctx: RouteContext<P>) => Promise<Response>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function requestMeta(req: Request, requestId: string): RequestMeta {
  return {
    ip: clientIp(req.headers.get("x-forwarded-for")),
    userAgent: req.headers.get("user-agent"),
    requestId,
  };
}

/**
 * Who is calling: a Bearer API key, or a console session cookie. Cookie-borne
 * mutations must come from a page on this same host (Origin check; a missing
 * or "null" Origin is refused), which is what stops cross-site requests.
 */
export async function resolveCaller(req: Request, meta: RequestMeta): Promise<Caller> {
  const host = (req.headers.get("host") ?? "").toLowerCase();
  // Platform keys and staff sessions act on the platform API only on the console's host;
  // a tenant's host serves that tenant alone.
  if (host !== env.rootDomain) throw new AppError("cross_tenant_access_denied", "The platform API is served only on the console host");
  const auth = req.headers.get("authorization");
  if (auth !== null) {
    const m = auth.match(/^Bearer\s+(\S+)$/i);
    const caller = m ? await callerFromApiKey(m[1], meta) : null;
    if (!caller) throw new AppError("authentication_required", "The API key is missing, malformed, unknown or revoked", undefined, { "WWW-Authenticate": "Bearer" });
    return caller;
  }
  const caller = await callerFromSessionCookie(req.headers.get("cookie"), host, meta);
  if (!caller) throw new AppError("authentication_required", "Send an API key as 'Authorization: Bearer <key>' or sign in", undefined, { "WWW-Authenticate": "Bearer" });
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
  return caller;
}

/**
 * The thin shell every /api/v1 handler sits in: request id, caller, body
 * parsing (1 MB, JSON only), Idempotency-Key on POST, and one translation of
 * errors into the envelope. Authorisation itself happens in the services.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 64) || newId("req");
    try {
      const meta = requestMeta(req, requestId);
      const caller = await resolveCaller(req, meta);
      const params = ctx?.params ? await ctx.params : ({} as P);
      const query = new URL(req.url).searchParams;
      if (SAFE_METHODS.has(req.method) || req.method === "DELETE") {
        return withRequestId(await handler({ req, caller, params, body: undefined, query }), requestId);
      }
      const { json, text } = await readJsonBody(req);
      const run = async () => {
        try {
          return await handler({ req, caller, params, body: json, query });
        } catch (err) {
          return failure(err, requestId);
        }
      };
      const res = req.method === "POST" ? await withIdempotency(caller, req, text, run) : await run();
      return withRequestId(res, requestId);
    } catch (err) {
      return failure(err, requestId);
    }
  };
}

function withRequestId(res: Response, requestId: string): Response {
  res.headers.set("X-Request-Id", requestId);
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
