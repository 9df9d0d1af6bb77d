import "server-only";
import { cookies, headers } from "next/headers";
import type { Caller } from "@/lib/auth/caller";
import { callerFromSessionCookie } from "@/lib/auth/session-caller";
import { assertNotPendingEnrolment } from "@/lib/auth/second-factor/enrolment-required";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/http/errors";
import { currentRequestId, noteActionActor } from "@/lib/observability/action-context";

/** For server components and server actions: the signed-in staff member on this host, or null. */
export async function currentCaller(): Promise<Caller | null> {
  const h = await headers();
  const host = (h.get("host") ?? "").toLowerCase();
  if (host !== env.rootDomain) return null;
  const cookieHeader = (await cookies()).toString();
  return callerFromSessionCookie(cookieHeader, host, {
    ip: clientIp(h),
    userAgent: h.get("user-agent"),
    requestId: currentRequestId(),
  });
}

/**
 * For server actions: the caller, after checking that the action was posted
 * from a page of this same host (a missing or "null" Origin is refused).
 */
export async function actionCaller(): Promise<Caller> {
  await assertSameOriginAction();
  const caller = await currentCaller();
  if (!caller) {
    const h = await headers();
    await assertNotPendingEnrolment((await cookies()).toString(), h.get("host") ?? "");
    throw new AppError("authentication_required", "Your session has ended; sign in again");
  }
  noteActionActor({ kind: caller.kind, id: caller.id ?? "system" });
  return caller;
}

/** Server actions must be posted by a page of this same host; a missing or "null" Origin is refused. */
export async function assertSameOriginAction(): Promise<void> {
  const h = await headers();
  const origin = h.get("origin");
  let originHost: string | null = null;
  try {
    originHost = origin && origin !== "null" ? new URL(origin).host.toLowerCase() : null;
  } catch {
    originHost = null;
  }
  if (originHost !== (h.get("host") ?? "").toLowerCase()) throw new AppError("origin_not_allowed", "This form must be sent from this site itself");
}
