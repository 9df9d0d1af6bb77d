import { clientIp } from "@/lib/http/client-ip";
import { finishSso } from "@/lib/sso/finish-sso";
import { clearBindingCookie, loginWithError, readCookie, seeOther, ssoRateLimited, ssoTenant } from "@/lib/sso/sso-route-helpers";
import { SSO_BINDING_COOKIE } from "@/lib/sso/start-sso";

export const dynamic = "force-dynamic";

/**
 * Where the identity provider sends the member back (lib/sso/finish-sso.ts).
 * Success hands the sign-in ticket to the portal's /login/sso page in the
 * URL fragment (never sent to a server, so no log or Referer holds it), which
 * redeems it with completeSignIn; a refusal goes back to the login page with
 * its reason.
 */
export async function GET(req: Request): Promise<Response> {
  const site = await ssoTenant(req.headers.get("host"));
  if (!site) return new Response("Not found", { status: 404 });
  const ip = clientIp(req.headers);
  const clear = [clearBindingCookie()];
  if (await ssoRateLimited(ip)) return loginWithError("too_many_attempts", clear);
  const outcome = await finishSso({
    tenantId: site.tenant.id,
    host: site.host,
    search: new URL(req.url).searchParams,
    binding: readCookie(req.headers.get("cookie"), SSO_BINDING_COOKIE),
    meta: { ip, userAgent: req.headers.get("user-agent")?.slice(0, 500) ?? null, requestId: null },
  });
  if (!outcome.ok) return loginWithError(outcome.refusal.reason, clear);
  const fragment = new URLSearchParams({ ticket: outcome.ticket, next: outcome.callbackUrl });
  return seeOther(`/login/sso#${fragment.toString()}`, clear);
}
