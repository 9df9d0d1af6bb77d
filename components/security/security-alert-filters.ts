import { isSecurityAlertKind, type SecurityAlertKind } from "@/lib/security-alerts/alert-kinds";

/** The Security page's filters as its URL keeps them (client and server). */
export type SecurityAlertFilters = { kind?: SecurityAlertKind; tenant_id?: string };

export function parseSecurityAlertFilters(get: (key: string) => string | null | undefined): SecurityAlertFilters {
  const kind = get("kind") ?? undefined;
  const tenant = get("tenant_id") ?? undefined;
  return { kind: kind && isSecurityAlertKind(kind) ? kind : undefined, tenant_id: tenant && /^(?:platform|[A-Za-z0-9_-]{1,64})$/.test(tenant) ? tenant : undefined };
}

export function securityAlertsPath(f: SecurityAlertFilters, cursor?: string | null): string {
  const q = new URLSearchParams();
  if (f.kind) q.set("kind", f.kind);
  if (f.tenant_id) q.set("tenant_id", f.tenant_id);
  if (cursor) q.set("cursor", cursor);
  const s = q.toString();
  return `/api/v1/security/alerts${s ? `?${s}` : ""}`;
}
