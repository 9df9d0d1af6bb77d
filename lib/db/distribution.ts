/**
 * How each control-plane table (schema `public`) would be placed on Citus, distributing by
 * tenant. tests/integration/distribution-ready-schema.test.ts holds the live schema to this
 * list (a new table that is not classified fails it) and to Citus's rules; docs/scaling.md
 * explains the choices and carries `citusSetupSql()`'s output verbatim.
 *
 * - distributed: hash-distributed by `column`, all in one co-location group (every
 *   distribution column is text, so one tenant's rows of every table share a shard).
 * - reference: replicated to every node; small, read before the tenant is known or joined
 *   with tenant rows, or holding a uniqueness that spans tenants.
 * - local: stays on the coordinator (a Citus local table once it has a foreign key to a
 *   reference table); rows for no tenant or for every tenant at once.
 *
 * The order is the order of the Citus calls: a table comes after every table it references.
 */
export type Placement =
  | { table: string; kind: "distributed"; column: string; why?: string }
  | { table: string; kind: "reference"; why: string }
  | { table: string; kind: "local"; why: string };

const ACCOUNT = "account-level (a user has no tenant); written at sign-in, never joined with tenant rows, so its writes stay on one node";
const QUEUE_CLAIM = "claimed across all tenants by a worker with FOR UPDATE SKIP LOCKED, which Citus runs only on one shard";

export const CONTROL_PLANE_TABLES: readonly Placement[] = [
  // Reference tables (referenced tables first).
  { table: "users", kind: "reference", why: "global accounts (email unique across tenants); joined with memberships in every member list" },
  { table: "plan_catalogue", kind: "reference", why: "the platform's three plans; read with every tenant's limits" },
  { table: "plan_versions", kind: "reference", why: "immutable plan versions a tenant's subscription points at" },
  { table: "tenant_templates", kind: "reference", why: "platform-wide provisioning templates (key unique); tenants reference them" },
  { table: "tenant_template_versions", kind: "reference", why: "immutable versions of the templates" },
  {
    table: "tenants",
    kind: "reference",
    why: "the tenant directory: read on every request before anything else (host → tenant), slug and schema_name unique across tenants, and listed, sorted and paged by the console as one table; small (one row a tenant) and rarely written",
  },
  { table: "tenant_domains", kind: "reference", why: "host → tenant routing reads it before the tenant is known, and a verified domain is unique across tenants (partial unique index on domain)" },
  { table: "tenant_email_domains", kind: "reference", why: "sign-up capture looks the email's domain up before the tenant is known, and a verified domain is unique across tenants" },

  // Distributed by tenant (co-located). Parents before children.
  { table: "memberships", kind: "distributed", column: "tenant_id" },
  { table: "tenant_roles", kind: "distributed", column: "tenant_id" },
  { table: "tenant_invitations", kind: "distributed", column: "tenant_id", why: "the token lookup before the tenant is known (atrium_invitation_tenant) becomes a multi-shard index probe; tokens are 256-bit random, so unique (token_hash, tenant_id) loses nothing" },
  { table: "tenant_branding_versions", kind: "distributed", column: "tenant_id" },
  { table: "tenant_assets", kind: "distributed", column: "tenant_id" },
  { table: "tenant_db_roles", kind: "distributed", column: "tenant_id", why: "role names are unique cluster-wide in PostgreSQL itself; the index is (role_name, tenant_id)" },
  { table: "tenant_scalings", kind: "distributed", column: "tenant_id", why: "the scheduled-scaling claim (FOR UPDATE SKIP LOCKED across tenants) must become a read of candidates then a lock per tenant" },
  { table: "tenant_health", kind: "distributed", column: "tenant_id" },
  { table: "tenant_health_daily", kind: "distributed", column: "tenant_id" },
  { table: "tenant_alert_thresholds", kind: "distributed", column: "tenant_id" },
  { table: "tenant_enforcements", kind: "distributed", column: "tenant_id" },
  { table: "tenant_limit_alerts", kind: "distributed", column: "tenant_id" },
  { table: "tenant_notices", kind: "distributed", column: "tenant_id" },
  { table: "tenant_exports", kind: "distributed", column: "tenant_id" },
  { table: "tenant_backups", kind: "distributed", column: "tenant_id" },
  { table: "tenant_restores", kind: "distributed", column: "tenant_id" },
  { table: "tenant_security_policies", kind: "distributed", column: "tenant_id" },
  { table: "tenant_sso_connections", kind: "distributed", column: "tenant_id" },
  { table: "tenant_subscriptions", kind: "distributed", column: "tenant_id" },
  { table: "impersonation_grants", kind: "distributed", column: "tenant_id" },
  { table: "invoices", kind: "distributed", column: "tenant_id", why: "numbers come from one sequence (invoice_number_seq), so unique (tenant_id, number) keeps them unique everywhere" },
  { table: "invoice_line_items", kind: "distributed", column: "tenant_id" },
  { table: "billing_pending_charges", kind: "distributed", column: "tenant_id" },
  { table: "tenant_usage_daily", kind: "distributed", column: "tenant_id" },
  { table: "usage_rollup_hourly", kind: "distributed", column: "tenant_id" },
  { table: "usage_events", kind: "distributed", column: "tenant_id", why: "partitioned by day on occurred_at: Citus distributes the parent and every partition alike" },
  { table: "usage_event_keys", kind: "distributed", column: "tenant_id" },
  { table: "usage_daily_users", kind: "distributed", column: "tenant_id" },
  { table: "usage_gauges_latest", kind: "distributed", column: "tenant_id" },
  {
    table: "audit_events",
    kind: "distributed",
    column: "chain_key",
    why: "platform events have no tenant (tenant_id null), so the table is distributed by its chain key: the tenant's id for tenant events, 'platform' for the platform's own (a CHECK keeps it equal to coalesce(tenant_id, 'platform')); a tenant's events share its shard, the platform's chain is one shard",
  },
  { table: "audit_chain_heads", kind: "distributed", column: "chain_key", why: "one row per audit chain, locked by every audit write: co-located with that chain's events" },
  { table: "audit_checkpoints", kind: "distributed", column: "chain_key", why: "where retention pruned a chain: co-located with that chain's events" },

  // Local to the coordinator.
  { table: "_prisma_migrations", kind: "local", why: "the migration history of the control plane itself" },
  { table: "user_totp_factors", kind: "local", why: ACCOUNT },
  { table: "user_recovery_codes", kind: "local", why: ACCOUNT },
  { table: "user_passkeys", kind: "local", why: ACCOUNT },
  { table: "sign_in_locations", kind: "local", why: ACCOUNT },
  { table: "auth_sessions", kind: "local", why: "looked up by session id on every request before the tenant is known; staff sessions have no tenant" },
  { table: "auth_tokens", kind: "local", why: "single-use tokens looked up by hash before the tenant is known; staff tokens have no tenant" },
  { table: "api_keys", kind: "local", why: "looked up by key hash on every API request before the tenant is known; platform keys have no tenant" },
  { table: "api_key_ips", kind: "local", why: "belongs to api_keys (foreign key on key_id)" },
  { table: "idempotency_keys", kind: "local", why: "keyed by caller (an API key or a session), not by tenant; short-lived" },
  { table: "rate_limit_buckets", kind: "local", why: "throttling state keyed by client or account, not by tenant; short-lived" },
  { table: "api_rate_limits", kind: "local", why: "throttling state (UNLOGGED) keyed by caller; short-lived" },
  { table: "mail_outbox", kind: "local", why: `a queue ${QUEUE_CLAIM}; staff mail has no tenant` },
  { table: "webhook_endpoints", kind: "local", why: "platform endpoints (tenant_id null) receive every tenant's events; the outbox below references them" },
  { table: "webhook_messages", kind: "local", why: `the webhook outbox, ${QUEUE_CLAIM}` },
  { table: "webhook_attempts", kind: "local", why: "delivery log of webhook_messages (foreign keys to it and to its endpoint)" },
  { table: "notifications", kind: "local", why: "staff notifications (tenant_id null) and tenant ones in one inbox; broadcasts fan out across tenants in one transaction" },
  { table: "notification_recipients", kind: "local", why: "belongs to notifications (foreign key on notification_id)" },
  { table: "broadcasts", kind: "local", why: "platform-only messages to many tenants" },
  { table: "bulk_operations", kind: "local", why: "a platform operation over many tenants" },
  { table: "bulk_operation_items", kind: "local", why: `items of a bulk operation, ${QUEUE_CLAIM}` },
  { table: "tenant_migration_runs", kind: "local", why: "a fleet run spans tenants (tenant_id null for it)" },
  { table: "tenant_migration_run_items", kind: "local", why: `items of a migration run, ${QUEUE_CLAIM}` },
];

export function placementOf(table: string): Placement | undefined {
  return CONTROL_PLANE_TABLES.find((p) => p.table === table);
}

/** The Citus calls that distribute the control plane, in order (what docs/scaling.md shows). */
export function citusSetupSql(): string {
  const distributed = CONTROL_PLANE_TABLES.filter((p) => p.kind === "distributed");
  const anchor = distributed[0].table;
  const lines = [
    "-- 1. Reference tables (replicated to every node), referenced tables first.",
    ...CONTROL_PLANE_TABLES.filter((p) => p.kind === "reference").map((p) => `SELECT create_reference_table('${p.table}');`),
    `-- 2. Tables distributed by tenant, all co-located with ${anchor}.`,
    ...distributed.map((p) =>
      p.table === anchor
        ? `SELECT create_distributed_table('${p.table}', '${p.column}');`
        : `SELECT create_distributed_table('${p.table}', '${p.column}', colocate_with => '${anchor}');`,
    ),
    "-- 3. Local tables stay on the coordinator; those with a foreign key to a reference table",
    "--    become Citus local tables by themselves (citus.use_citus_managed_tables is not needed).",
  ];
  return lines.join("\n");
}
