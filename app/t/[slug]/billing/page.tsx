import type { Metadata } from "next";
import { BillingPanel } from "@/components/billing/billing-panel";
import { PageHeader } from "@/components/console/page-header";
import { NoAccess } from "@/components/portal/no-access";
import { loadBillingPanel } from "@/lib/billing/load-billing-panel";
import { requirePortalSession } from "@/lib/portal/portal-session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Billing" };

/** Owners and admins (billing:manage) see the subscription, change the plan with a proration preview, buy add-ons and download invoices. */
export default async function PortalBillingPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, member, permissions } = await requirePortalSession((await params).slug, "/billing");
  if (!permissions.has("billing:manage")) return <NoAccess section="billing" permission="billing:manage" />;
  const initial = await loadBillingPanel(member.actor, tenant.id);
  return (
    <>
      <PageHeader title="Billing" description={`${tenant.name}'s plan, add-ons, usage against its limits and invoices.`} />
      <BillingPanel tenantId={tenant.id} scope="portal" initial={initial} canChange />
    </>
  );
}
