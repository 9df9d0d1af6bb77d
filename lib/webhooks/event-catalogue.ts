/**
 * The webhook event catalogue: seed 000's event names (and the members/roles/
 * domains/API-key events of features that exist), each with what it means and
 * an example `data`. publishEvent maps every audit action through
 * `webhookEventFor`; an action with no webhook type sends nothing.
 *
 * Extension point: a later feature (usage alerts, backups, schema migrations)
 * publishes with `action` set to one of the reserved types below; they are
 * listed already so endpoints can subscribe before the feature ships, and
 * they need no alias (an action that is itself a catalogue type is sent as is).
 */
export type WebhookEventType = { type: string; area: string; description: string; example: Record<string, unknown>; reserved?: boolean };

const T = "tenant_1234567890abcdef";
const U = "user_1234567890abcdef";

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  { type: "tenant.created", area: "tenant", description: "A tenant was created and provisioned", example: { tenant_id: T, name: "Acme Corp", slug: "acme", status: "active", plan: "professional" } },
  { type: "tenant.updated", area: "tenant", description: "The tenant's name, plan, settings, limits, features or branding changed", example: { tenant_id: T, name: "Acme Corporation", changes_applied: ["name"], previous: { name: "Acme Corp" } } },
  { type: "tenant.suspended", area: "tenant", description: "The tenant was suspended", example: { tenant_id: T, status: "suspended", reason: "Payment overdue", previous: { status: "active" } } },
  { type: "tenant.reactivated", area: "tenant", description: "A suspended or archived tenant is active again", example: { tenant_id: T, status: "active", previous: { status: "suspended" } } },
  { type: "tenant.template_applied", area: "tenant", description: "The tenant was brought in line with a template version (settings, limits, features, branding, roles, webhook endpoints)", example: { tenant_id: T, template_id: "tpl_1234567890abcdef", template_version: 2, template_name: "Professional starter", changed_fields: ["plan", "roles.Support"], previous: { template_id: "tpl_1234567890abcdef", template_version: 1 } } },
  { type: "tenant.archived", area: "tenant", description: "The tenant was archived", example: { tenant_id: T, status: "archived", previous: { status: "active" } } },
  { type: "tenant.deleted", area: "tenant", description: "Deletion was scheduled (phase scheduled, with the final date) or completed (phase purged)", example: { tenant_id: T, phase: "scheduled", status: "pending_deletion", grace_period_days: 30, final_deletion_date: "2026-01-03T10:00:00.000Z" } },
  { type: "tenant.restored", area: "tenant", description: "A scheduled deletion was cancelled (the tenant is back in its previous state), or the tenant's schema was restored from a backup (source backup, with the restore and backup ids)", example: { tenant_id: T, status: "active", previous: { status: "pending_deletion" } } },
  { type: "member.joined", area: "member", description: "Someone became a member (invitation accepted or added directly)", example: { user_id: U, email: "jane@acme.example", role: "admin" } },
  { type: "member.invited", area: "member", description: "An invitation was sent", example: { invitation_id: "inv_1234567890abcdef", email: "new@acme.example", role: "member", expires_at: "2026-01-10T10:00:00.000Z" } },
  { type: "member.role_changed", area: "member", description: "A member's role changed", example: { user_id: U, role: "manager", previous: { role: "member" } } },
  { type: "member.suspended", area: "member", description: "A member was suspended", example: { user_id: U, status: "suspended", previous: { status: "active" } } },
  { type: "member.reactivated", area: "member", description: "A suspended member is active again", example: { user_id: U, status: "active", previous: { status: "suspended" } } },
  { type: "member.removed", area: "member", description: "A member was removed", example: { user_id: U, previous: { role: "member", status: "active" } } },
  { type: "invitation.resent", area: "invitation", description: "An invitation was sent again with a new expiry", example: { invitation_id: "inv_1234567890abcdef", expires_at: "2026-01-12T10:00:00.000Z" } },
  { type: "invitation.revoked", area: "invitation", description: "An invitation was revoked before it was accepted", example: { invitation_id: "inv_1234567890abcdef", previous: { email: "new@acme.example", role: "member" } } },
  { type: "role.created", area: "role", description: "A custom role was created", example: { role_id: "role_1234567890abcdef", name: "Support", permissions: ["members:read"] } },
  { type: "role.updated", area: "role", description: "A custom role's name, description or permissions changed", example: { role_id: "role_1234567890abcdef", permissions: ["members:read", "audit:read"], previous: { permissions: ["members:read"] } } },
  { type: "role.deleted", area: "role", description: "A custom role was deleted; its members moved to a replacement role", example: { role_id: "role_1234567890abcdef", replacement_role: "member", members_moved: 2 } },
  { type: "domain.verified", area: "domain", description: "A custom domain's TXT record was found: it is verified", example: { domain_id: "dom_1234567890abcdef", domain: "app.acme.com", status: "verified" } },
  { type: "domain.failed", area: "domain", description: "A custom domain failed verification, or a verified one lost its record", example: { domain_id: "dom_1234567890abcdef", domain: "app.acme.com", status: "failed", error: "TXT record not found" } },
  { type: "branding.updated", area: "branding", description: "Branding (logo, colours, CSS…) changed or was reverted to an earlier version", example: { tenant_id: T, version: 4, primary_color: "#1d4ed8", previous: { primary_color: "#2563eb" } } },
  { type: "api_key.created", area: "api_key", description: "An API key was created (never its secret)", example: { api_key_id: "key_1234567890abcdef", name: "CI deploys", scope: "tenant", permissions: ["members:read"], expires_at: null } },
  { type: "security.policy_updated", area: "security", description: "The tenant's security policy changed (only the changed fields, before under previous)", example: { security_policy_id: T, ip_allowlist: ["203.0.113.0/24"], previous: { ip_allowlist: [] } } },
  { type: "security.email_domain_verified", area: "security", description: "An email domain's TXT record was found: sign-ups from it may join in its capture role", example: { email_domain_id: "acme.example", domain: "acme.example", status: "verified", previous: { status: "pending" } } },
  { type: "api_key.revoked", area: "api_key", description: "An API key was revoked", example: { api_key_id: "key_1234567890abcdef", previous: { name: "CI deploys" } } },
  { type: "resources.scaled", area: "resources", description: "The tenant's limits were scaled (POST …/scale, now or at its scheduled time)", example: { tenant_id: T, scaling_id: "scale_1234567890abcdef", strategy: "immediate", limits: { storage_gb: 200 }, previous: { limits: { storage_gb: 100 } } } },
  { type: "tenant.bulk_operation_completed", area: "tenant", description: "A bulk operation (POST /tenants/bulk) finished: its counts; each tenant's own events carry bulk_operation_id", example: { bulk_operation_id: "bop_1234567890abcdef", operation: "change_plan", status: "completed", total: 3, succeeded: 2, skipped: 0, failed: 1, retry_of: null } },
  { type: "tenant.exported", area: "tenant", description: "An export of the tenant's data finished (POST …/export); the archive is fetched through a signed link", example: { tenant_id: T, export_id: "exp_1234567890abcdef", bytes: 1048576, rows: 12000, checksum: "sha256:9f86d08…" } },
  { type: "tenant.imported", area: "tenant", description: "A tenant was created from an export archive (POST /tenants/import)", example: { tenant_id: T, slug: "acme-staging", source_tenant_id: "tenant_fedcba0987654321", members_linked: 3, members_invited: 1 } },
  { type: "impersonation.requested", area: "impersonation", description: "Platform staff asked to enter the tenant's portal as support (reason, duration, mode); the owners approve or deny", example: { request_id: "imp_1234567890abcdef", staff_email: "support@atrium.example", reason: "Ticket 4821", duration_minutes: 60, mode: "read_only", status: "requested" } },
  { type: "impersonation.approved", area: "impersonation", description: "A support access request was approved (by an owner, or at once by the tenant's pre-approval policy); it lasts until expires_at", example: { request_id: "imp_1234567890abcdef", status: "approved", expires_at: "2026-01-01T11:00:00.000Z" } },
  { type: "impersonation.denied", area: "impersonation", description: "A support access request was denied", example: { request_id: "imp_1234567890abcdef", status: "denied" } },
  { type: "impersonation.started", area: "impersonation", description: "Staff entered the portal under an approved request", example: { request_id: "imp_1234567890abcdef", staff_email: "support@atrium.example", mode: "read_only" } },
  { type: "impersonation.ended", area: "impersonation", description: "Staff ended their support session", example: { request_id: "imp_1234567890abcdef" } },
  { type: "impersonation.revoked", area: "impersonation", description: "Support access was revoked (by the tenant or by staff) before it expired; its sessions ended", example: { request_id: "imp_1234567890abcdef", status: "revoked", sessions_ended: 1 } },
  { type: "impersonation.expired", area: "impersonation", description: "Support access reached its expiry; its sessions ended", example: { request_id: "imp_1234567890abcdef", status: "expired", sessions_ended: 0 } },
  { type: "subscription.changed", area: "subscription", description: "The tenant's plan changed (upgrade, downgrade or a trial's end), with the prorated amount on the next invoice", example: { tenant_id: T, plan: "professional", plan_version: 1, price_monthly_cents: 9900, currency: "USD", proration_total_cents: 3484, previous: { plan: "basic" } } },
  { type: "subscription.add_ons_changed", area: "subscription", description: "Extra seats or storage changed (the tenant's effective limits follow)", example: { tenant_id: T, add_ons: { extra_seats: 5, extra_storage_gb: 0 }, previous: { add_ons: { extra_seats: 0, extra_storage_gb: 0 } } } },
  { type: "subscription.trial_started", area: "subscription", description: "A trial of a plan started", example: { tenant_id: T, plan: "enterprise", trial_ends_at: "2026-01-15T10:00:00.000Z", trial_end_action: "convert" } },
  { type: "subscription.trial_ended", area: "subscription", description: "A trial ended by its action: convert (paid plan from now), downgrade (to basic) or suspend", example: { tenant_id: T, action: "convert", plan: "enterprise", status: "active" } },
  { type: "notification.sent", area: "notification", description: "A notification was sent to the tenant's members (in-app and by mail, per each member's preferences), directly or as the tenant's part of a broadcast (broadcast_id set)", example: { notification_id: "ntf_1234567890abcdef", broadcast_id: null, severity: "maintenance", title: "Scheduled maintenance", roles: null, recipients: 12, emailed: 9 } },
  // Reserved for features that publish through the same function later (seed 000 names).
  { type: "tenant.limits.exceeded", area: "tenant", description: "A limits check found the tenant over a limit plus grace and started enforcing it (API keys refused until the next UTC day, or uploads refused)", example: { tenant_id: T, limit: "api_rate_limits", value: 26500, maximum: 24000, unit: "calls/day", until: "2026-01-02T00:00:00.000Z" } },
  { type: "tenant.backup.completed", area: "tenant", description: "A tenant backup completed", example: { tenant_id: T, backup_id: "backup_1234567890abcdef", size_bytes: 2684354560, rows: 12450, checksum: "sha256:a1b2c3…" } },
  { type: "resources.quota.warning", area: "resources", description: "Usage crossed the tenant's warning or critical alert threshold (level says which); once per crossing and period", example: { tenant_id: T, resource: "storage_quota", used: 4.1, quota: 5, unit: "GB", usage_percent: 82, level: "warning" } },
  { type: "resources.quota.exceeded", area: "resources", description: "Usage crossed the tenant's exceeded alert threshold (100 % of the limit by default); once per crossing and period", example: { tenant_id: T, resource: "storage_quota", used: 5.2, quota: 5, unit: "GB", usage_percent: 104, level: "exceeded" } },
  { type: "schema.migration.started", area: "schema", description: "A migration of the tenant's schema started (POST /tenants/{id}/migrate, or the tenant's turn in a fleet run)", example: { tenant_id: T, migration_id: "mig_1234567890abcdef", run_id: null, direction: "up", version: null } },
  { type: "schema.migration.completed", area: "schema", description: "A migration of the tenant's schema completed", example: { tenant_id: T, migration_id: "mig_1234567890abcdef", run_id: null, direction: "up", migrations: ["20261207000100"], schema_version: "20261207000100", duration_ms: 5120 } },
  { type: "schema.migration.failed", area: "schema", description: "A migration of the tenant's schema failed and was rolled back (or was refused before running)", example: { tenant_id: T, migration_id: "mig_1234567890abcdef", run_id: null, direction: "up", version: "20261207000100", error: "canceling statement due to lock timeout" } },
  { type: "webhook.test", area: "webhook", description: "Sent by \"Send test event\" to one endpoint only; never by subscription", example: { endpoint_id: "whep_1234567890abcdef", message: "This is a test event from Atrium" } },
];

const BY_TYPE = new Map(WEBHOOK_EVENT_TYPES.map((e) => [e.type, e]));
export const isWebhookEventType = (type: string) => BY_TYPE.has(type);

/** What an endpoint's `event_types` may name: a type, `*`, or an area wildcard such as `member.*`. */
export function isSubscribablePattern(p: string): boolean {
  if (p === "*") return true;
  if (p.endsWith(".*")) return WEBHOOK_EVENT_TYPES.some((e) => e.type.startsWith(p.slice(0, -1)) && e.type !== "webhook.test");
  return BY_TYPE.has(p) && p !== "webhook.test";
}

/** The patterns that cover `type`: itself, `*`, and each prefix wildcard (`tenant.*`, `tenant.limits.*`). */
export function patternsFor(type: string): string[] {
  const parts = type.split(".");
  const out = [type, "*"];
  for (let i = 1; i < parts.length; i++) out.push(`${parts.slice(0, i).join(".")}.*`);
  return out;
}

/** Audit actions whose webhook type has another name (or needs a phase). */
const ALIASES: Record<string, { type: string; extra?: Record<string, unknown> }> = {
  "tenant.provisioned": { type: "tenant.created" },
  "tenant.deletion_scheduled": { type: "tenant.deleted", extra: { phase: "scheduled" } },
  "tenant.purged": { type: "tenant.deleted", extra: { phase: "purged", status: "deleted" } },
  "tenant.deletion_cancelled": { type: "tenant.restored" },
  "tenant.restored_from_backup": { type: "tenant.restored", extra: { source: "backup" } },
  "tenant.branding_updated": { type: "branding.updated" },
  "member.joined_by_sso": { type: "member.joined", extra: { via: "sso" } },
  "tenant.branding_reverted": { type: "branding.updated" },
  "domain.verification_failed": { type: "domain.failed" },
  "member.joined_by_domain_capture": { type: "member.joined", extra: { via: "domain_capture" } },
  "domain.verification_lost": { type: "domain.failed", extra: { reason: "verification_lost" } },
  // Usage alerts and enforcement (lib/limits/): critical is a warning at a higher threshold.
  "usage.quota_warning": { type: "resources.quota.warning" },
  "usage.quota_critical": { type: "resources.quota.warning" },
  "usage.quota_exceeded": { type: "resources.quota.exceeded" },
  "usage.enforcement_started": { type: "tenant.limits.exceeded" },
  // A tenant's part of a broadcast is, to the tenant, a notification like any other.
  "broadcast.sent": { type: "notification.sent" },
};

/** Audit actions that are only audit records: `tenant.created` is announced once provisioned (as tenant.created). */
const NOT_SENT = new Set(["tenant.created", "webhook.test"]);

export type WebhookEventSource = { action: string; targetType: string; targetId: string | null; before?: unknown; after?: unknown };

const asObject = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/**
 * The webhook type and public `data` of an audit event, or null when it sends
 * nothing. `data` names the target (`<target_type>_id`), what it is now and,
 * under `previous`, what changed from: the fields the audit row already holds,
 * which carry no secrets (keys and tokens are never in audit rows).
 */
export function webhookEventFor(e: WebhookEventSource): { type: string; data: Record<string, unknown> } | null {
  if (NOT_SENT.has(e.action)) return null;
  const alias = ALIASES[e.action];
  const type = alias?.type ?? e.action;
  if (!BY_TYPE.has(type)) return null;
  const previous = asObject(e.before);
  return {
    type,
    data: {
      [`${e.targetType}_id`]: e.targetId,
      ...(asObject(e.after) ?? {}),
      ...(alias?.extra ?? {}),
      ...(previous ? { previous } : {}),
    },
  };
}
