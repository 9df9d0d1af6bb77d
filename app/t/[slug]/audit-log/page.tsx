import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import { parseAuditFilters } from "@/components/audit/audit-filters";
import { prefetchAuditLog } from "@/components/audit/prefetch-audit-log";
import { PageHeader } from "@/components/console/page-header";
import { NoAccess } from "@/components/portal/no-access";
import { PlanUpsell } from "@/components/portal/plan-upsell";
import { requirePortalSession } from "@/lib/portal/portal-session";
import { tenantPlanFeature } from "@/lib/portal/tenant-plan-feature";
import { requestTime } from "@/lib/request-time";
import { PortalAuditLog } from "./audit-log-client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

export default async function PortalAuditLogPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant, member, permissions } = await requirePortalSession((await params).slug, "/audit-log");
  if (!permissions.has("audit:read")) return <NoAccess section="the audit log" permission="audit:read" />;
  const feature = await tenantPlanFeature(tenant.id, "audit_logs");
  if (!feature.enabled) {
    return (
      <PlanUpsell
        title="Audit log"
        feature="The audit log"
        plan={feature.plan}
        includedIn={feature.includedIn}
        benefits={["Every change to members, roles, domains, branding and API keys, with who made it, when and from where", "Before and after values of each change", "Search, filter and export to CSV or NDJSON", "Tamper evidence: verify that no event was changed or removed"]}
      />
    );
  }
  const sp = await searchParams;
  const filters = parseAuditFilters((k) => {
    const v = sp[k];
    return Array.isArray(v) ? v[0] : v;
  });
  const now = requestTime();
  const state = await prefetchAuditLog(member.actor, { kind: "tenant", tenantId: tenant.id }, filters, now);
  return (
    <HydrationBoundary state={state}>
      <PageHeader title="Audit log" description={`Who changed what in ${tenant.name}, and when. Events cannot be edited or removed.`} />
      <Suspense>
        <PortalAuditLog tenantId={tenant.id} now={now} />
      </Suspense>
    </HydrationBoundary>
  );
}
