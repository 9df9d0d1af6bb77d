"use client";

import { useMemo } from "react";
import { AUDIT_PAGE_SIZE } from "@/components/audit/audit-filters";
import type { AuditSource } from "@/components/audit/audit-viewer";
import { AuditViewer } from "@/components/audit/audit-viewer";
import { listAuditEventsAction, verifyAuditLogAction } from "@/lib/actions/audit-actions";
import type { ActionResult } from "@/lib/actions/action-result";
import { ApiError } from "@/lib/query/fetch-api";

async function unwrap<T>(p: Promise<ActionResult<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new ApiError(r.code === "internal_error" ? 500 : 400, r.code, r.message);
  return r.data;
}

/** The portal's Audit log: the shared viewer over server actions (reads) and this host's export route (downloads). */
export function PortalAuditLog({ tenantId, now }: { tenantId: string; now: number }) {
  const source = useMemo<AuditSource>(
    () => ({
      scopeKey: tenantId,
      fetchPage: (query, cursor) => unwrap(listAuditEventsAction(tenantId, { ...query, limit: String(AUDIT_PAGE_SIZE) }, cursor)),
      verify: () => unwrap(verifyAuditLogAction(tenantId)),
      exportHref: (query, format) => `/audit-log/export?${new URLSearchParams({ ...query, format })}`,
    }),
    [tenantId],
  );
  return <AuditViewer surface="portal" source={source} now={now} />;
}
