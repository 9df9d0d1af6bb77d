import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyMemberCredentials, verifyStaffCredentials } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { resolveHost } from "@/lib/tenancy/resolve-host";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * Platform staff sign in on the console host; a tenant's members sign in on
 * that tenant's own host. The issuing host (and, for members, the tenant) is
 * written into the token and checked on every request (lib/auth/session-caller.ts),
 * on top of the cookie being host-only: a session is valid only where it was issued.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const host = String(headers.host ?? "").toLowerCase();
        const ip = clientIp(headers);
        const userAgent = headers["user-agent"]?.slice(0, 500) ?? null;
        if (host === env.rootDomain) {
          const user = await verifyStaffCredentials(credentials.email, credentials.password, ip, userAgent);
          return user ? { id: user.id, email: user.email, name: user.name, host, kind: "staff" } : null;
        }
        const resolution = await resolveHost(host);
        if (resolution.kind !== "tenant" || resolution.tenant.status !== "active") return null;
        const tenantId = resolution.tenant.id;
        const user = await verifyMemberCredentials(credentials.email, credentials.password, ip, tenantId, userAgent);
        return user ? { id: user.id, email: user.email, name: user.name, host, kind: "member", tenantId } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        const u = user as { host?: string; kind?: string; tenantId?: string };
        token.host = u.host;
        token.kind = u.kind;
        token.tenantId = u.tenantId;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
};
