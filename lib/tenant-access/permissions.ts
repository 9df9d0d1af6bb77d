// Tenant permissions: the one list that the console, server actions, route
// handlers and tenant API keys all check. Code checks these, never role names.
export const TENANT_PERMISSIONS = [
  "members:read",
  "members:invite",
  "members:update",
  "members:remove",
  "owners:manage",
  "roles:read",
  "roles:manage",
  "branding:read",
  "branding:update",
  "domains:manage",
  "api_keys:manage",
  "webhooks:manage",
  "audit:read",
  "settings:update",
  "usage:read",
  "usage:report",
  "billing:manage",
  "data:read",
  "data:write",
  "security:manage",
  "support_access:manage",
] as const;
export type TenantPermission = (typeof TENANT_PERMISSIONS)[number];

export const TENANT_PERMISSION_INFO: Record<TenantPermission, { label: string; description: string }> = {
  "members:read": { label: "View members", description: "See who belongs here, their roles and pending invitations" },
  "members:invite": { label: "Invite members", description: "Invite people by email, resend and revoke invitations" },
  "members:update": { label: "Manage members", description: "Change members' roles, suspend and reactivate them" },
  "members:remove": { label: "Remove members", description: "Remove people, ending their membership" },
  "owners:manage": { label: "Manage owners", description: "Grant, change or remove the owner role" },
  "roles:read": { label: "View roles", description: "See roles and their permissions" },
  "roles:manage": { label: "Manage roles", description: "Create, edit and delete custom roles" },
  "branding:read": { label: "View branding", description: "See the logo, colours, custom CSS and who changed them (the branding history)" },
  "branding:update": { label: "Edit branding", description: "Change logo, colours and company name (includes viewing them)" },
  "domains:manage": { label: "Manage domains", description: "Add, verify and remove custom domains" },
  "api_keys:manage": { label: "Manage API keys", description: "Create and revoke API keys for scripts" },
  "webhooks:manage": { label: "Manage webhooks", description: "Add webhook endpoints, see their deliveries, replay and rotate secrets" },
  "audit:read": { label: "View audit log", description: "Read the audit trail of changes" },
  "settings:update": { label: "Edit settings", description: "Change time zone, locale and other settings" },
  "usage:read": { label: "View usage", description: "See usage and limits" },
  "usage:report": { label: "Report usage", description: "Send usage events (API calls, bandwidth, feature use) for this tenant to POST /api/v1/usage/events" },
  "billing:manage": { label: "Manage billing", description: "See the subscription and invoices, change the plan, add-ons and trial" },
  "data:read": { label: "Read data", description: "Browse this tenant's database schema and run read-only SQL in it" },
  "data:write": { label: "Write data", description: "Run INSERT, UPDATE and DELETE in this tenant's database schema (includes reading it)" },
  "security:manage": {
    label: "Manage security",
    description: "See and change the security policy (2FA, sign-in methods, sessions, IP allowlist, email domains, impersonation)",
  },
  "support_access:manage": { label: "Approve support access", description: "Approve, deny and revoke Atrium staff's requests to enter this portal as support" },
};

/** Reserved for the built-in roles: custom roles and support access never carry them; the owner holds all, the admin billing:manage too. */
export const OWNER_ONLY_PERMISSIONS: readonly TenantPermission[] = ["owners:manage", "billing:manage", "support_access:manage"];

export const BUILT_IN_ROLE_KEYS = ["owner", "admin", "manager", "member", "viewer"] as const;
export type BuiltInRoleKey = (typeof BUILT_IN_ROLE_KEYS)[number];

export const BUILT_IN_ROLES: Record<BuiltInRoleKey, { name: string; description: string; permissions: readonly TenantPermission[] }> = {
  owner: { name: "Owner", description: "Full control, including owners and billing", permissions: TENANT_PERMISSIONS },
  // security:manage is not owner-only: admins already hold every other lever of
  // the same weight (members, roles, keys, domains), and a tenant whose owner is
  // away must still be able to tighten its policy. Managers and below do
  // not hold it: they must not be able to weaken what protects them.
  // billing:manage (plan, add-ons, trials) is the admin's too: an owner who is away must not stop the team paying for more seats.
  admin: {
    name: "Admin",
    description: "Everything except owners and support access",
    permissions: TENANT_PERMISSIONS.filter((p) => !OWNER_ONLY_PERMISSIONS.includes(p) || p === "billing:manage"),
  },
  manager: {
    name: "Manager",
    description: "Runs the team: invites and manages members, edits branding",
    permissions: ["members:read", "members:invite", "members:update", "roles:read", "branding:read", "branding:update", "audit:read", "usage:read"],
  },
  member: { name: "Member", description: "Works here and sees who else does", permissions: ["members:read", "roles:read", "branding:read", "usage:read"] },
  viewer: { name: "Viewer", description: "Read-only access", permissions: ["members:read", "branding:read", "usage:read"] },
};

/**
 * Editing needs seeing what is edited (the branding editor reads the branding
 * it saves), so granting the left grants the right too: roles and keys are
 * stored with both, and a role cannot be left able to write what it cannot read.
 */
const IMPLIED: Partial<Record<TenantPermission, readonly TenantPermission[]>> = { "branding:update": ["branding:read"], "data:write": ["data:read"] };

export function withImpliedPermissions<P extends TenantPermission>(permissions: readonly P[]): TenantPermission[] {
  return [...new Set<TenantPermission>(permissions.flatMap((p) => [p, ...(IMPLIED[p] ?? [])]))];
}

export function isBuiltInRole(role: string): role is BuiltInRoleKey {
  return (BUILT_IN_ROLE_KEYS as readonly string[]).includes(role);
}

export function isTenantPermission(p: string): p is TenantPermission {
  return (TENANT_PERMISSIONS as readonly string[]).includes(p);
}

/** Reads map to the platform's tenants:read, everything else to tenants:update. */
export function isReadPermission(p: TenantPermission): boolean {
  return p.endsWith(":read");
}
