import { getTenantSecurityPolicy } from "@/lib/security-policy/get-security-policy";
import type { SessionKind } from "@/lib/auth/sessions/types";
import { env } from "@/lib/env";

/** Staff sessions (and the JWT cookie of every session) last at most this long. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** What bounds a session: null = no limit of that kind. */
export type SessionLimits = {
  /** From sign-in to the end, whatever the activity. */
  absoluteLifetimeSeconds: number;
  /** Without a request for this long, the session ends. */
  idleTimeoutSeconds: number | null;
  /** The oldest sessions end when a new sign-in would exceed this. */
  maxConcurrent: number | null;
  /** Sensitive actions want a sign-in or re-authentication within RECENT_AUTH_MAX_AGE_SECONDS. */
  reauthForSensitiveActions: boolean;
};

/**
 * The limits for a new or existing session. Members: their tenant's security
 * policy (lib/security-policy), capped by the cookie's own lifetime. Staff:
 * the cookie's lifetime, no idle timeout, no concurrency limit, re-authentication always.
 */
export async function sessionLimits(kind: SessionKind, tenantId: string | null): Promise<SessionLimits> {
  if (kind === "staff" || !tenantId) {
    return { absoluteLifetimeSeconds: SESSION_MAX_AGE_SECONDS, idleTimeoutSeconds: null, maxConcurrent: null, reauthForSensitiveActions: true };
  }
  const policy = await getTenantSecurityPolicy(tenantId);
  return {
    // The cookie itself lasts SESSION_MAX_AGE_SECONDS: a longer policy lifetime cannot outlive it.
    absoluteLifetimeSeconds: Math.min(SESSION_MAX_AGE_SECONDS, policy.absolute_lifetime_hours === null ? Infinity : policy.absolute_lifetime_hours * 3600),
    idleTimeoutSeconds: policy.idle_timeout_minutes === null ? null : policy.idle_timeout_minutes * 60,
    maxConcurrent: policy.max_sessions_per_member,
    reauthForSensitiveActions: policy.reauth_for_sensitive_actions,
  };
}

/**
 * Whether an account of this kind must hold a second factor: staff when
 * REQUIRE_STAFF_2FA is on, members when their tenant's policy requires 2FA.
 */
export async function secondFactorRequired(kind: SessionKind, tenantId: string | null): Promise<boolean> {
  if (kind === "staff" || !tenantId) return env.requireStaff2fa;
  return (await getTenantSecurityPolicy(tenantId)).require_2fa;
}
