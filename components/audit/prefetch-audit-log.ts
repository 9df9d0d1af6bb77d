import "server-only";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import { listAuditEvents, type AuditScope } from "@/lib/audit/list-audit-events";
import { parseOrThrow } from "@/lib/http/errors";
import { queryKeys } from "@/lib/query/keys";
import { platformAuditListQuerySchema, tenantAuditListQuerySchema } from "@/lib/schemas/audit";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { AUDIT_PAGE_SIZE, auditFiltersToQuery, type AuditFilters } from "./audit-filters";
import type { AuditPageParam, AuditViewerPage } from "./audit-types";

/**
 * The audit viewer's first page, read while the page renders and stored under
 * the query key the viewer will ask for, so the list arrives with the HTML.
 * A read that fails is left out: the viewer then asks itself and shows the error.
 */
export async function prefetchAuditLog(actor: TenantActor, scope: AuditScope, filters: AuditFilters, now: number): Promise<DehydratedState> {
  const client = new QueryClient();
  const scopeKey = scope.kind === "platform" ? "platform" : scope.tenantId;
  try {
    const input = { ...auditFiltersToQuery(filters, now), limit: String(AUDIT_PAGE_SIZE) };
    const query = scope.kind === "platform" ? parseOrThrow(platformAuditListQuerySchema, input) : parseOrThrow(tenantAuditListQuerySchema, input);
    const page = await listAuditEvents(actor, scope, query);
    const pages: AuditViewerPage[] = [{ ...page, anchor: now }];
    const pageParams: AuditPageParam[] = [{ cursor: null, anchor: null }];
    client.setQueryData(queryKeys.audit.list(scopeKey, filters), { pages, pageParams });
  } catch {
    // The viewer asks again in the browser and shows what went wrong there.
  }
  return dehydrate(client);
}
