import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { SupportAccessPortal } from "@/components/impersonation/support-access-portal";
import { NoAccess } from "@/components/portal/no-access";
import { listImpersonationRequests } from "@/lib/impersonation/list-impersonation-requests";
import { requirePortalSession } from "@/lib/portal/portal-session";
import { requestTime } from "@/lib/request-time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Support access" };

/** Owners decide on Atrium staff's requests to enter this portal, and see every request and its outcome. */
export default async function PortalSupportAccessPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, member, permissions } = await requirePortalSession((await params).slug, "/support-access");
  if (!permissions.has("support_access:manage")) return <NoAccess section="Support access" permission="support_access:manage" />;
  const grants = await listImpersonationRequests(member.actor, tenant.id);
  return (
    <>
      <PageHeader
        title="Support access"
        description="Atrium staff enter your portal only with your approval, for the time and access you approve. Everything they do is in the audit log under the request."
      />
      <SupportAccessPortal tenantId={tenant.id} grants={grants} now={requestTime()} />
    </>
  );
}
