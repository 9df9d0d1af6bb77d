"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useState } from "react";
import { formatDateTime } from "@/components/console/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { BroadcastView } from "@/lib/notifications/broadcast-view";
import { fetchApi, postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import { SeverityBadge } from "./severity-badge";

const STATUS_TONE: Record<BroadcastView["status"], BadgeTone> = { scheduled: "sky", sending: "amber", sent: "green", canceled: "zinc" };

function audienceOf(b: BroadcastView): string {
  if (b.filter === "all") return "All active tenants";
  const f = b.filter;
  const parts = [f.plan ? `plan ${f.plan}` : null, `status ${f.status ?? "active"}`, f.tag ? `tag “${f.tag}”` : null, f.tenant_ids ? `${f.tenant_ids.length} chosen tenant(s)` : null];
  return parts.filter(Boolean).join(", ");
}

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "—");

/** Sent and scheduled broadcasts with delivery and read statistics; a scheduled one can be cancelled. Refreshes while one is sending. */
export function BroadcastList({ initial, canCancel }: { initial: BroadcastView[]; canCancel: boolean }) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.notifications.broadcasts,
    queryFn: ({ signal }) => fetchApi<{ broadcasts: BroadcastView[] }>("/api/v1/broadcasts", { signal }).then((d) => d.broadcasts),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.some((b) => b.status === "sending") ? 3000 : 30_000),
  });
  const [cancelling, setCancelling] = useState<BroadcastView | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function cancel() {
    if (!cancelling) return;
    setPending(true);
    const r = await postApi(`/api/v1/broadcasts/${cancelling.id}/cancel`, {});
    setPending(false);
    if (!r.ok) return setError(r.message);
    setCancelling(null);
    await queryClient.invalidateQueries({ queryKey: queryKeys.notifications.broadcasts });
  }

  const columns: ColumnDef<BroadcastView, unknown>[] = [
    {
      id: "message",
      header: "Broadcast",
      meta: { card: "title" },
      cell: ({ row: { original: b } }) => (
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-slate-900">{b.title}</p>
          <p className="mt-0.5 text-xs text-slate-500">{audienceOf(b)}</p>
        </div>
      ),
    },
    { id: "severity", header: "Type", cell: ({ row }) => <SeverityBadge severity={row.original.severity} /> },
    {
      id: "status",
      header: "Status",
      cell: ({ row: { original: b } }) => (
        <div>
          <Badge tone={STATUS_TONE[b.status]} dot pulse={b.status === "sending"}>
            {b.status === "canceled" ? "cancelled" : b.status}
          </Badge>
          <p className="mt-1 text-xs whitespace-nowrap text-slate-500">{b.status === "scheduled" ? `for ${formatDateTime(b.send_at)}` : formatDateTime(b.sent_at ?? b.created_at)}</p>
        </div>
      ),
    },
    { id: "tenants", header: "Tenants", meta: { className: "text-right tabular-nums" }, cell: ({ row: { original: b } }) => (b.status === "sending" ? `${b.tenants_done} / ${b.tenants_total}` : b.tenants_done || b.tenants_total) },
    { id: "recipients", header: "Recipients", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => row.original.stats.recipients.toLocaleString("en-US") },
    { id: "emailed", header: "Emailed", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => row.original.stats.emailed.toLocaleString("en-US") },
    { id: "read", header: "Read", meta: { className: "text-right tabular-nums" }, cell: ({ row: { original: b } }) => percent(b.stats.read, b.stats.recipients) },
    {
      id: "actions",
      header: "Actions",
      meta: { card: "actions", srOnlyHeader: true, className: "text-right" },
      cell: ({ row: { original: b } }) =>
        canCancel && b.status === "scheduled" ? (
          <Button size="sm" variant="danger-ghost" onClick={() => (setError(null), setCancelling(b))} aria-label={`Cancel “${b.title}”`}>
            Cancel
          </Button>
        ) : null,
    },
  ];

  return (
    <Card>
      <CardHeader title="Broadcasts" description="Recipients have it in their inbox; read is the share of them who opened it." />
      <DataTable
        label="Broadcasts"
        columns={columns}
        data={list.data}
        getRowId={(b) => b.id}
        rowTestId="broadcast-row"
        minWidth="min-w-[860px]"
        breakpoint="lg"
        empty={<EmptyState title="No broadcasts yet" description="Compose one above: it reaches every matching tenant's members." />}
      />
      <ConfirmDialog
        open={cancelling !== null}
        onClose={() => setCancelling(null)}
        title="Cancel this broadcast?"
        description={cancelling ? `“${cancelling.title}” will not be sent on ${formatDateTime(cancelling.send_at)}.` : ""}
        confirmLabel="Cancel broadcast"
        pending={pending}
        error={error}
        onConfirm={cancel}
      />
    </Card>
  );
}
