import type { Caller } from "@/lib/auth/caller";
import type { PlatformPermission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/http/errors";

/**
 * The one yes/no for platform actions. Every service calls it first, so a
 * route handler, a server action and a page get the same answer.
 */
export function authorize(caller: Caller, permission: PlatformPermission): void {
  if (!caller.permissions.has(permission)) {
    throw new AppError("admin_privileges_required", `This action needs the ${permission} permission`, { permission });
  }
}

export function can(caller: Caller, permission: PlatformPermission): boolean {
  return caller.permissions.has(permission);
}
