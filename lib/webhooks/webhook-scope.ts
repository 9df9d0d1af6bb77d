import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Whose endpoints: a tenant's (members, its keys, staff acting on it; needs
 * webhooks:manage in the tenant) or the platform's (staff with the platform
 * webhooks:manage). Every service takes one, so the API's two trees
 * (/tenants/{id}/webhooks and /webhooks) and the pages share one code path.
 */
export type WebhookOwner = { kind: "tenant"; actor: TenantActor; tenantId: string } | { kind: "platform"; caller: Caller };

export type WebhookScope = { tx: Tx; tenantId: string | null; auditCaller: Caller };

export const tenantOwner = (actor: TenantActor, tenantId: string): WebhookOwner => ({ kind: "tenant", actor, tenantId });
export const platformOwner = (caller: Caller): WebhookOwner => ({ kind: "platform", caller });

/**
 * Changes to one endpoint queue on its row lock, each holding a pooled
 * connection meanwhile: under a burst (20 at once) the last ones wait longer
 * than Prisma's default 2 s for a connection, and should wait rather than fail.
 */
const BURST = { maxWait: 10_000 };

/** Authorises, then runs `fn` in the owner's scope: RLS shows a tenant only its endpoints; platform endpoints need platform scope. */
export function withWebhookScope<T>(owner: WebhookOwner, fn: (s: WebhookScope) => Promise<T>): Promise<T> {
  if (owner.kind === "platform") {
    authorize(owner.caller, "webhooks:manage");
    return withPlatformScope((tx) => fn({ tx, tenantId: null, auditCaller: owner.caller }), BURST);
  }
  return withTenantScope(
    owner.tenantId,
    async (tx) => {
      const access = await authorizeTenant(owner.actor, owner.tenantId, "webhooks:manage", tx);
      return fn({ tx, tenantId: owner.tenantId, auditCaller: access.auditCaller });
    },
    BURST,
  );
}

/**
 * The owner's endpoint (a platform caller naming a tenant's endpoint id on /webhooks gets 404 too).
 * `lock: true` for changes to the endpoint; `"share"` for writes that hang rows off it (a test
 * message, a replay): a concurrent delete then waits for them, or they find the endpoint gone (404).
 */
export async function findEndpointOrThrow(s: WebhookScope, endpointId: string, opts: { lock?: boolean | "share" } = {}) {
  if (opts.lock === "share") await s.tx.$queryRaw`SELECT id FROM webhook_endpoints WHERE id = ${endpointId} FOR SHARE`;
  else if (opts.lock) await s.tx.$queryRaw`SELECT id FROM webhook_endpoints WHERE id = ${endpointId} FOR UPDATE`;
  const row = await s.tx.webhookEndpoint.findFirst({ where: { id: endpointId, tenantId: s.tenantId } });
  if (!row) throw new AppError("not_found", `No webhook endpoint ${endpointId}`);
  return row;
}

/** Wakes the delivery worker when this transaction commits (NOTIFY is held until then, dropped on rollback). */
export async function nudgeDelivery(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify('atrium_webhooks', '')`;
}
