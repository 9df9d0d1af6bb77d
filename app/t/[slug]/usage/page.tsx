import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { NoAccess } from "@/components/portal/no-access";
import { LimitConsequences } from "@/components/usage/limit-consequences";
import { UsageDashboard } from "@/components/usage/usage-dashboard";
import { DEFAULT_USAGE_PERIOD } from "@/lib/usage/usage-dashboard-data";
import { requirePortalSession } from "@/lib/portal/portal-session";
import { loadUsageDashboard } from "@/lib/usage/load-usage-dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Usage" };

export default async function PortalUsagePage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, member, permissions } = await requirePortalSession((await params).slug, "/usage");
  if (!permissions.has("usage:read")) return <NoAccess section="usage" permission="usage:read" />;
  const initial = await loadUsageDashboard(member.actor, tenant.id, DEFAULT_USAGE_PERIOD);
  return (
    <>
      <PageHeader title="Usage" description={`What ${tenant.name} uses against its plan's limits, and what happens when a limit is reached.`} />
      <div className="space-y-6">
        <UsageDashboard tenantId={tenant.id} initial={initial} />
        <LimitConsequences limits={initial.usage.limits} thresholds={initial.thresholds} />
      </div>
    </>
  );
}
