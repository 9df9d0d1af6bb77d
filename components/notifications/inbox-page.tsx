"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { formatDateTime } from "@/components/console/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { Inbox, InboxItem } from "@/lib/notifications/inbox";
import { SeverityBadge } from "./severity-badge";
import { useInbox } from "./use-inbox";

const linkClass = "font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600";

/** The notifications page (console and portal): every live entry, unread first, read one by one or all at once. */
export function InboxPage({ initial, limit, emptyHint }: { initial: Inbox; limit: number; emptyHint: string }) {
  const { inbox, markRead, markAllRead, pending, error } = useInbox(limit, initial);
  const data = inbox ?? initial;
  const columns: ColumnDef<InboxItem, unknown>[] = [
    {
      id: "message",
      header: "Message",
      meta: { card: "title" },
      cell: ({ row: { original: n } }) => (
        <div className="min-w-0">
          <p className={cn("text-sm", n.read ? "text-slate-700" : "font-semibold text-slate-900")}>
            {n.read ? null : <span className="mr-1.5 inline-block size-2 rounded-full bg-indigo-600 align-middle" aria-hidden="true" />}
            {n.title}
            {n.read ? null : <span className="sr-only"> (unread)</span>}
          </p>
          <p className="mt-1 text-[13px] whitespace-pre-line text-slate-600">{n.body}</p>
          {n.window ? <p className="mt-1 text-xs text-slate-600">Window: {formatDateTime(n.window.start)} – {formatDateTime(n.window.end)}</p> : null}
          {n.link ? (
            <a href={n.link} className={cn("mt-1 inline-block text-[13px]", linkClass)} onClick={() => !n.read && markRead([n.id])}>
              Open link
            </a>
          ) : null}
        </div>
      ),
    },
    { id: "severity", header: "Type", cell: ({ row }) => <SeverityBadge severity={row.original.severity} /> },
    { id: "received", header: "Received", meta: { className: "whitespace-nowrap" }, cell: ({ row }) => <span className="text-[13px] text-slate-600">{formatDateTime(row.original.created_at)}</span> },
    {
      id: "actions",
      header: "Actions",
      meta: { card: "actions", srOnlyHeader: true, className: "text-right" },
      cell: ({ row: { original: n } }) =>
        n.read ? (
          <span className="text-xs text-slate-500">Read</span>
        ) : (
          <Button size="sm" variant="secondary" onClick={() => markRead([n.id])} disabled={pending} aria-label={`Mark “${n.title}” read`}>
            Mark read
          </Button>
        ),
    },
  ];
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <p className="text-[13px] text-slate-600" aria-live="polite" data-testid="inbox-unread">
          {data.unread ? `${data.unread} unread` : "All caught up"}
        </p>
        <Button size="sm" variant="secondary" onClick={markAllRead} disabled={!data.unread || pending}>
          Mark all read
        </Button>
      </div>
      {error ? (
        <p role="alert" className="px-5 py-2 text-[13px] text-red-700">
          {error}
        </p>
      ) : null}
      <DataTable
        label="Notifications"
        columns={columns}
        data={data.items}
        getRowId={(n) => n.id}
        rowTestId="inbox-row"
        minWidth="min-w-[640px]"
        empty={<EmptyState title="No notifications" description={emptyHint} />}
      />
    </Card>
  );
}
