import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/sessions/session-policy";
import { signInWithTicket } from "@/lib/auth/sign-in/redeem-ticket";
import { clientIp } from "@/lib/http/client-ip";
import { log } from "@/lib/observability/logger";

export { SESSION_MAX_AGE_SECONDS };

/**
 * Platform staff sign in on the console host; a tenant's members sign in on
 * that tenant's own host. Every way of signing in (password and second factor,
 * passkey, SSO, impersonation) ends with a single-use sign-in ticket issued by
 * the step that checked the credentials (lib/auth/sign-in/sign-in-ticket.ts);
 * the only provider here redeems one, so no path reaches a session without
 * the checks before it. The token carries the session record's id (`sid`),
 * the issuing host and, for members, the tenant; all are checked on every
 * request (lib/auth/session-caller.ts), on top of the cookie being host-only.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  // next-auth's own messages as JSON lines like the rest; its metadata goes through the logger's redaction
  // (a credentials object, a token), never straight to the console.
  logger: {
    error: (code, metadata) => {
      const nested = (metadata as { error?: unknown }).error;
      const err = metadata instanceof Error ? metadata : nested instanceof Error ? nested : undefined;
      log.error({ component: "next-auth", code, ...(err ? { err } : { metadata }) }, "next-auth error");
    },
    warn: (code) => log.warn({ component: "next-auth", code }, "next-auth warning"),
    debug: (code) => log.debug({ component: "next-auth", code }, "next-auth debug"),
  },
  providers: [
    CredentialsProvider({
      id: "ticket",
      name: "Sign-in ticket",
      credentials: { ticket: { label: "Ticket", type: "text" } },
      async authorize(credentials, req) {
        if (!credentials?.ticket) return null;
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const host = String(headers.host ?? "").toLowerCase();
        const userAgent = headers["user-agent"]?.slice(0, 500) ?? null;
        return signInWithTicket(credentials.ticket, host, clientIp(headers), userAgent);
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        const u = user as { host?: string; kind?: string; tenantId?: string; sid?: string };
        token.host = u.host;
        token.kind = u.kind;
        token.tenantId = u.tenantId;
        token.sid = u.sid;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
  events: {
    // Signing out ends the session record, not only the cookie: a copy of the cookie stops working too.
    async signOut({ token }) {
      const sid = (token as { sid?: unknown } | null)?.sid;
      if (typeof sid === "string") await endAuthSessions({ sessionIds: [sid] }, "signed_out");
    },
  },
};
