import type { Caller } from "@/lib/auth/caller";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import type { SignedInAccount } from "@/lib/auth/sessions/session-of-request";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import type { Tx } from "@/lib/db/prisma";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { z } from "zod";

const sessionIdSchema = z.string().regex(/^ses_[A-Za-z0-9_-]{10,64}$/, "Not a session id");

/** The account as the audit trail names it (its own chain: the tenant's for members, the platform's for staff). */
const auditCallerOf = (a: SignedInAccount): Caller => ({ kind: "user", id: a.userId, label: a.email, platformRole: null, permissions: new Set(), meta: a.meta });

function inAccountScope<T>(a: SignedInAccount, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return a.tenantId ? withTenantScope(a.tenantId, fn) : withPlatformScope(fn);
}

const scopeOf = (a: SignedInAccount) => ({ userId: a.userId, kind: a.kind, ...(a.tenantId ? { tenantId: a.tenantId } : {}) });

/**
 * Signs one of the account's own sessions out (from its "Your sessions"
 * list), audited as security.session_ended. Only a session of this account
 * where it is now can be named: anyone else's id is "not found".
 */
export async function endOwnSession(account: SignedInAccount, rawSessionId: unknown): Promise<{ ended: true; current: boolean }> {
  const sessionId = parseOrThrow(sessionIdSchema, rawSessionId);
  return inAccountScope(account, async (tx) => {
    const ended = await endAuthSessions({ ...scopeOf(account), sessionIds: [sessionId] }, "signed_out_elsewhere", tx);
    if (ended === 0) throw new AppError("not_found", "This session has already ended");
    const current = sessionId === account.session.id;
    await publishEvent(tx, auditCallerOf(account), {
      tenantId: account.tenantId,
      action: "security.session_ended",
      targetType: "user",
      targetId: account.userId,
      targetLabel: account.email,
      after: { sessions_ended: 1, current },
    });
    return { ended: true as const, current };
  });
}

/** "Sign out all other sessions": every session of the account where it is now, except this one. */
export async function endOtherOwnSessions(account: SignedInAccount): Promise<{ ended: number }> {
  return inAccountScope(account, async (tx) => {
    const ended = await endAuthSessions({ ...scopeOf(account), exceptSessionId: account.session.id }, "signed_out_elsewhere", tx);
    if (ended > 0) {
      await publishEvent(tx, auditCallerOf(account), {
        tenantId: account.tenantId,
        action: "security.session_ended",
        targetType: "user",
        targetId: account.userId,
        targetLabel: account.email,
        after: { sessions_ended: ended, current: false, all_others: true },
      });
    }
    return { ended };
  });
}
