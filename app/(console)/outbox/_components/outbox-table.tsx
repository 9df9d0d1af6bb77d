"use client";

import Link from "next/link";
import { formatDateTime, formatRelative } from "@/components/console/format";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { RowLink } from "@/components/ui/row-link";
import type { listOutbox } from "@/lib/mail/list-outbox";
import { MailStatusBadge } from "./mail-status-badge";

type Mail = Awaited<ReturnType<typeof listOutbox>>["mails"][number];

const columns = (now: number): ColumnDef<Mail, unknown>[] => [
  { id: "to", header: "To", meta: { card: "hidden", className: "font-medium text-slate-900" }, cell: ({ row }) => row.original.to },
  {
    id: "subject",
    header: "Subject",
    meta: { card: "title", className: "max-w-sm" },
    cell: ({ row: { original: m } }) => (
      <>
        <RowLink href={`/outbox/${m.id}`} className="block truncate">
          {m.subject}
        </RowLink>
        <p className="truncate text-[13px] text-slate-600 md:hidden">To {m.to}</p>
      </>
    ),
  },
  {
    id: "tenant",
    header: "Tenant",
    meta: { className: "text-slate-600" },
    cell: ({ row: { original: m } }) =>
      m.tenant ? (
        <Link href={`/tenants/${m.tenant.id}`} prefetch={false} className="underline decoration-slate-300 underline-offset-4 hover:text-slate-900 hover:decoration-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
          {m.tenant.name}
        </Link>
      ) : (
        "—"
      ),
  },
  {
    id: "status",
    header: "Status",
    cell: ({ row: { original: m } }) => (
      <span className="flex items-center gap-2">
        <MailStatusBadge status={m.status} />
        {m.status === "failed" ? <span className="text-xs text-slate-500 tabular-nums">{m.attempts}×</span> : null}
      </span>
    ),
  },
  {
    id: "created_at",
    header: "Created",
    meta: { className: "whitespace-nowrap text-slate-500 tabular-nums" },
    cell: ({ row: { original: m } }) => (
      <time dateTime={m.created_at} title={formatDateTime(m.created_at)}>
        {formatRelative(m.created_at, now)}
      </time>
    ),
  },
];

/** The outbox's mail, newest first: a table on wide screens, cards on phones. */
export function OutboxTable({ mails, now }: { mails: Mail[]; now: number }) {
  return <DataTable label="Mail" columns={columns(now)} data={mails} getRowId={(m) => m.id} rowTestId="mail-row" minWidth="min-w-[820px]" />;
}
