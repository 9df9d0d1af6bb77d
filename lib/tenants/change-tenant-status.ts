import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import type { PlatformPermission } from "@/lib/auth/permissions";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { publishEvent } from "@/lib/events/publish-event";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { etagOf } from "@/lib/tenants/serialize-tenant";
import { checkIfMatch, lockTenant } from "@/lib/tenants/update-tenant";

type Transition = {
  permission: PlatformPermission;
  from: string[];
  to: "active" | "suspended" | "archived";
  action: string;
  data: (reason?: string) => Prisma.TenantUpdateInput;
};

const TRANSITIONS = {
  suspend: { permission: "tenants:suspend", from: ["active"], to: "suspended", action: "tenant.suspended", data: (reason) => ({ suspendedAt: new Date(), suspendedReason: reason ?? null }) },
  reactivate: { permission: "tenants:suspend", from: ["suspended", "archived"], to: "active", action: "tenant.reactivated", data: () => ({ suspendedAt: null, suspendedReason: null, archivedAt: null }) },
  archive: { permission: "tenants:archive", from: ["active", "suspended"], to: "archived", action: "tenant.archived", data: () => ({ archivedAt: new Date() }) },
} satisfies Record<string, Transition>;

export type TenantTransition = keyof typeof TRANSITIONS;

/** Suspend, reactivate or archive: one function, since they differ only in their table row above. */
export async function changeTenantStatus(caller: Caller, tenantId: string, transition: TenantTransition, opts: { reason?: string; ifMatch?: string | null } = {}) {
  authorize(caller, TRANSITIONS[transition].permission);
  return withPlatformScope((tx) => changeTenantStatusInTx(tx, caller, tenantId, transition, opts));
}

/** The change itself, in the caller's platform-scope transaction (a bulk operation runs it once per tenant); the caller was authorised. */
export async function changeTenantStatusInTx(tx: Tx, caller: Caller, tenantId: string, transition: TenantTransition, opts: { reason?: string; ifMatch?: string | null } = {}) {
  const t: Transition = TRANSITIONS[transition];
  const tenant = await lockTenant(tx, tenantId);
  checkIfMatch(tenant, opts.ifMatch);
  if (!t.from.includes(tenant.status)) {
    throw new AppError("invalid_state", `Cannot ${transition} a tenant that is ${tenant.status.replace("_", " ")} (allowed from: ${t.from.join(", ")})`, { status: tenant.status });
  }
  const updated = await tx.tenant.update({
    where: { id: tenantId },
    data: { status: t.to, ...t.data(opts.reason), version: { increment: 1 }, updatedAt: new Date() },
  });
  // A tenant that stops being active ends every session on its portal now (the portal also refuses them per request).
  if (t.to !== "active") await endAuthSessions({ tenantId }, t.to === "suspended" ? "tenant_suspended" : "tenant_archived", tx);
  await publishEvent(tx, caller, {
    tenantId,
    action: t.action,
    targetType: "tenant",
    targetId: tenantId,
    targetLabel: tenant.name,
    before: { status: tenant.status },
    after: { status: t.to, ...(opts.reason ? { reason: opts.reason } : {}) },
  });
  return { tenant: updated, etag: etagOf(updated) };
}
