import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { prefetchMembers } from "@/components/members/prefetch-members";
import { PageHeader } from "@/components/console/page-header";
import { NoAccess } from "@/components/portal/no-access";
import { requirePortalSession } from "@/lib/portal/portal-session";
import { requestTime } from "@/lib/request-time";
import { PortalMembers } from "./members-page-client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Members" };

export default async function PortalMembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, member, permissions } = await requirePortalSession((await params).slug, "/members");
  if (!permissions.has("members:read")) return <NoAccess section="members" permission="members:read" />;
  // The first page arrives with the HTML (members, roles and invitations read in parallel).
  const prefetched = await prefetchMembers(member.actor, tenant.id);
  return (
    <HydrationBoundary state={prefetched}>
      <PageHeader title="Members" description={`People in ${tenant.name}, their roles, and open invitations.`} />
      <PortalMembers
        tenantId={tenant.id}
        tenantName={tenant.name}
        can={{ update: permissions.has("members:update"), invite: permissions.has("members:invite"), remove: permissions.has("members:remove") }}
        now={requestTime()}
      />
    </HydrationBoundary>
  );
}
