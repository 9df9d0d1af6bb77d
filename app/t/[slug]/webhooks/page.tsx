import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { NoAccess } from "@/components/portal/no-access";
import { WebhooksPanel } from "@/components/webhooks/webhooks-panel";
import { requirePortalSession } from "@/lib/portal/portal-session";
import { requestTime } from "@/lib/request-time";
import { loadEndpointRows } from "@/components/webhooks/load-endpoint-rows";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhooks" };

export default async function PortalWebhooksPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant, member, permissions } = await requirePortalSession((await params).slug, "/webhooks");
  if (!permissions.has("webhooks:manage")) return <NoAccess section="webhooks" permission="webhooks:manage" />;
  const { endpoint } = await searchParams;
  const endpoints = await loadEndpointRows(tenantOwner(member.actor, tenant.id));
  return (
    <>
      <PageHeader title="Webhooks" description={`Atrium tells your systems what happens in ${tenant.name} (members joining, roles changing, domains verified…) with a signed POST to each endpoint below.`} />
      <WebhooksPanel
        scope={{ kind: "tenant", tenantId: tenant.id }}
        title="Endpoints"
        description="Each receives the events it subscribes to, signed with its own secret."
        initialEndpoints={endpoints}
        initialEndpointId={typeof endpoint === "string" ? endpoint : null}
        canManage
        now={requestTime()}
      />
    </>
  );
}
