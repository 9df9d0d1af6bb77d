import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { InboxPage } from "@/components/notifications/inbox-page";
import { INBOX_PAGE_SIZE, listInbox, memberInbox } from "@/lib/notifications/inbox";
import { requirePortalSession } from "@/lib/portal/portal-session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

export default async function PortalNotificationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, member } = await requirePortalSession((await params).slug, "/notifications");
  const initial = await listInbox(memberInbox(member.actor), { limit: INBOX_PAGE_SIZE });
  return (
    <>
      <PageHeader title="Notifications" description={`Messages for you as a member of ${tenant.name}, unread first. Mail copies follow your account's notification preferences.`} />
      <InboxPage initial={initial} limit={INBOX_PAGE_SIZE} emptyHint="Announcements, maintenance notices, billing and security messages for this workspace appear here." />
    </>
  );
}
