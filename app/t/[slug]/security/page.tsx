import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/console/page-header";
import { buttonClasses } from "@/components/ui/button";
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
      <PageHeader
        title="Security"
        description={`How people sign in to ${tenant.name}, from where, for how long, and who may join.`}
        actions={
          <Link href="/security/sso" className={buttonClasses("secondary")}>
            Single sign-on
          </Link>
        }
      />
      <SecurityPolicyForm tenantId={tenant.id} initial={initial} canManage />
    </>
  );
}
