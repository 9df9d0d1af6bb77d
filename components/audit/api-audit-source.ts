import { fetchApi } from "@/lib/query/fetch-api";
import { AUDIT_PAGE_SIZE } from "./audit-filters";
import type { AuditPage, AuditVerifyResult } from "./audit-types";
import type { AuditSource } from "./audit-viewer";

/** The audit viewer's data from the /api/v1 audit-log routes (console: the staff session authorises). */
export function apiAuditSource(base: string, scopeKey: string): AuditSource {
  const withQuery = (path: string, query: Record<string, string>) => {
    const q = new URLSearchParams(query).toString();
    return q ? `${path}?${q}` : path;
  };
  return {
    scopeKey,
    fetchPage: (query, cursor, signal) => fetchApi<AuditPage>(withQuery(base, { ...query, limit: String(AUDIT_PAGE_SIZE), ...(cursor ? { cursor } : {}) }), { signal }),
    verify: (query) => fetchApi<AuditVerifyResult>(withQuery(`${base}/verify`, query.tenant_id && query.tenant_id !== "platform" ? { tenant_id: query.tenant_id } : {})),
    exportHref: (query, format) => withQuery(`${base}/export`, { ...query, format }),
  };
}
