import type { Metadata } from "next";
import { BrandingEditor } from "@/components/branding/branding-editor";
import { PageHeader } from "@/components/console/page-header";
import { NoAccess } from "@/components/portal/no-access";
import { requirePortalSession } from "@/lib/portal/portal-session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Branding" };

export default async function PortalBrandingPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, permissions } = await requirePortalSession((await params).slug, "/branding");
  if (!permissions.has("branding:update")) return <NoAccess section="branding" permission="branding:update" />;
  return (
    <>
      <PageHeader title="Branding" description={`How ${tenant.name}'s portal, sign-in page and emails look. Preview changes before saving; every saved version can be restored.`} />
      <BrandingEditor tenantId={tenant.id} editable />
    </>
  );
}
