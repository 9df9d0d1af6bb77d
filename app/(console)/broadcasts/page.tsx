import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { BroadcastsPage } from "@/components/notifications/broadcasts-page";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/authorize";
import { listBroadcasts } from "@/lib/notifications/list-broadcasts";
import { requireConsoleCaller } from "../_lib/require-console-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Broadcasts" };

export default async function ConsoleBroadcastsPage() {
  const caller = await requireConsoleCaller();
  const header = <PageHeader title="Broadcasts" description="Announcements, maintenance notices, billing and security messages to many tenants at once, now or scheduled." />;
  if (!can(caller, "tenants:read")) {
    return (
      <div>
        {header}
        <Card>
          <EmptyState title="You don't have access to broadcasts" description="Reading broadcasts needs the tenants:read permission. (403)" />
        </Card>
      </div>
    );
  }
  return (
    <div>
      {header}
      <BroadcastsPage initial={await listBroadcasts(caller)} canSend={can(caller, "tenants:update")} />
    </div>
  );
}
