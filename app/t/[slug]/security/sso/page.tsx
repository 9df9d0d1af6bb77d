import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { NoAccess } from "@/components/portal/no-access";
import { SsoPanel } from "@/components/sso/sso-panel";
import { requirePortalSession } from "@/lib/portal/portal-session";
import { loadSsoSettings } from "@/lib/sso/load-sso-settings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Single sign-on" };

export default async function PortalSsoPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, member, permissions } = await requirePortalSession((await params).slug, "/security/sso");
  if (!permissions.has("security:manage")) return <NoAccess section="single sign-on" permission="security:manage" />;
  const initial = await loadSsoSettings(member.actor, tenant.id);
  return (
    <>
      <PageHeader title="Single sign-on" description={`Let ${tenant.name}'s people sign in with your identity provider (OpenID Connect).`} />
      <SsoPanel tenantId={tenant.id} initial={initial} />
    </>
  );
}
