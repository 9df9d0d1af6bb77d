import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { NoAccess } from "@/components/portal/no-access";
import { SecurityPolicyForm } from "@/components/security-policy/security-policy-form";
import { requirePortalSession } from "@/lib/portal/portal-session";
import { loadSecurityPanel } from "@/lib/security-policy/load-security-panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Security" };

export default async function PortalSecurityPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, member, permissions } = await requirePortalSession((await params).slug, "/security");
  if (!permissions.has("security:manage")) return <NoAccess section="security" permission="security:manage" />;
  const initial = await loadSecurityPanel(member.actor, tenant.id);
  return (
    <>
      <PageHeader title="Security" description={`How people sign in to ${tenant.name}, from where, for how long, and who may join.`} />
      <SecurityPolicyForm tenantId={tenant.id} initial={initial} canManage />
    </>
  );
}
