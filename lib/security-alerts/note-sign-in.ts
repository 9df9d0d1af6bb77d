import type { SessionKind } from "@/lib/security-alerts/session-kind";

/** What A's createAuthSession passes after writing a session row. */
export type NotedSession = { id: string; userId: string; kind: SessionKind; tenantId: string | null; ip: string | null; userAgent: string | null; host: string };

/**
 * Called by createAuthSession (lib/auth/sessions/) once per new session: the
 * first sign-in of an account from a network (/24 or /64) and browser family
 * within 90 days raises `security.new_sign_in_location`. Never throws: an alert
 * that cannot be recorded must not refuse a sign-in.
 */
export async function noteSignIn(session: NotedSession): Promise<void> {
  void session; // Interface first (issue 13 part C); the detection lands in the next commit.
}
