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
  const decision = routeRequest(await resolveHost(req.headers.get("host")), pathname, search);
  switch (decision.kind) {
    case "redirect":
      return NextResponse.redirect(decision.location, decision.status);
    case "error":
      return jsonError(decision.status, decision.code, decision.message);
    case "next":
      return decision.noStore ? withNoStore(NextResponse.next()) : NextResponse.next();
    case "rewrite": {
      // Portal pages carry a per-request nonce policy; Next reads it from the request to mark its scripts.
      const csp = decision.path.startsWith("/t/") ? portalContentSecurityPolicy(newCspNonce()) : null;
      const requestHeaders = new Headers(req.headers);
      if (csp) requestHeaders.set("Content-Security-Policy", csp);
      const res = NextResponse.rewrite(new URL(decision.path, req.url), csp ? { request: { headers: requestHeaders } } : undefined);
      if (csp) res.headers.set("Content-Security-Policy", csp);
      for (const [name, value] of Object.entries(decision.headers ?? {})) res.headers.set(name, value);
      return decision.noStore ? withNoStore(res) : res;
    }
  }
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
