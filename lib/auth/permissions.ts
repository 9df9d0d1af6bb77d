// Platform permissions. Code checks these, never role names.
export const PLATFORM_PERMISSIONS = [
  "tenants:read",
  "tenants:create",
  "tenants:update",
  "tenants:suspend",
  "tenants:archive",
  "tenants:delete",
  "audit:read",
  "api_keys:manage",
  "users:manage",
  "webhooks:manage",
  "data:read",
  "data:write",
  "data:migrate",
  "backups:manage",
  "backups:download",
  "tenants:impersonate",
  "security:read",
  "billing:manage",
  "templates:manage",
] as const;
export type PlatformPermission = (typeof PLATFORM_PERMISSIONS)[number];

export const PLATFORM_PERMISSION_HELP: Record<PlatformPermission, string> = {
  "tenants:read": "List and read tenants",
  "tenants:create": "Create and provision tenants",
  "tenants:update": "Change settings, limits, features and plan",
  "tenants:suspend": "Suspend and reactivate",
  "tenants:archive": "Archive",
  "tenants:delete": "Schedule and cancel deletion",
  "audit:read": "Read audit events",
  "api_keys:manage": "Create and revoke API keys",
  "users:manage": "Manage platform staff",
  "webhooks:manage": "Manage platform webhook endpoints (they receive every tenant's events)",
  "data:read": "Browse tenants' database schemas and run read-only SQL in them",
  "data:write": "Run INSERT, UPDATE and DELETE in a tenant's schema from the SQL console",
  "data:migrate": "Run tenant schema migrations, for one tenant or the whole fleet",
  "backups:manage": "Back up, restore, export and import tenants",
  "backups:download": "Download backup archives (they hold every row of the tenant)",
  "tenants:impersonate": "Request support access to a tenant's portal and enter it once the tenant approves",
  "billing:manage": "Edit the plan catalogue and change tenants' subscriptions (plans, add-ons, trials); tenants:read is enough to see them",
  "templates:manage": "Create, edit and archive tenant templates (provisioning from one needs tenants:create)",
  "security:read": "See security alerts across tenants (new sign-in places, repeated failures, 2FA turned off, new keys, policy changes, support access)",
};

export const PLATFORM_ROLES = ["admin", "operator", "auditor"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const PLATFORM_ROLE_PERMISSIONS: Record<PlatformRole, readonly PlatformPermission[]> = {
  admin: PLATFORM_PERMISSIONS,
  operator: ["tenants:read", "tenants:create", "tenants:update", "tenants:suspend", "tenants:archive", "audit:read", "data:read", "backups:manage", "security:read"],
  auditor: ["tenants:read", "audit:read", "security:read"],
};

export const PLATFORM_ROLE_LABELS: Record<PlatformRole, string> = {
  admin: "Platform admin",
  operator: "Operator",
  auditor: "Auditor (read-only)",
};
