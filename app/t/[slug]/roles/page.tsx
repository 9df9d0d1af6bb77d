import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { NoAccess } from "@/components/portal/no-access";
import { RolesPanel } from "@/components/roles/roles-panel";
import { requirePortalSession } from "@/lib/portal/portal-session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Roles" };

export default async function PortalRolesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, permissions } = await requirePortalSession((await params).slug, "/roles");
  if (!permissions.has("roles:read")) return <NoAccess section="roles" permission="roles:read" />;
  return (
    <>
      <PageHeader title="Roles" description={`What each role may do in ${tenant.name}.`} />
      <RolesPanel tenantId={tenant.id} canManage={permissions.has("roles:manage")} myPermissions={[...permissions]} />
    </>
  );
}
