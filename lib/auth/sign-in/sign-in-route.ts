import { z } from "zod";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/read-body";
import { failure, success } from "@/lib/http/respond";
import { normalizeHost, resolveHost } from "@/lib/tenancy/resolve-host";

/** Where a sign-in request came: the console (staff) or an active tenant's host (its members). */
export type SignInSite = { kind: "console"; host: string } | { kind: "tenant"; host: string; tenantId: string; tenantSlug: string };

export type SignInRequest<B> = { req: Request; site: SignInSite; ip: string | null; userAgent: string | null; body: B; cookie: string | null };

const SMALL_BODY_BYTES = 16 * 1024;

/** The console, or an active tenant served at this host; anything else is not a place to sign in. */
export async function signInSite(rawHost: string | null): Promise<SignInSite> {
  const host = normalizeHost(rawHost);
  if (host === env.rootDomain) return { kind: "console", host };
  const r = await resolveHost(host);
  if (r.kind !== "tenant") throw new AppError("tenant_not_found", "No tenant is served at this host");
  if (r.tenant.status !== "active") throw new AppError("tenant_suspended", "This workspace is suspended");
  return { kind: "tenant", host, tenantId: r.tenant.id, tenantSlug: r.tenant.slug };
}

/** Same-origin only: a page of another site must not drive a sign-in step (login CSRF) with the visitor's browser. */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  let originHost: string | null = null;
  try {
    originHost = origin && origin !== "null" ? new URL(origin).host.toLowerCase() : null;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== normalizeHost(req.headers.get("host"))) throw new AppError("origin_not_allowed", "This request must be sent from this site itself");
}

/**
 * A POST handler for the sign-in pipeline's own routes (app/api/sign-in/*,
 * not the public /api/v1): same-origin, on the console or an active tenant's
 * host, a small JSON body checked by `schema` (400 naming the field), and the
 * usual JSON envelope. Each handler rate-limits the secret it checks.
 */
export function signInRoute<S extends z.ZodType>(schema: S, handler: (r: SignInRequest<z.output<S>>) => Promise<unknown>) {
  return async function POST(req: Request): Promise<Response> {
    try {
      assertSameOrigin(req);
      const site = await signInSite(req.headers.get("host"));
      const { json } = await readJsonBody(req, SMALL_BODY_BYTES);
      const body = parseOrThrow(schema, json);
      const data = await handler({ req, site, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent")?.slice(0, 500) ?? null, body, cookie: req.headers.get("cookie") });
      return success(data);
    } catch (err) {
      return failure(err);
    }
  };
}
