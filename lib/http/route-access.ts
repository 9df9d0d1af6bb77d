import { authorize, can } from "@/lib/auth/authorize";
import type { PlatformPermission } from "@/lib/auth/permissions";
import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { isReadPermission, type TenantPermission } from "@/lib/tenant-access/permissions";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import type { Caller } from "@/lib/auth/caller";

/**
 * What a route requires of its caller, declared beside the handler and checked
 * by apiRoute before the body is read or parsed, so a caller without the
 * permission learns nothing about the body's contract (DESIGN: authenticate →
 * resolve the tenant → authorise → parse). The services check again in their
 * own transaction; this is the first wall, not the only one.
 *
 * - `{ platform }`: a platform-level operation (tenant lifecycle, lookups
 *   across tenants); tenant keys hold no platform permission.
 * - `{ tenant }`: an operation on the tenant named by the `id` path parameter.
 *   Platform callers need tenants:read for reads and tenants:update
 *   otherwise, unless `platform` names another.
 *   `tenantSide: "none"` refuses tenant keys and members outright;
 *   `tenantSide: "members"` refuses tenant keys (keys cannot create keys).
 *   `tenantSide: "own"`: the path names no tenant; a tenant key acts on its
 *   own tenant (POST /usage/events), and the service refuses any other.
 * - `{ platformAnyOf }`: a platform operation whose permission depends on
 *   what the body asks (POST /tenants/bulk); a caller holding none of these
 *   is refused before the body is read, and the service checks the one the
 *   body names before parsing the rest.
 */
export type RouteAccess =
  | { platform: PlatformPermission; tenant?: never; tenantSide?: never; platformAnyOf?: never }
  | { tenant: TenantPermission; platform?: PlatformPermission; tenantSide?: "none" | "members" | "own"; platformAnyOf?: never }
  | { platformAnyOf: readonly PlatformPermission[]; platform?: never; tenant?: never; tenantSide?: never };

const denied = (message: string, permission: string) => new AppError("admin_privileges_required", message, { permission });

export async function authorizeRoute(access: RouteAccess, caller: Caller, actor: TenantActor, params: unknown): Promise<void> {
  if (access.platformAnyOf) {
    if (!access.platformAnyOf.some((p) => can(caller, p))) throw denied(`This action needs one of the permissions ${access.platformAnyOf.join(", ")}`, access.platformAnyOf.join(" | "));
    return;
  }
  if (access.tenant === undefined) return authorize(caller, access.platform);
  const tenant = access.tenant;
  if (actor.kind === "platform") {
    const needed = access.platform ?? (isReadPermission(tenant) ? "tenants:read" : "tenants:update");
    return authorize(actor.caller, needed);
  }
  if (access.tenantSide === "none") throw denied("This is for platform staff (members join through invitations)", "tenants:update");
  if (access.tenantSide === "members" && actor.kind === "api_key") throw denied("API keys cannot do this; a member or platform staff must", tenant);
  const tenantId = access.tenantSide === "own" ? actor.tenantId : (params as { id?: unknown } | null)?.id;
  // Decided before any lookup, so another tenant's id says nothing about whether it exists.
  if (typeof tenantId !== "string" || tenantId !== actor.tenantId) throw new AppError("cross_tenant_access_denied", "You cannot act on another tenant");
  // A member's key shrinks with its creator's role: apiRoute read that ceiling once, at authentication.
  if (actor.kind === "api_key" && actor.effective) {
    if (!actor.effective.has(tenant)) throw denied(`This action needs the ${tenant} permission`, tenant);
    return;
  }
  await withTenantScope(tenantId, (tx) => authorizeTenant(actor, tenantId, tenant, tx));
}
