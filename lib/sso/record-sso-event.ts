import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import type { SsoRefusal } from "@/lib/sso/sso-refusal";
import { log } from "@/lib/observability/logger";

const anonymous = (label: string, meta: RequestMeta): Caller => ({ kind: "system", id: null, label, permissions: new Set(), meta });

/**
 * sso.sign_in_refused on the tenant's chain, with the reason and what exactly
 * failed. Best effort like the other access logs: a failure to record is
 * logged and never changes what the member is told.
 */
export async function recordSsoRefusal(tenantId: string, refusal: SsoRefusal, meta: RequestMeta): Promise<void> {
  try {
    await withTenantScope(tenantId, (tx) =>
      publishEvent(tx, anonymous(refusal.email ? `Single sign-on as ${refusal.email}` : "Single sign-on attempt", meta), {
        tenantId,
        action: "sso.sign_in_refused",
        targetType: "sso_connection",
        targetId: tenantId,
        targetLabel: refusal.email,
        after: { reason: refusal.reason, detail: refusal.detail.slice(0, 1000), ...(refusal.email ? { email: refusal.email } : {}) },
      }),
    );
  } catch (err) {
    log.error({ component: "audit", err }, "could not record an SSO refusal");
  }
}
