import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { InboxPage } from "@/components/notifications/inbox-page";
import { INBOX_PAGE_SIZE, listInbox, staffInbox } from "@/lib/notifications/inbox";
import { requireConsoleCaller } from "../_lib/require-console-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

export default async function ConsoleNotificationsPage() {
  const caller = await requireConsoleCaller();
  const initial = caller.kind === "user" ? await listInbox(staffInbox(caller), { limit: INBOX_PAGE_SIZE }) : { items: [], unread: 0 };
  return (
    <div>
      <PageHeader title="Notifications" description="Notices for platform staff (bulk operations, billing runs and other jobs), unread first." />
      <InboxPage initial={initial} limit={INBOX_PAGE_SIZE} emptyHint="Atrium's jobs leave notices here when something needs staff attention." />
    </div>
  );
}
