import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/http/errors";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { newId } from "@/lib/ids";
import { redeemImpersonationEntry } from "@/lib/impersonation/enter-portal";
import { log } from "@/lib/observability/logger";

// Entry links are spent at once by a browser the console just sent here; a guesser gets few tries.
const ENTRIES_PER_IP_PER_MINUTE = 20;

const redirectTo = (req: Request, pathAndHash: string) =>
  new Response(null, { status: 303, headers: { Location: pathAndHash, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });

/**
 * GET /api/impersonation/enter?token=… on the tenant's host: the console's
 * "Open portal as support" lands here. A top-level navigation from the console
 * (another origin), so the single-use, host-bound token is the credential.
 * The sign-in ticket goes on in the fragment (never sent to a server or a
 * Referer) to the page that turns it into the session cookie.
 */
export async function GET(req: Request): Promise<Response> {
  const host = (req.headers.get("host") ?? "").toLowerCase();
  const token = new URL(req.url).searchParams.get("token") ?? "";
  try {
    await enforceRateLimit(`impersonation_entry:ip:${clientIp(req.headers) ?? "unknown"}`, ENTRIES_PER_IP_PER_MINUTE, 60, "support entries");
    const ticket = await redeemImpersonationEntry(token, host, { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent"), requestId: newId("req") });
    return redirectTo(req, `/support-access/enter#ticket=${encodeURIComponent(ticket)}`);
  } catch (err) {
    const message = err instanceof AppError ? err.message : "Support entry failed";
    if (!(err instanceof AppError)) log.error({ component: "impersonation", err }, "support access entry failed");
    return redirectTo(req, `/support-access/enter#error=${encodeURIComponent(message)}`);
  }
}
