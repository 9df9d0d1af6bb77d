import type { ListMembersQuery } from "@/lib/schemas/members";
import type { ListTenantsQuery } from "@/lib/schemas/tenant";

/** Tenant list filters as the console keeps them (the URL's query string). */
/** A tenant's member list filters as the Members tab keeps them. */
export type MemberListParams = Pick<ListMembersQuery, "page" | "page_size" | "sort" | "order"> & Partial<Pick<ListMembersQuery, "search" | "status" | "role">>;

export type TenantListParams = Pick<ListTenantsQuery, "page" | "page_size" | "sort" | "order"> & Partial<Pick<ListTenantsQuery, "search" | "status" | "plan">>;

/**
 * Every TanStack Query key of the console comes from here, so a mutation can
 * invalidate by prefix: `queryKeys.tenants.all` covers lists and details.
 */
export const queryKeys = {
  /** The signed-in account's own sessions where it is now (console or portal). */
  ownSessions: ["own-sessions"] as const,
  /** The console's Security page (security alerts across tenants), per filter. */
  securityAlerts: (filters: { kind?: string; tenant_id?: string }) => ["security-alerts", filters] as const,
  tenants: {
    all: ["tenants"] as const,
    lists: () => [...queryKeys.tenants.all, "list"] as const,
    list: (params: TenantListParams) => [...queryKeys.tenants.lists(), params] as const,
    details: () => [...queryKeys.tenants.all, "detail"] as const,
    detail: (id: string) => [...queryKeys.tenants.details(), id] as const,
  },
  /** One tenant's members, roles and invitations: `queryKeys.members.tenant(id)` covers all three. */
  members: {
    all: ["members"] as const,
    tenant: (tenantId: string) => [...queryKeys.members.all, tenantId] as const,
    lists: (tenantId: string) => [...queryKeys.members.tenant(tenantId), "list"] as const,
    list: (tenantId: string, params: MemberListParams) => [...queryKeys.members.lists(tenantId), params] as const,
    roles: (tenantId: string) => [...queryKeys.members.tenant(tenantId), "roles"] as const,
    invitations: (tenantId: string) => [...queryKeys.members.tenant(tenantId), "invitations"] as const,
  },
  /** An audit log (one tenant's, or "platform": the console's view of every event) under the URL's filters. */
  audit: {
    all: ["audit"] as const,
    list: (scope: string, filters: object) => [...queryKeys.audit.all, scope, filters] as const,
  },
  /** Cross-tenant analytics and health, keyed by the exact query sent. */
  analytics: {
    all: ["analytics"] as const,
    crossTenant: (query: object) => [...queryKeys.analytics.all, "cross-tenant", query] as const,
    healthSummary: (query: object) => [...queryKeys.analytics.all, "health-summary", query] as const,
    tenantHealth: (tenantId: string) => [...queryKeys.analytics.all, "tenant-health", tenantId] as const,
  },
  /** One tenant's database: its schema and applied tenant migrations (the Database tab). */
  database: {
    tenant: (tenantId: string) => ["database", tenantId] as const,
  },
  /** One tenant's custom domains. */
  domains: {
    tenant: (tenantId: string) => ["domains", tenantId] as const,
  },
  /** The plan catalogue (the console's Plans page). */
  plans: ["plans"] as const,
  /** One tenant's subscription, billing estimate and usage quotas (the Billing page and tab). */
  billing: {
    tenant: (tenantId: string) => ["billing", tenantId] as const,
  },
  /** One tenant's security policy and email domains. */
  security: {
    tenant: (tenantId: string) => ["security", tenantId] as const,
  },
  /** Webhook endpoints of one scope (a tenant's id, or "platform"): `queryKeys.webhooks.endpoint(s, id)` covers its detail, stats and deliveries. */
  webhooks: {
    scope: (scope: string) => ["webhooks", scope] as const,
    list: (scope: string) => [...queryKeys.webhooks.scope(scope), "list"] as const,
    endpoint: (scope: string, id: string) => [...queryKeys.webhooks.scope(scope), "endpoint", id] as const,
    stats: (scope: string, id: string) => [...queryKeys.webhooks.endpoint(scope, id), "stats"] as const,
    deliveries: (scope: string, id: string, status: string) => [...queryKeys.webhooks.endpoint(scope, id), "deliveries", status] as const,
    eventTypes: ["webhooks", "event-types"] as const,
  },
  /** The SQL console's completion list (a tenant's tables and columns). */
  sqlConsole: {
    completion: (tenantId: string) => ["sql-console", tenantId, "completion"] as const,
  },
  /** One tenant's backups and restores: `queryKeys.backups.tenant(id)` covers the list and every detail. */
  backups: {
    tenant: (tenantId: string) => ["backups", tenantId] as const,
    list: (tenantId: string) => [...queryKeys.backups.tenant(tenantId), "list"] as const,
    detail: (tenantId: string, backupId: string) => [...queryKeys.backups.tenant(tenantId), "backup", backupId] as const,
    restore: (tenantId: string, restoreId: string) => [...queryKeys.backups.tenant(tenantId), "restore", restoreId] as const,
  },
  /** Fleet migration runs: the list, and one run under an item filter. */
  fleetMigrations: {
    all: ["fleet-migrations"] as const,
    list: () => [...queryKeys.fleetMigrations.all, "list"] as const,
    run: (runId: string, itemState: string) => [...queryKeys.fleetMigrations.all, "run", runId, itemState] as const,
  },
  /** One tenant's support access requests (the console's Support access tab). */
  impersonation: {
    all: ["impersonation"] as const,
    tenant: (tenantId: string) => [...queryKeys.impersonation.all, tenantId] as const,
  },
  /** The signed-in user's inbox (the bell and /notifications), broadcasts, and a tenant's messages. */
  notifications: {
    inbox: ["notifications", "inbox"] as const,
    broadcasts: ["notifications", "broadcasts"] as const,
    messages: (tenantId: string) => ["notifications", "messages", tenantId] as const,
  },
};
