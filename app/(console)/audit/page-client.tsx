"use client";

import { AuditViewer } from "@/components/audit/audit-viewer";
import type { TenantChoices } from "@/components/audit/audit-tenant-filter";
import { apiAuditSource } from "@/components/audit/api-audit-source";

const SOURCE = apiAuditSource("/api/v1/audit-log", "platform");

/** The console's Audit page: every tenant's events and the platform's own, through the platform audit-log API. */
export function ConsoleAuditClient({ now, tenants }: { now: number; tenants: TenantChoices }) {
  return <AuditViewer surface="console" source={SOURCE} now={now} tenants={tenants} />;
}
