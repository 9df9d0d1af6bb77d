import type { TenantPermission } from "@/lib/tenant-access/permissions";

/** The portal's sections and the permission each needs; the navigation shows only what the member may open. */
export const PORTAL_SECTIONS: readonly { href: string; label: string; permission: TenantPermission | null }[] = [
  { href: "/", label: "Overview", permission: null },
  { href: "/members", label: "Members", permission: "members:read" },
  { href: "/usage", label: "Usage", permission: "usage:read" },
  { href: "/billing", label: "Billing", permission: "billing:manage" },
  { href: "/roles", label: "Roles", permission: "roles:read" },
  { href: "/branding", label: "Branding", permission: "branding:update" },
  { href: "/domains", label: "Domains", permission: "domains:manage" },
  { href: "/api-keys", label: "API keys", permission: "api_keys:manage" },
  // Shown with audit:read whatever the plan: without the audit_logs feature the page says which plan includes it.
  { href: "/audit-log", label: "Audit log", permission: "audit:read" },
  { href: "/webhooks", label: "Webhooks", permission: "webhooks:manage" },
  { href: "/support-access", label: "Support access", permission: "support_access:manage" },
  { href: "/security", label: "Security", permission: "security:manage" },
];

export const visibleSections = (permissions: ReadonlySet<TenantPermission>) => PORTAL_SECTIONS.filter((s) => s.permission === null || permissions.has(s.permission));
