import { AppError } from "@/lib/http/errors";
import { normalizeHost } from "@/lib/tenancy/resolve-host";

/**
 * For plain POST routes a browser page calls (app/api/account/*): the Origin
 * must be this very host, so another site cannot make a visitor's browser
 * post to it. A missing or "null" Origin is refused (every browser sends one
 * on a cross-origin or fetch POST).
 */
export function assertSameOrigin(req: Request): string {
  const host = normalizeHost(req.headers.get("host"));
  const origin = req.headers.get("origin");
  let originHost: string | null = null;
  try {
    originHost = origin && origin !== "null" ? normalizeHost(new URL(origin).host) : null;
  } catch {
    originHost = null;
  }
  if (!host || originHost !== host) throw new AppError("origin_not_allowed", "This request must come from a page of this site (Origin header missing or foreign)");
  return host;
}
