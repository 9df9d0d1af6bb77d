import type { Caller, RequestMeta } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { TENANT_PERMISSIONS, isReadPermission, type TenantPermission } from "@/lib/tenant-access/permissions";
import { rolePermissions } from "@/lib/tenant-access/role-permissions";
import { supportAccess, type SupportImpersonation } from "@/lib/impersonation/support-access";

/** Who acts on a tenant: platform staff, one of its members, or one of its API keys. */
export type TenantActor =
  | { kind: "platform"; caller: Caller }
  | {
      kind: "member";
      userId: string;
      tenantId: string;
      label: string;
      meta: RequestMeta;
      /** Platform staff in the portal under an approved grant (lib/impersonation): `userId` is theirs, not a member's. */
      impersonation?: SupportImpersonation;
    }
  | {
      kind: "api_key";
      id: string;
      tenantId: string;
      label: string;
      /** What the key was granted; services intersect it with its creator's role under their own lock. */
      permissions: readonly string[];
      /**
       * What the key could do when the request was authenticated (granted ∩ its creator's role then),
       * computed once by apiRoute so the route's access check needs no transaction of its own.
       */
      effective?: ReadonlySet<TenantPermission>;
      meta: RequestMeta;
    };

/** What an authorised actor may do in the tenant, and how the audit trail names it. */
export type TenantAccess = {
  tenantId: string;
  permissions: ReadonlySet<TenantPermission>;
  userId: string | null;
  auditCaller: Caller;
};

const auditCallerOf = (actor: Exclude<TenantActor, { kind: "platform" }>): Caller =>
  actor.kind === "member"
    ? { kind: "user", id: actor.userId, label: actor.label, platformRole: null, permissions: new Set(), meta: actor.meta }
    : { kind: "api_key", id: actor.id, label: actor.label, permissions: new Set(), meta: actor.meta };

/** The actor's permissions in the tenant; member permissions come from their membership's role, read in `tx`. */
export async function resolveTenantAccess(tx: Tx, actor: TenantActor, tenantId: string): Promise<TenantAccess> {
  if (actor.kind === "platform") {
    const c = actor.caller;
    const permissions = new Set(TENANT_PERMISSIONS.filter((p) => c.permissions.has(isReadPermission(p) ? "tenants:read" : "tenants:update")));
    if (permissions.size === 0) throw new AppError("admin_privileges_required", "This action needs the tenants:read permission", { permission: "tenants:read" });
    // Members and tenant keys are bound to a tenant that exists; platform callers name any id.
    if (!(await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    return { tenantId, permissions, userId: null, auditCaller: c };
  }
  if (actor.tenantId !== tenantId) throw new AppError("cross_tenant_access_denied", "You cannot act on another tenant");
  if (actor.kind === "api_key") {
    return { tenantId, permissions: await tenantKeyPermissions(tx, tenantId, actor.id, actor.permissions), userId: null, auditCaller: auditCallerOf(actor) };
  }
  // Support staff hold no membership: their grant, read again in this transaction, says what they may do.
  if (actor.impersonation) return { tenantId, permissions: await supportAccess(tx, actor.impersonation, tenantId, actor.userId), userId: actor.userId, auditCaller: auditCallerOf(actor) };
  const m = await tx.membership.findFirst({ where: { tenantId, userId: actor.userId }, select: { role: true, status: true } });
  // A suspended member keeps the row (so they can be reactivated) but gets nothing.
  if (!m || m.status !== "active") throw new AppError("tenant_access_denied", "You are not an active member of this tenant");
  return { tenantId, permissions: await rolePermissions(tx, tenantId, m.role), userId: actor.userId, auditCaller: auditCallerOf(actor) };
}

/**
 * What a tenant key may do now. A key a member made carries at most what that
 * member holds now: when they are suspended, removed or given a smaller role,
 * their keys shrink with them. Keys made by platform staff or operators keep
 * what they were given.
 */
export async function tenantKeyPermissions(tx: Tx, tenantId: string, keyId: string, grant: readonly string[]): Promise<Set<TenantPermission>> {
  const granted = grant.filter((p): p is TenantPermission => (TENANT_PERMISSIONS as readonly string[]).includes(p));
  const key = await tx.apiKey.findFirst({ where: { id: keyId, tenantId }, select: { createdById: true, createdByMember: true } });
  if (!key) return new Set();
  if (!key.createdByMember || !key.createdById) return new Set(granted);
  const creator = await tx.membership.findFirst({ where: { tenantId, userId: key.createdById }, select: { role: true, status: true } });
  if (!creator || creator.status !== "active") return new Set();
  const held = await rolePermissions(tx, tenantId, creator.role);
  return new Set(granted.filter((p) => held.has(p)));
}

export function requirePermission(access: TenantAccess, permission: TenantPermission): void {
  if (!access.permissions.has(permission)) {
    throw new AppError("admin_privileges_required", `This action needs the ${permission} permission`, { permission });
  }
}

/**
 * The one yes/no for tenant actions. Pass the service's transaction so the
 * permissions checked are the ones in force while the change is made.
 */
export async function authorizeTenant(actor: TenantActor, tenantId: string, permission: TenantPermission, tx: Tx): Promise<TenantAccess> {
  if (actor.kind === "platform") {
    const needed = isReadPermission(permission) ? "tenants:read" : "tenants:update";
    if (!actor.caller.permissions.has(needed)) throw new AppError("admin_privileges_required", `This action needs the ${needed} permission`, { permission: needed });
  }
  const access = await resolveTenantAccess(tx, actor, tenantId);
  if (actor.kind === "member" && actor.impersonation?.mode === "read_only" && !isReadPermission(permission)) {
    throw new AppError("impersonation_read_only", "Support access is read-only: this change was refused", { permission });
  }
  requirePermission(access, permission);
  return access;
}

/** Nobody grants (or takes away) what they do not hold themselves. */
export function requireHolds(access: TenantAccess, permissions: Iterable<string>, what: string): void {
  const beyond = [...permissions].filter((p) => !access.permissions.has(p as TenantPermission));
  if (beyond.length) throw new AppError("admin_privileges_required", `You cannot ${what}: it involves permissions you do not hold (${beyond.join(", ")})`, { permissions: beyond });
}

/** The platform API's actor: staff or a platform key acting on any tenant. */
export const platformActor = (caller: Caller): TenantActor => ({ kind: "platform", caller });
