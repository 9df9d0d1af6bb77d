import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { WebhookIcon } from "@/components/webhooks/endpoint-list";
import { WebhooksPanel } from "@/components/webhooks/webhooks-panel";
import { can } from "@/lib/auth/authorize";
import { requestTime } from "@/lib/request-time";
import { loadEndpointRows } from "@/components/webhooks/load-endpoint-rows";
import { platformOwner } from "@/lib/webhooks/webhook-scope";
import { requireConsoleCaller } from "../_lib/require-console-caller";

export const metadata: Metadata = { title: "Webhooks" };

export default async function PlatformWebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requireConsoleCaller();
  const header = <PageHeader title="Webhooks" description="Platform endpoints receive every tenant's events (and the platform's own), for billing, CRM or monitoring systems. A tenant's own endpoints are on its Webhooks tab." />;
  if (!can(caller, "webhooks:manage")) {
    return (
      <div>
        {header}
        <Card>
          <EmptyState
            icon={<WebhookIcon />}
            title="You don't have access to platform webhooks"
            description="Managing platform webhook endpoints needs the webhooks:manage permission, which platform admins hold. (403)"
          />
        </Card>
      </div>
    );
  }
  const { endpoint } = await searchParams;
  const endpoints = await loadEndpointRows(platformOwner(caller));
  return (
    <div>
      {header}
      <WebhooksPanel
        scope={{ kind: "platform" }}
        title="Platform endpoints"
        description="Each receives the chosen events of every tenant."
        initialEndpoints={endpoints}
        initialEndpointId={typeof endpoint === "string" ? endpoint : null}
        canManage
        now={requestTime()}
      />
    </div>
  );
}
