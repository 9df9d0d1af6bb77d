import { issueOneTimeToken, consumeOneTimeToken } from "@/lib/auth/one-time-tokens";
import { SECOND_FACTOR_KINDS, SIGN_IN_METHODS, type SecondFactorKind, type SessionKind, type SignInMethod } from "@/lib/auth/sessions/types";

/** A ticket is redeemed by the browser right after the step that earned it. */
export const SIGN_IN_TICKET_TTL_SECONDS = 120;

export type SignInTicket = {
  userId: string;
  kind: SessionKind;
  tenantId: string | null;
  host: string;
  method: SignInMethod;
  secondFactor: SecondFactorKind | null;
  impersonationGrantId?: string;
};

/**
 * The end of every way of signing in (password, second factor, passkey, SSO,
 * impersonation): a single-use ticket for this account on this host, which
 * the next-auth "ticket" provider turns into a session. The step that issues
 * it is the one that checked the credentials; redeeming it checks nothing
 * but the ticket and that the account may still enter.
 */
export function issueSignInTicket(t: SignInTicket): Promise<string> {
  return issueOneTimeToken({
    purpose: "sign_in_ticket",
    host: t.host,
    ttlSeconds: SIGN_IN_TICKET_TTL_SECONDS,
    userId: t.userId,
    tenantId: t.tenantId,
    data: { kind: t.kind, method: t.method, secondFactor: t.secondFactor, impersonationGrantId: t.impersonationGrantId ?? null },
  });
}

/** The ticket's claims, once; null if it is unknown, used, expired or for another host. */
export async function redeemSignInTicket(ticket: string, host: string): Promise<SignInTicket | null> {
  const claims = await consumeOneTimeToken(ticket, "sign_in_ticket", host);
  if (!claims?.userId) return null;
  const d = claims.data as { kind?: unknown; method?: unknown; secondFactor?: unknown; impersonationGrantId?: unknown };
  const kind = d.kind === "member" ? "member" : d.kind === "staff" ? "staff" : null;
  const method = SIGN_IN_METHODS.find((m) => m === d.method);
  const secondFactor = SECOND_FACTOR_KINDS.find((k) => k === d.secondFactor) ?? null;
  if (!kind || !method || (kind === "member") !== Boolean(claims.tenantId)) return null;
  return {
    userId: claims.userId,
    kind,
    tenantId: claims.tenantId,
    host: host.toLowerCase(),
    method,
    secondFactor,
    ...(typeof d.impersonationGrantId === "string" ? { impersonationGrantId: d.impersonationGrantId } : {}),
  };
}
