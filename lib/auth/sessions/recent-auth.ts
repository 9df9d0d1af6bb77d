import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { sessionLimits } from "@/lib/auth/sessions/session-policy";
import { appPool } from "@/lib/db/pools";
import { AppError } from "@/lib/http/errors";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/** How recent a sign-in or re-authentication must be for a sensitive action. */
export const RECENT_AUTH_MAX_AGE_SECONDS = 10 * 60;

function reauthError(what: string): AppError {
  return new AppError("reauthentication_required", `Confirm it's you to ${what}: enter your password or a code from your authenticator.`, {
    max_age_seconds: RECENT_AUTH_MAX_AGE_SECONDS,
  });
}

const isRecent = (meta: RequestMeta, now: number) => {
  const s = meta.session!;
  const last = Math.max(s.createdAt.getTime(), s.reauthenticatedAt?.getTime() ?? 0);
  return now - last <= RECENT_AUTH_MAX_AGE_SECONDS * 1000;
};

/**
 * Throws reauthentication_required (403) unless the person behind `actor`
 * signed in or re-authenticated within the last 10 minutes. Staff sessions
 * always need it for sensitive actions; member sessions when their tenant's
 * policy asks (reauth_for_sensitive_actions). API keys and jobs have no
 * session and pass: what they may do is fixed when they are created.
 * Sessions reach services through RequestMeta.session, which every
 * session-cookie caller carries (lib/auth/session-caller.ts).
 */
export async function assertRecentAuthentication(actor: TenantActor | Caller, what: string, now = Date.now()): Promise<void> {
  if (actor.kind === "platform") return assertRecentAuthentication(actor.caller, what, now);
  if (actor.kind === "api_key" || actor.kind === "system") return;
  if (!actor.meta.session) return;
  if (actor.kind === "member") {
    const limits = await sessionLimits("member", actor.tenantId);
    if (!limits.reauthForSensitiveActions) return;
  }
  if (!isRecent(actor.meta, now)) throw reauthError(what);
}

/** Records that the session's holder just proved it is them again. */
export async function markReauthenticated(sessionId: string): Promise<void> {
  await appPool().query("UPDATE auth_sessions SET reauthenticated_at = now() WHERE id = $1", [sessionId]);
}
