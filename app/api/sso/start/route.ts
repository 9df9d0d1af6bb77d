import { clientIp } from "@/lib/http/client-ip";
import { safeCallbackPath } from "@/lib/http/safe-callback";
import { recordSsoRefusal } from "@/lib/sso/record-sso-event";
import { bindingCookie, loginWithError, ssoRateLimited, ssoTenant } from "@/lib/sso/sso-route-helpers";
import { SsoRefusal } from "@/lib/sso/sso-refusal";
import { startSso } from "@/lib/sso/start-sso";

export const dynamic = "force-dynamic";

/**
 * "Continue with <IdP>" on a tenant's login page: sends the browser to the
 * tenant's identity provider (lib/sso/start-sso.ts). Tenant hosts only.
 */
export async function GET(req: Request): Promise<Response> {
  const site = await ssoTenant(req.headers.get("host"));
  if (!site) return new Response("Single sign-on is available on an organisation's own address only.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const ip = clientIp(req.headers);
  if (await ssoRateLimited(ip)) return loginWithError("too_many_attempts");
  const callbackUrl = safeCallbackPath(new URL(req.url).searchParams.get("callbackUrl") ?? undefined, "/");
  try {
    const { authorizationUrl, binding } = await startSso({ tenantId: site.tenant.id, host: site.host, callbackUrl });
    return new Response(null, { status: 303, headers: { location: authorizationUrl, "cache-control": "no-store", "set-cookie": bindingCookie(binding) } });
  } catch (err) {
    if (!(err instanceof SsoRefusal)) throw err;
    await recordSsoRefusal(site.tenant.id, err, { ip, userAgent: req.headers.get("user-agent")?.slice(0, 500) ?? null, requestId: null });
    return loginWithError(err.reason);
  }
}
