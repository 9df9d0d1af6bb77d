"use client";

import { useMemo, type ReactNode } from "react";
import { formatDateTime } from "@/components/console/format";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { GrantStatus, modeLabel } from "@/components/impersonation/grant-status";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";

/** The support access requests of one tenant, as staff (console) and owners (portal) see them; each side brings its own actions. */
export function GrantsTable({ grants, now, actions, label = "Support access requests" }: { grants: ImpersonationGrantView[]; now: number; actions: (g: ImpersonationGrantView) => ReactNode; label?: string }) {
  const columns = useMemo<ColumnDef<ImpersonationGrantView, unknown>[]>(
    () => [
      { id: "staff", header: "Staff member", meta: { card: "title", className: "font-medium text-slate-900" }, cell: ({ row }) => row.original.staff_email },
      { id: "reason", header: "Reason", meta: { className: "max-w-xs break-words" }, cell: ({ row }) => row.original.reason },
      { id: "mode", header: "Access", meta: { className: "whitespace-nowrap" }, cell: ({ row }) => `${modeLabel(row.original.mode)} · ${row.original.duration_minutes} min` },
      {
        id: "requested_at",
        header: "Requested",
        meta: { className: "whitespace-nowrap text-slate-500 tabular-nums" },
        cell: ({ row }) => <time dateTime={row.original.requested_at}>{formatDateTime(row.original.requested_at)}</time>,
      },
      { id: "status", header: "Status", cell: ({ row }) => <GrantStatus grant={row.original} now={now} /> },
      { id: "actions", header: "Actions", meta: { card: "actions", srOnlyHeader: true, className: "text-right" }, cell: ({ row }) => <div className="flex flex-wrap justify-end gap-2">{actions(row.original)}</div> },
    ],
    [now, actions],
  );
  return <DataTable label={label} columns={columns} data={grants} getRowId={(g) => g.id} rowTestId="support-access-row" minWidth="min-w-[860px]" />;
}
