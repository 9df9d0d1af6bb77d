import { NextResponse, type NextRequest } from "next/server";
import { newCspNonce, portalContentSecurityPolicy } from "@/lib/http/content-security-policy";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { HOST_INDEPENDENT_PATHS, routeRequest } from "@/lib/tenancy/route-request";

/**
 * Host → tenant, then rewrite or redirect; nothing else. Tenant hosts are
 * served by the portal under /t/<slug>/…, which checks the host again itself:
 * this proxy is never the only guard (pages, route handlers and services
 * authorise on their own). The decision itself is routeRequest's, which
 * POST …/domains/test runs too.
 */
export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (HOST_INDEPENDENT_PATHS.has(pathname)) return NextResponse.next();
  // A NUL in a page's address would reach SQL from a server component and end in an error page.
  // API routes refuse it themselves, naming the parameter (apiRoute); pages get a plain 400 here.
  if (!pathname.startsWith("/api/") && /%00/.test(`${pathname}${search}`)) {
    return new NextResponse("Bad request: the address contains a NUL character (%00).\n", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const decision = routeRequest(await resolveHost(req.headers.get("host")), pathname, search);
  switch (decision.kind) {
    case "redirect":
      return NextResponse.redirect(decision.location, decision.status);
    case "error":
      return jsonError(decision.status, decision.code, decision.message);
    case "next": {
      // Only the console host's pages get here without /api/: they carry the portal's nonce policy too.
      const csp = pathname.startsWith("/api/") ? null : portalContentSecurityPolicy(newCspNonce());
      const res = csp ? withCsp(NextResponse.next({ request: { headers: requestWithCsp(req, csp) } }), csp) : NextResponse.next();
      return decision.noStore ? withNoStore(res) : res;
    }
    case "rewrite": {
      // Portal pages carry a per-request nonce policy; Next reads it from the request to mark its scripts.
      const csp = decision.path.startsWith("/t/") ? portalContentSecurityPolicy(newCspNonce()) : null;
      const target = new URL(decision.path, req.url);
      const res = csp ? withCsp(NextResponse.rewrite(target, { request: { headers: requestWithCsp(req, csp) } }), csp) : NextResponse.rewrite(target);
      for (const [name, value] of Object.entries(decision.headers ?? {})) res.headers.set(name, value);
      return decision.noStore ? withNoStore(res) : res;
    }
  }
}

function requestWithCsp(req: NextRequest, csp: string): Headers {
  const headers = new Headers(req.headers);
  headers.set("Content-Security-Policy", csp);
  return headers;
}

function withCsp(res: NextResponse, csp: string): NextResponse {
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

function withNoStore(res: NextResponse): NextResponse {
  res.headers.set("Cache-Control", "private, no-store");
  return res;
}

function jsonError(status: number, code: string, message: string): NextResponse {
  return NextResponse.json({ status: "error", error: { code, message } }, { status, headers: { "Cache-Control": "private, no-store" } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
