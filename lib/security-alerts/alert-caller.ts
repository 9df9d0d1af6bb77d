import type { Caller, RequestMeta } from "@/lib/auth/caller";

/** The account itself as the actor of an alert about its own sign-in (no permissions: it authorises nothing). */
export function accountCaller(user: { id: string; email: string }, meta: RequestMeta): Caller {
  return { kind: "user", id: user.id, label: user.email, platformRole: null, permissions: new Set(), meta };
}
