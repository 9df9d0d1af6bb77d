import { randomBytes } from "node:crypto";
import { hasSecondFactor } from "@/lib/auth/second-factor/has-second-factor";
import { secondFactorRequired, sessionLimits } from "@/lib/auth/sessions/session-policy";
import type { SecondFactorKind, SessionKind, SignInMethod } from "@/lib/auth/sessions/types";
import { appPool } from "@/lib/db/pools";
import { noteSignIn } from "@/lib/security-alerts/note-sign-in";

export type NewAuthSession = {
  userId: string;
  kind: SessionKind;
  tenantId: string | null;
  host: string;
  ip: string | null;
  userAgent: string | null;
  method: SignInMethod;
  secondFactor: SecondFactorKind | null;
  impersonationGrantId?: string | null;
};

/** `ses_` + 128 random bits: the id is the session's only credential besides the signed cookie. */
export const newSessionId = () => `ses_${randomBytes(16).toString("base64url")}`;

/**
 * Records a signed-in session and returns its id (the JWT's `sid`). Applies
 * the session limits of the account's kind/tenant: the absolute lifetime fixes
 * expires_at, and when a member would hold more sessions in the tenant than
 * allowed, their oldest ones end. A session that needed a second factor and
 * did not use one is marked pending (good only for enrolment).
 */
export async function createAuthSession(input: NewAuthSession): Promise<{ id: string; expiresAt: Date }> {
  const tenantId = input.kind === "member" ? input.tenantId : null;
  if (input.kind === "member" && !tenantId) throw new Error("A member session needs its tenant");
  const [limits, needsSecondFactor] = await Promise.all([sessionLimits(input.kind, tenantId), secondFactorRequired(input.kind, tenantId)]);
  // A passkey sign-in is itself two factors (the device and its user verification); a support actor enters by a grant.
  const exempt = input.secondFactor !== null || input.method === "passkey" || input.method === "impersonation";
  const pending = needsSecondFactor && !exempt && !(await hasSecondFactor(input.userId));
  const id = newSessionId();
  const client = await appPool().connect();
  try {
    await client.query("BEGIN");
    // One sign-in at a time per account and tenant, so two parallel sign-ins cannot both keep the oldest session.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('auth_sessions:' || $1 || ':' || $2))", [input.userId, tenantId ?? ""]);
    const { rows } = await client.query<{ expires_at: Date }>(
      `INSERT INTO auth_sessions (id, user_id, kind, tenant_id, host, ip, user_agent, method, second_factor, second_factor_pending, impersonation_grant_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now() + make_interval(secs => $12))
       RETURNING expires_at`,
      [
        id,
        input.userId,
        input.kind,
        tenantId,
        input.host.toLowerCase(),
        input.ip,
        input.userAgent?.slice(0, 500) ?? null,
        input.method,
        input.secondFactor,
        pending,
        input.impersonationGrantId ?? null,
        limits.absoluteLifetimeSeconds,
      ],
    );
    if (limits.maxConcurrent !== null && tenantId) {
      await client.query(
        `DELETE FROM auth_sessions WHERE id IN (
           SELECT id FROM auth_sessions WHERE user_id = $1 AND tenant_id = $2 AND impersonation_grant_id IS NULL
            ORDER BY created_at DESC, id DESC OFFSET $3)`,
        [input.userId, tenantId, limits.maxConcurrent],
      );
    }
    await client.query("COMMIT");
    // New device or network → security alert (never throws); staff entering a portal as support is not the account's own sign-in.
    if (input.method !== "impersonation") await noteSignIn({ id, userId: input.userId, kind: input.kind, tenantId, ip: input.ip, userAgent: input.userAgent, host: input.host.toLowerCase() });
    return { id, expiresAt: rows[0].expires_at };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
