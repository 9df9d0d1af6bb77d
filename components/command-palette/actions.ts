import type { PlatformPermission } from "@/lib/auth/permissions";
import type { TenantPermission } from "@/lib/tenant-access/permissions";

/**
 * What the command palette offers to do, besides opening pages and search
 * results. Each action is a link to the page that does it (the page's own
 * form or dialog, opened by the URL), so the palette never duplicates a form
 * and every permission check stays where it already is; `permission` only
 * hides actions the caller could not complete. An `href` holding `{tenant}`
 * asks for a tenant first (the palette searches tenants) and fills in its id.
 *
 * Other parts add one line each here.
 */
export type PaletteAction =
  | { id: string; label: string; keywords?: readonly string[]; scope: "console"; permission: PlatformPermission | null; href: string }
  | { id: string; label: string; keywords?: readonly string[]; scope: "portal"; permission: TenantPermission | null; href: string };

export const PALETTE_ACTIONS: readonly PaletteAction[] = [
  { id: "create-tenant", label: "Create tenant", keywords: ["new", "provision"], scope: "console", permission: "tenants:create", href: "/tenants/new" },
  { id: "suspend-tenant", label: "Suspend tenant…", keywords: ["block", "disable"], scope: "console", permission: "tenants:suspend", href: "/tenants/{tenant}?action=suspend" },
  { id: "reactivate-tenant", label: "Reactivate tenant…", keywords: ["unsuspend", "enable"], scope: "console", permission: "tenants:suspend", href: "/tenants/{tenant}?action=reactivate" },
  { id: "tenant-members", label: "Open a tenant's members…", keywords: ["users", "people"], scope: "console", permission: "tenants:read", href: "/tenants/{tenant}?tab=members" },
  { id: "invite-member", label: "Invite member", keywords: ["add", "people", "email"], scope: "portal", permission: "members:invite", href: "/members?invite=1" },
  { id: "create-api-key", label: "Create API key", keywords: ["token"], scope: "portal", permission: "api_keys:manage", href: "/api-keys" },
  { id: "add-domain", label: "Add custom domain", keywords: ["dns", "host"], scope: "portal", permission: "domains:manage", href: "/domains" },
];

/** The actions this caller may run here: console actions by platform permission, portal ones by tenant permission. */
export function actionsFor(scope: "console" | "portal", permissions: readonly string[]): PaletteAction[] {
  return PALETTE_ACTIONS.filter((a) => a.scope === scope && (a.permission === null || permissions.includes(a.permission)));
}

export const needsTenant = (a: PaletteAction) => a.href.includes("{tenant}");
