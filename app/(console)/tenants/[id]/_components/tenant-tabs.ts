export const TENANT_TABS = [
  { key: "overview", label: "Overview" },
  { key: "usage", label: "Usage" },
  { key: "billing", label: "Billing" },
  { key: "members", label: "Members" },
  { key: "branding", label: "Branding" },
  { key: "domains", label: "Domains" },
  { key: "security", label: "Security" },
  { key: "sso", label: "SSO" },
  { key: "webhooks", label: "Webhooks" },
  { key: "settings", label: "Settings" },
  { key: "limits", label: "Limits" },
  { key: "features", label: "Features" },
  { key: "database", label: "Database" },
  { key: "backups", label: "Backups" },
  { key: "support", label: "Support access" },
  { key: "audit", label: "Audit" },
] as const;
export type TenantTabKey = (typeof TENANT_TABS)[number]["key"];
