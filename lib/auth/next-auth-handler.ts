import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth-options";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { failure } from "@/lib/http/respond";
import { normalizeHost, resolveHost } from "@/lib/tenancy/resolve-host";

// next-auth builds its URLs (providers list, callback URL and cookie, redirect
// checks) from the headers it is given when AUTH_TRUST_HOST is set; the only
// headers it is ever given are the ones built below.
process.env.AUTH_TRUST_HOST = "true";

/** The host next-auth may speak for: the console's, or a tenant's host Atrium serves; null for anything else. */
async function servedHost(rawHost: string | null): Promise<string | null> {
  const host = normalizeHost(rawHost);
  if (host === env.rootDomain) return host;
  return (await resolveHost(host)).kind === "tenant" ? host : null;
}

async function formBody(req: Request): Promise<Record<string, string> | undefined> {
  if (req.method !== "POST") return undefined;
  const type = req.headers.get("content-type") ?? "";
  try {
    if (type.includes("application/json")) return (await req.json()) as Record<string, string>;
    if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(await req.text()));
  } catch {
    return undefined;
  }
  return undefined;
}

function cookiesOf(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    try {
      out[name] ??= decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed %-escape is a bad cookie, ignored like any other.
    }
  }
  return out;
}

/** The response next-auth writes through its (Node-style) API-route interface, collected into a web Response. */
class CollectedResponse {
  statusCode = 200;
  readonly headers = new Headers();
  body: string | null = null;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  getHeader(name: string) {
    return name.toLowerCase() === "set-cookie" ? this.headers.getSetCookie() : (this.headers.get(name) ?? undefined);
  }
  setHeader(name: string, value: string | string[]) {
    this.headers.delete(name);
    for (const v of Array.isArray(value) ? value : [value]) this.headers.append(name, v);
    return this;
  }
  json(value: unknown) {
    this.headers.set("Content-Type", "application/json");
    this.body = JSON.stringify(value);
  }
  send(value: unknown) {
    if (typeof value === "string") this.body = value;
    else if (value !== undefined) this.json(value);
  }
  end() {}
  toResponse(): Response {
    return new Response(this.body, { status: this.statusCode, headers: this.headers });
  }
}

/**
 * The /api/auth/* route handler. next-auth v4 would take its origin from
 * X-Forwarded-Host (with AUTH_TRUST_HOST), so a client sending
 * `X-Forwarded-Host: evil.test` would get evil.test into the providers list,
 * the callback URL and cookie, and the allowed-redirect origin. Here the
 * origin is built from the Host header alone — the host sessions are bound
 * to — after checking that Atrium serves it, with APP_PUBLIC_SCHEME's scheme;
 * any X-Forwarded-* / Forwarded a client sent is not passed on. This holds
 * whether or not Atrium's server (scripts/server.ts) normalised the request.
 */
export async function handleNextAuth(req: Request, ctx: { params: Promise<{ nextauth?: string[] }> }): Promise<Response> {
  const host = await servedHost(req.headers.get("host"));
  if (!host) return failure(new AppError("tenant_not_found", "No tenant is served at this host"));
  const headers: Record<string, string> = {};
  req.headers.forEach((value, name) => {
    if (!name.startsWith("x-forwarded-") && name !== "forwarded") headers[name] = value;
  });
  Object.assign(headers, { host, "x-forwarded-host": host, "x-forwarded-proto": env.publicScheme });
  const url = new URL(req.url);
  const nextauth = (await ctx.params).nextauth ?? [];
  const apiRequest = {
    method: req.method,
    headers,
    query: { ...Object.fromEntries(url.searchParams), nextauth },
    cookies: cookiesOf(req.headers.get("cookie")),
    body: await formBody(req),
  };
  const res = new CollectedResponse();
  // next-auth's Node-style (API route) entry point, which takes the request's headers from us rather than from next/headers.
  await (NextAuth as unknown as (req: unknown, res: unknown, options: typeof authOptions) => Promise<void>)(apiRequest, res, authOptions);
  return res.toResponse();
}
