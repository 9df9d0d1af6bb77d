import type { SessionInfo } from "@/lib/auth/sessions/types";
import type { RateLimitClass } from "@/lib/http/rate-limit-classes";
import { PLATFORM_PERMISSIONS, type PlatformPermission, type PlatformRole } from "@/lib/auth/permissions";

/** Who is asking, and from where: what every service takes as its first argument. */
export type Caller =
  | { kind: "user"; id: string; label: string; platformRole: PlatformRole | null; permissions: ReadonlySet<PlatformPermission>; meta: RequestMeta }
  | { kind: "api_key"; id: string; label: string; permissions: ReadonlySet<PlatformPermission>; meta: RequestMeta }
  | { kind: "system"; id: null; label: string; permissions: ReadonlySet<PlatformPermission>; meta: RequestMeta };

export type RequestMeta = {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** The rate-limit class apiRoute counted this request against (before any service runs), so a service limiting the same class does not count it twice. */
  rateLimitClass?: RateLimitClass;
  /** The signed-in session behind a session cookie (lib/auth/session-caller.ts); absent for API keys and jobs. */
  session?: SessionInfo;
};

export const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: null };

/** Atrium's own jobs and operator scripts: every platform permission, recorded as "system". */
export function systemCaller(label: string): Caller {
  return { kind: "system", id: null, label, permissions: new Set(PLATFORM_PERMISSIONS), meta: NO_META };
}
