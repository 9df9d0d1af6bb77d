import "server-only";
import { cookies, headers } from "next/headers";
import { assertSameOriginAction } from "@/lib/auth/current-caller";
import { signedInAccount, type SignedInAccount } from "@/lib/auth/sessions/session-of-request";
import { signInSite } from "@/lib/auth/sign-in/sign-in-route";
import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/http/errors";
import { currentRequestId, noteActionActor } from "@/lib/observability/action-context";

/**
 * For server actions about one's own sessions, on the console or a portal:
 * posted from this same host, by a fully signed-in account (staff on the
 * console, an active member on a tenant's host).
 */
export async function actionAccount(): Promise<SignedInAccount> {
  await assertSameOriginAction();
  const account = await pageAccount();
  if (!account) throw new AppError("authentication_required", "Your session has ended; sign in again");
  // Support staff act for the tenant, not as an account of it: its sessions are not theirs to manage.
  if (account.session.impersonationGrantId) throw new AppError("impersonation_read_only", "Support access cannot manage account sessions");
  noteActionActor({ kind: account.kind === "staff" ? "user" : "member", id: account.userId }, account.tenantId);
  return account;
}

/** For pages: the same account, or null. */
export async function pageAccount(): Promise<SignedInAccount | null> {
  const h = await headers();
  const site = await signInSite(h.get("host")).catch(() => null);
  if (!site) return null;
  return signedInAccount((await cookies()).toString(), site, { ip: clientIp(h), userAgent: h.get("user-agent"), requestId: currentRequestId() });
}
