import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyStaffCredentials } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * Platform staff sign in on the console host. The host that issued a session
 * is written into its token and checked on every request (lib/auth/session-caller.ts),
 * on top of the cookie being host-only.
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
        // Staff sign in on the console host only; tenant hosts get their own sign-in.
        if (host !== env.rootDomain) return null;
        const user = await verifyStaffCredentials(credentials.email, credentials.password, clientIp(headers["x-forwarded-for"]));
        if (!user) return null;
        return { id: user.id, email: user.email, name: user.name, host };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.host = (user as { host?: string }).host;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
};
