"use client";

import { useMemo } from "react";
import { apiAuditSource } from "@/components/audit/api-audit-source";
import { AuditViewer } from "@/components/audit/audit-viewer";

/** The tenant's Audit tab: its events only, through the tenant audit-log API. */
export function AuditTab({ tenantId, now }: { tenantId: string; now: number }) {
  const source = useMemo(() => apiAuditSource(`/api/v1/tenants/${encodeURIComponent(tenantId)}/audit-log`, tenantId), [tenantId]);
  return <AuditViewer surface="console" source={source} now={now} />;
}
