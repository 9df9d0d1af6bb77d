import { NextResponse, type NextRequest } from "next/server";
import { resolveHost } from "@/lib/tenancy/resolve-host";

/**
 * Host → tenant, then rewrite; nothing else. Tenant hosts are served by the
 * portal under /t/<slug>/…, which checks the host again itself: this proxy is
 * never the only guard (pages, route handlers and services authorise on their own).
 */
export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const resolution = await resolveHost(req.headers.get("host"));
  const isApi = pathname.startsWith("/api/");

  if (resolution.kind === "root") {
    // The portal's internal paths are not addressable from the console host.
    if (pathname === "/t" || pathname.startsWith("/t/")) return NextResponse.rewrite(new URL("/t/_/not-found", req.url));
    return NextResponse.next();
  }
  if (resolution.kind === "unknown") {
    if (isApi) return jsonError(404, "tenant_not_found", "No tenant is served at this host");
    return NextResponse.rewrite(new URL("/t/_/not-found", req.url));
  }

  const { tenant } = resolution;
  if (isApi) {
    if (tenant.status === "suspended") return jsonError(403, "tenant_suspended", "This tenant is suspended");
    if (tenant.status !== "active") return jsonError(404, "tenant_not_found", "No tenant is served at this host");
    return withNoStore(NextResponse.next());
  }
  return withNoStore(NextResponse.rewrite(new URL(`/t/${tenant.slug}${pathname === "/" ? "" : pathname}${search}`, req.url)));
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
