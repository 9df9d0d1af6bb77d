import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { DomainsPanel } from "@/components/domains/domains-panel";
import { NoAccess } from "@/components/portal/no-access";
import { requirePortalSession } from "@/lib/portal/portal-session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Domains" };

export default async function PortalDomainsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, permissions } = await requirePortalSession((await params).slug, "/domains");
  if (!permissions.has("domains:manage")) return <NoAccess section="domains" permission="domains:manage" />;
  return (
    <>
      <PageHeader title="Domains" description={`The addresses ${tenant.name} is served at: the built-in one, and your own domains once their DNS records are verified.`} />
      <DomainsPanel tenantId={tenant.id} slug={tenant.slug} canManage />
    </>
  );
}
