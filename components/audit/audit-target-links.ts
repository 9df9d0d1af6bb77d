import type { AuditItem } from "./audit-types";

/** Where the viewer lives: the console (staff) or a tenant's portal (its members). */
export type AuditSurface = "console" | "portal";

export type AuditLink = { href: string; label: string };

const isBranding = (e: AuditItem) => e.event_type.startsWith("tenant.branding") || e.target.type === "tenant_asset";

/** The page where an event's target can be seen, if this surface has one. */
export function auditTargetLink(surface: AuditSurface, e: AuditItem): AuditLink | null {
  const t = e.target;
  const tenantPage = (tab?: string) => (e.tenant_id ? `/tenants/${e.tenant_id}${tab ? `?tab=${tab}` : ""}` : null);
  const link = (href: string | null, label: string): AuditLink | null => (href ? { href, label } : null);
  if (surface === "portal") {
    if (isBranding(e)) return link("/branding", "Open branding");
    switch (t.type) {
      case "tenant":
        return link("/", "Open overview");
      case "user":
      case "invitation":
        return link("/members", "Open members");
      case "role":
        return link("/roles", "Open roles");
      case "domain":
        return link("/domains", "Open domains");
      case "api_key":
        return link("/api-keys", "Open API keys");
      default:
        return null;
    }
  }
  if (isBranding(e)) return link(tenantPage("branding"), "Open the tenant's branding");
  switch (t.type) {
    case "tenant":
      return t.id ? { href: `/tenants/${t.id}`, label: "Open tenant" } : null;
    case "user":
      // A member of a tenant is shown on its Members tab; a staff account on its own page.
      return e.tenant_id ? link(tenantPage("members"), "Open the tenant's members") : t.id ? { href: `/users/${t.id}`, label: "Open user" } : null;
    case "invitation":
      return link(tenantPage("members"), "Open the tenant's members");
    case "domain":
      return link(tenantPage("domains"), "Open the tenant's domains");
    case "api_key":
      return e.tenant_id ? null : { href: "/api-keys", label: "Open API keys" };
    default:
      return null;
  }
}

/** Who did it, in words: a name, else an email, else the key or "system". */
export function auditActorText(e: AuditItem): string {
  const a = e.actor;
  if (a.type === "system") return a.name ? `System (${a.name})` : "System";
  return a.name || a.email || (a.key_id ? `API key ${a.key_id}` : a.user_id) || a.type;
}

/** The actor's id to filter by: their email or key id. */
export const auditActorFilter = (e: AuditItem): string | null => e.actor.email || e.actor.key_id || e.actor.user_id || null;
