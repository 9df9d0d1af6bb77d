// The audit log's event types, grouped by area: the audit viewer's event type
// picker is drawn from this list (client and server safe). An area with a
// `prefixes` is filtered as `prefix.*`, so event types added later under it are
// included; branding events are stored under `tenant.` and are listed by name.

export type AuditArea = {
  key: string;
  label: string;
  /** Filtering by the whole area: `<prefix>.*` for each, else the listed types. */
  prefixes?: readonly string[];
  types: readonly { type: string; label: string }[];
  /** Events without a tenant: shown only where platform events are (the console's Audit page). */
  platformOnly?: boolean;
};

export const AUDIT_AREAS: readonly AuditArea[] = [
  {
    key: "tenant",
    label: "Tenant",
    types: [
      { type: "tenant.created", label: "Created" },
      { type: "tenant.provisioned", label: "Provisioned" },
      { type: "tenant.provisioning_failed", label: "Provisioning failed" },
      { type: "tenant.updated", label: "Updated" },
      { type: "tenant.suspended", label: "Suspended" },
      { type: "tenant.reactivated", label: "Reactivated" },
      { type: "tenant.archived", label: "Archived" },
      { type: "tenant.deletion_scheduled", label: "Deletion scheduled" },
      { type: "tenant.deletion_cancelled", label: "Deletion cancelled" },
      { type: "tenant.purged", label: "Purged" },
      { type: "tenant.bulk_operation_completed", label: "Bulk operation completed" },
      { type: "tenant.template_applied", label: "Template applied" },
      { type: "resources.scaled", label: "Resources scaled" },
      { type: "resources.scale_scheduled", label: "Scaling scheduled" },
    ],
  },
  {
    key: "invoice",
    label: "Invoices",
    prefixes: ["invoice"],
    types: [
      { type: "invoice.issued", label: "Issued" },
      { type: "invoice.paid", label: "Marked paid" },
      { type: "invoice.voided", label: "Voided" },
    ],
  },
  {
    key: "member",
    label: "Members",
    prefixes: ["member"],
    types: [
      { type: "member.invited", label: "Invited" },
      { type: "member.joined", label: "Joined" },
      { type: "member.joined_by_sso", label: "Joined through single sign-on" },
      { type: "member.joined_by_domain_capture", label: "Joined by email domain" },
      { type: "member.role_changed", label: "Role changed" },
      { type: "member.suspended", label: "Suspended" },
      { type: "member.reactivated", label: "Reactivated" },
      { type: "member.removed", label: "Removed" },
    ],
  },
  {
    key: "usage",
    label: "Usage and limits",
    prefixes: ["usage"],
    types: [
      { type: "usage.quota_warning", label: "Warning threshold crossed" },
      { type: "usage.quota_critical", label: "Critical threshold crossed" },
      { type: "usage.quota_exceeded", label: "Limit reached" },
      { type: "usage.enforcement_started", label: "Enforcement started" },
      { type: "usage.enforcement_lifted", label: "Enforcement lifted" },
      { type: "usage.thresholds_updated", label: "Alert thresholds changed" },
    ],
  },
  {
    key: "invitation",
    label: "Invitations",
    prefixes: ["invitation"],
    types: [
      { type: "invitation.resent", label: "Resent" },
      { type: "invitation.revoked", label: "Revoked" },
    ],
  },
  {
    key: "role",
    label: "Roles",
    prefixes: ["role"],
    types: [
      { type: "role.created", label: "Created" },
      { type: "role.updated", label: "Updated" },
      { type: "role.deleted", label: "Deleted" },
    ],
  },
  {
    key: "domain",
    label: "Domains",
    prefixes: ["domain"],
    types: [
      { type: "domain.added", label: "Added" },
      { type: "domain.updated", label: "Updated" },
      { type: "domain.verified", label: "Verified" },
      { type: "domain.verification_failed", label: "Verification failed" },
      { type: "domain.verification_lost", label: "Verification lost" },
      { type: "domain.record_missing", label: "DNS record missing" },
      { type: "domain.record_restored", label: "DNS record restored" },
      { type: "domain.primary_set", label: "Made primary" },
      { type: "domain.removed", label: "Removed" },
    ],
  },
  {
    key: "branding",
    label: "Branding",
    types: [
      { type: "tenant.branding_updated", label: "Updated" },
      { type: "tenant.branding_reverted", label: "Reverted" },
      { type: "tenant.branding_asset_uploaded", label: "Image uploaded" },
      { type: "tenant.branding_assets_pruned", label: "Unused images deleted" },
    ],
  },
  {
    key: "api_key",
    label: "API keys",
    prefixes: ["api_key"],
    types: [
      { type: "api_key.created", label: "Created" },
      { type: "api_key.revoked", label: "Revoked" },
      { type: "api_key.used_from_new_ip", label: "Used from a new IP" },
    ],
  },
  {
    key: "access",
    label: "Access",
    prefixes: ["sign_in", "access"],
    types: [
      { type: "sign_in.succeeded", label: "Sign-in succeeded" },
      { type: "sign_in.failed", label: "Sign-in failed" },
      { type: "access.denied", label: "Permission denied" },
    ],
  },
  {
    key: "security",
    label: "Security",
    prefixes: ["security"],
    types: [
      { type: "security.new_sign_in_location", label: "Sign-in from a new device or network" },
      { type: "security.repeated_sign_in_failures", label: "Repeated sign-in failures" },
      { type: "security.second_factor_disabled", label: "Two-factor authentication turned off" },
      { type: "security.second_factor_enabled", label: "Two-factor authentication turned on" },
      { type: "security.recovery_codes_regenerated", label: "New recovery codes created" },
      { type: "security.recovery_code_used", label: "Recovery code used to sign in" },
      { type: "security.api_key_created", label: "New API key" },
      { type: "security.policy_changed", label: "Security policy changed" },
      { type: "security.impersonation_requested", label: "Support access requested" },
      { type: "security.impersonation_started", label: "Support access started" },
      { type: "security.impersonation_revoked", label: "Support access ended" },
      { type: "security.password_reset_requested", label: "Password reset requested" },
      { type: "security.password_reset_completed", label: "Password reset" },
      { type: "security.passkey_added", label: "Passkey added" },
      { type: "security.passkey_removed", label: "Passkey removed" },
      { type: "security.email_verified", label: "Email address verified" },
      { type: "security.policy_updated", label: "Security policy updated" },
      { type: "security.email_domain_added", label: "Email domain added" },
      { type: "security.email_domain_verified", label: "Email domain verified" },
      { type: "security.email_domain_capture_changed", label: "Email domain capture role changed" },
      { type: "security.email_domain_removed", label: "Email domain removed" },
      { type: "security.session_ended", label: "Signed out of a session" },
      { type: "security.sessions_ended_by_staff", label: "All sessions ended by staff" },
      { type: "security.break_glass_sign_in", label: "Owner break-glass sign-in" },
    ],
  },
  {
    key: "sso",
    label: "Single sign-on",
    prefixes: ["sso"],
    types: [
      { type: "sso.connection_updated", label: "Identity provider configured" },
      { type: "sso.connection_deleted", label: "Identity provider removed" },
      { type: "sso.sign_in_succeeded", label: "Sign-in succeeded" },
      { type: "sso.sign_in_refused", label: "Sign-in refused" },
    ],
  },
  {
    key: "impersonation",
    label: "Support access",
    prefixes: ["impersonation"],
    types: [
      { type: "impersonation.requested", label: "Requested" },
      { type: "impersonation.approved", label: "Approved" },
      { type: "impersonation.denied", label: "Denied" },
      { type: "impersonation.started", label: "Support entered the portal" },
      { type: "impersonation.ended", label: "Support left the portal" },
      { type: "impersonation.revoked", label: "Revoked" },
      { type: "impersonation.expired", label: "Expired" },
    ],
  },
  {
    key: "notification",
    label: "Notifications",
    prefixes: ["notification", "broadcast"],
    types: [
      { type: "notification.sent", label: "Notification sent" },
      { type: "notification.scheduled", label: "Notification scheduled" },
      { type: "notification.canceled", label: "Scheduled notification cancelled" },
      { type: "broadcast.sent", label: "Broadcast sent to the tenant" },
      { type: "broadcast.created", label: "Broadcast created (platform)" },
      { type: "broadcast.canceled", label: "Broadcast cancelled (platform)" },
    ],
  },
  {
    key: "audit",
    label: "Audit log",
    prefixes: ["audit"],
    types: [
      { type: "audit.exported", label: "Exported" },
      { type: "audit.pruned", label: "Expired events pruned" },
    ],
  },
  {
    key: "user",
    label: "Platform staff",
    prefixes: ["user"],
    platformOnly: true,
    types: [
      { type: "user.created", label: "Created" },
      { type: "user.platform_role_changed", label: "Platform role changed" },
      { type: "user.suspended", label: "Suspended" },
      { type: "user.reactivated", label: "Reactivated" },
    ],
  },
  {
    key: "list_export",
    label: "List exports",
    platformOnly: true,
    types: [
      { type: "tenants.exported", label: "Tenant list exported (CSV)" },
      { type: "users.exported", label: "User list exported (CSV)" },
    ],
  },
  {
    key: "subscription",
    label: "Subscription",
    prefixes: ["subscription"],
    types: [
      { type: "subscription.changed", label: "Plan changed" },
      { type: "subscription.add_ons_changed", label: "Add-ons changed" },
      { type: "subscription.trial_started", label: "Trial started" },
      { type: "subscription.trial_updated", label: "Trial end action changed" },
      { type: "subscription.trial_ended", label: "Trial ended" },
      { type: "subscription.moved_to_current_version", label: "Moved to the plan's current version" },
    ],
  },
  {
    key: "plan_catalogue",
    label: "Plan catalogue",
    prefixes: ["plan"],
    platformOnly: true,
    types: [{ type: "plan.updated", label: "Plan edited (new version)" }],
  },
  {
    key: "template",
    label: "Tenant templates",
    prefixes: ["template"],
    platformOnly: true,
    types: [
      { type: "template.created", label: "Created" },
      { type: "template.updated", label: "New version" },
      { type: "template.archived", label: "Archived" },
    ],
  },
];

/** The areas a view offers: a tenant's view has no platform-only areas. */
export const auditAreasFor = (scope: "platform" | "tenant") => AUDIT_AREAS.filter((a) => scope === "platform" || !a.platformOnly);

/** The filter value that selects a whole area. */
export const areaFilterValues = (area: AuditArea): string[] => (area.prefixes ? area.prefixes.map((p) => `${p}.*`) : area.types.map((t) => t.type));

/** "member.role_changed" → "Members · Role changed"; an unknown type is shown as it is. */
export function auditEventLabel(type: string): string {
  for (const area of AUDIT_AREAS) {
    const t = area.types.find((x) => x.type === type);
    if (t) return `${area.label} · ${t.label}`;
  }
  const [head, ...rest] = type.split(".");
  const tail = rest.join(".").replace(/[._]/g, " ");
  const area = AUDIT_AREAS.find((a) => a.prefixes?.includes(head));
  return tail ? `${area?.label ?? head.replace(/_/g, " ")} · ${tail.charAt(0).toUpperCase()}${tail.slice(1)}` : type;
}

/** The area an event type belongs to (by listed name, then by prefix). */
export function auditAreaOf(type: string): AuditArea | undefined {
  return AUDIT_AREAS.find((a) => a.types.some((t) => t.type === type)) ?? AUDIT_AREAS.find((a) => a.prefixes?.some((p) => type.startsWith(`${p}.`)));
}
