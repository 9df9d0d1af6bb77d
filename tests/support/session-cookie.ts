import { encode } from "next-auth/jwt";
import { createAuthSession } from "@/lib/auth/sessions/create-auth-session";
import type { SecondFactorKind, SignInMethod } from "@/lib/auth/sessions/types";

export type TestSession = { sid: string; cookie: string };

/**
 * A real signed-in session for tests: the session record (as the "ticket"
 * provider creates it) and the next-auth cookie carrying its id, for the
 * given account on the given host (staff on the console, members on their tenant's host).
 */
export async function signedInSession(opts: {
  userId: string;
  host: string;
  kind?: "staff" | "member";
  tenantId?: string | null;
  method?: SignInMethod;
  secondFactor?: SecondFactorKind | null;
  userAgent?: string | null;
  ip?: string | null;
}): Promise<TestSession> {
  const kind = opts.kind ?? (opts.tenantId ? "member" : "staff");
  const tenantId = kind === "member" ? (opts.tenantId ?? null) : null;
  const { id } = await createAuthSession({
    userId: opts.userId,
    kind,
    tenantId,
    host: opts.host,
    ip: opts.ip ?? null,
    userAgent: opts.userAgent ?? null,
    method: opts.method ?? "password",
    secondFactor: opts.secondFactor ?? null,
  });
  const token = await encode({ token: { sub: opts.userId, host: opts.host, kind, ...(tenantId ? { tenantId } : {}), sid: id }, secret: process.env.NEXTAUTH_SECRET! });
  return { sid: id, cookie: `next-auth.session-token=${token}` };
}

/** Just the cookie header of signedInSession. */
export const sessionCookie = async (opts: Parameters<typeof signedInSession>[0]) => (await signedInSession(opts)).cookie;

/**
 * A cookie for these JWT claims (sub, host, kind, tenantId) backed by a real
 * session record, as signing in would create; the claims may name any host,
 * so tests can present it where it was not issued.
 */
export async function cookieForClaims(claims: SessionClaims, opts: { maxAge?: number; secret?: string } = {}): Promise<string> {
  return `next-auth.session-token=${await sessionTokenForClaims(claims, opts)}`;
}

type SessionClaims = { sub: string; host: string; kind?: string; tenantId?: string };

/** The encoded JWT of cookieForClaims (the cookie's value). */
export async function sessionTokenForClaims(claims: SessionClaims, opts: { maxAge?: number; secret?: string } = {}): Promise<string> {
  const kind = claims.kind === "member" ? "member" : "staff";
  const { id } = await createAuthSession({
    userId: claims.sub,
    kind,
    tenantId: kind === "member" ? (claims.tenantId ?? null) : null,
    host: claims.host,
    ip: null,
    userAgent: null,
    method: "password",
    secondFactor: null,
  });
  return encode({ token: { ...claims, sid: id }, secret: opts.secret ?? process.env.NEXTAUTH_SECRET!, ...(opts.maxAge !== undefined ? { maxAge: opts.maxAge } : {}) });
}
