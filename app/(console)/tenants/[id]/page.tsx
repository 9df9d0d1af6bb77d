import { listImpersonationRequests } from "@/lib/impersonation/list-impersonation-requests";
import { cache } from "react";
import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { parseAuditFilters } from "@/components/audit/audit-filters";
import { prefetchAuditLog } from "@/components/audit/prefetch-audit-log";
import { prefetchMembers } from "@/components/members/prefetch-members";
import { prefetchTenantHealth } from "@/components/analytics/prefetch-tenant-health";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { loadTenantDatabase } from "@/lib/dataplane/load-tenant-database";
import { listBackups } from "@/lib/backups/read-backups";
import { loadSecurityPanel } from "@/lib/security-policy/load-security-panel";
import { env } from "@/lib/env";
import { can } from "@/lib/auth/authorize";
import { AppError } from "@/lib/http/errors";
import { listNotices } from "@/lib/limits/list-notices";
import { getTenant } from "@/lib/tenants/get-tenant";
import { getUsageHistory } from "@/lib/tenants/get-usage-history";
import { requestTime } from "@/lib/request-time";
import { DEFAULT_USAGE_PERIOD } from "@/lib/usage/usage-dashboard-data";
import { loadLimitsUsage } from "@/lib/usage/load-limits-usage";
import { loadUsageDashboard } from "@/lib/usage/load-usage-dashboard";
import { loadBillingPanel } from "@/lib/billing/load-billing-panel";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { loadEndpointRows } from "@/components/webhooks/load-endpoint-rows";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";
import { requireConsoleCaller } from "../../_lib/require-console-caller";
import { TENANT_TABS, type TenantTabKey } from "./_components/tenant-tabs";
import { TenantDetailClient } from "./page-client";

type Params = { id: string };

// One read per request, shared by generateMetadata and the page.
const loadTenant = cache(async (id: string) => {
  const caller = await requireConsoleCaller();
  try {
    return await getTenant(caller, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "tenant_not_found") notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { id } = await params;
  try {
    return { title: (await loadTenant(id)).body.tenant.name };
  } catch {
    return { title: "Tenant" };
  }
}

export default async function TenantPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requireConsoleCaller();
  const { id } = await params;
  const sp = await searchParams;
  const { tab, endpoint } = sp;
  const { etag, body } = await loadTenant(id);
  const canReadAudit = can(caller, "audit:read");
  const canUpdate = can(caller, "tenants:update");
  const canReadData = can(caller, "data:read");
  // The Webhooks tab is for staff who may change the tenant (its endpoints need the tenant's webhooks:manage).
  const canBackup = can(caller, "backups:manage");
  const canImpersonate = can(caller, "tenants:impersonate");
  const initialTab: TenantTabKey =
    TENANT_TABS.find((x) => x.key === tab && (x.key !== "webhooks" || canUpdate) && (x.key !== "database" || canReadData) && (x.key !== "backups" || canBackup) && (x.key !== "support" || canImpersonate))?.key ?? "overview";
  // The Members tab's first page is read with the rest, so opening the tab shows rows at once rather than skeletons.
  // The Audit tab's first page too, under the URL's filters, only when it is the open tab (like Webhooks): other tabs do not pay for it.
  const auditFilters = tab === "audit" ? parseAuditFilters((k) => (Array.isArray(sp[k]) ? sp[k][0] : sp[k])) : {};
  // The Usage and Limits tabs' figures likewise, only when the page opens on them; the Overview's health card too.
  const [history, events, members, webhookEndpoints, audit, notices, usage, limitsUsage, health, database, backups, supportAccess, security, billing] = await Promise.all([
    getUsageHistory(caller, id),
    canReadAudit ? listAuditEvents(platformActor(caller), { kind: "tenant", tenantId: id }, { limit: 12 }).then((p) => p.items) : Promise.resolve([]),
    prefetchMembers(platformActor(caller), id),
    initialTab === "webhooks" ? loadEndpointRows(tenantOwner(platformActor(caller), id)) : Promise.resolve(null),
    canReadAudit && initialTab === "audit" ? prefetchAuditLog(platformActor(caller), { kind: "tenant", tenantId: id }, auditFilters, requestTime()) : undefined,
    listNotices(platformActor(caller), id, {}),
    initialTab === "usage" ? loadUsageDashboard(platformActor(caller), id, DEFAULT_USAGE_PERIOD) : undefined,
    initialTab === "limits" ? loadLimitsUsage(platformActor(caller), id) : undefined,
    initialTab === "overview" ? prefetchTenantHealth(platformActor(caller), id) : undefined,
    // A schema that cannot be read now (a connection limit reached) leaves the tab to ask again and show the error in place.
    initialTab === "database" ? loadTenantDatabase(platformActor(caller), id).catch(() => null) : undefined,
    initialTab === "backups" ? listBackups(caller, id, {}) : undefined,
    initialTab === "support" ? listImpersonationRequests(platformActor(caller), id) : undefined,
    initialTab === "security" ? loadSecurityPanel(platformActor(caller), id) : undefined,
    initialTab === "billing" ? loadBillingPanel(platformActor(caller), id) : undefined,
  ]);
  return (
    <HydrationBoundary state={{ queries: [...members.queries, ...(audit?.queries ?? []), ...(health?.queries ?? [])], mutations: [] }}>
      <TenantDetailClient
        tenant={body}
        etag={etag}
        history={history}
        notices={notices}
        usage={usage}
        limitsUsage={limitsUsage}
        database={database}
        events={events}
        security={security}
        billing={billing}
        backups={canBackup ? { list: backups, encryptionAvailable: encryptionAvailable() } : undefined}
        webhooks={webhookEndpoints ? { endpoints: webhookEndpoints, openEndpointId: typeof endpoint === "string" ? endpoint : null } : undefined}
        permissions={{
          update: canUpdate,
          suspend: can(caller, "tenants:suspend"),
          archive: can(caller, "tenants:archive"),
          delete: can(caller, "tenants:delete"),
          auditRead: canReadAudit,
          dataRead: canReadData,
          backups: canBackup,
          backupsDownload: can(caller, "backups:download"),
          impersonate: canImpersonate,
          billing: can(caller, "billing:manage"),
          staffUserId: caller.kind === "user" ? caller.id : null,
        }}
        supportAccess={supportAccess}
        timezones={["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")]}
        initialTab={initialTab}
        now={requestTime()}
      />
    </HydrationBoundary>
  );
}

/** Whether "Encrypt" can be offered: a BACKUP_ENCRYPTION_KEY is set and well formed (a malformed one fails every encrypted backup). */
function encryptionAvailable(): boolean {
  try {
    return env.backupEncryptionKey !== null;
  } catch {
    return false;
  }
}
