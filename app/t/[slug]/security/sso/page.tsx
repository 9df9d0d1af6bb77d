import type { Metadata } from "next";
import Link from "next/link";
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
      <PageHeader
        eyebrow={
          <Link href="/security" className="text-sm text-slate-600 hover:text-slate-900">
            ← Security
          </Link>
        }
        title="Single sign-on"
        description={`Let ${tenant.name}'s people sign in with your identity provider (OpenID Connect). Whether it is required is set on the Security page (allowed sign-in methods).`}
      />
      <SsoPanel tenantId={tenant.id} initial={initial} />
    </>
  );
}
