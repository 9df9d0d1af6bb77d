"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { formatDateTime } from "@/components/console/format";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { queryKeys } from "@/lib/query/keys";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import type { DeliveryAttemptView, DeliveryStatus, DeliveryView, WebhookOps } from "./webhook-ops";

export const DELIVERY_STATUS: Record<DeliveryStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "sky" },
  retrying: { label: "Retrying", tone: "amber" },
  succeeded: { label: "Delivered", tone: "green" },
  failed: { label: "Failed", tone: "red" },
};

/** Every message sent to one endpoint, newest first, with each attempt; replay one. */
export function DeliveryLog({ endpointId, ops, scopeKey, canManage, onNotice }: { endpointId: string; ops: WebhookOps; scopeKey: string; canManage: boolean; onNotice: (m: string) => void }) {
  const [status, setStatus] = useState<DeliveryStatus | "">("");
  const [open, setOpen] = useState<DeliveryView | null>(null);
  const replay = useActionMutation(queryKeys.webhooks.endpoint(scopeKey, endpointId));
  const query = useInfiniteQuery({
    queryKey: queryKeys.webhooks.deliveries(scopeKey, endpointId, status || "all"),
    queryFn: ({ pageParam }) => unwrapAction(ops.deliveries(endpointId, { status: status || undefined, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // Retries are scheduled seconds to hours apart; a quiet refresh keeps the log honest without a reload.
    refetchInterval: 10_000,
  });
  const rows = query.data?.pages.flatMap((p) => p.deliveries);
  const columns = useMemo(
    () =>
      deliveryColumns({
        canManage,
        onDetails: setOpen,
        onReplay: (d) => replay.run(() => ops.replay(endpointId, d.id), () => onNotice(`Replaying ${d.event_type}`)),
        replaying: replay.pending,
      }),
    [canManage, endpointId, ops, onNotice, replay],
  );

  return (
    <Card>
      <CardHeader
        title="Delivery log"
        description="Each message sent to this endpoint and every attempt to deliver it."
        actions={
          <div className="flex items-center gap-2">
            <label htmlFor={`delivery-status-${endpointId}`} className="text-[13px] text-slate-600">
              Status
            </label>
            <Select id={`delivery-status-${endpointId}`} value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | "")} className="w-36">
              <option value="">All</option>
              {Object.entries(DELIVERY_STATUS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v.label}
                </option>
              ))}
            </Select>
          </div>
        }
      />
      {query.isError && !rows ? (
        <div className="p-4">
          <Alert tone="danger" title="Could not load deliveries" actions={<Button size="sm" variant="secondary" onClick={() => query.refetch()}>Retry</Button>}>
            {query.error.message}
          </Alert>
        </div>
      ) : null}
      {replay.failure ? (
        <div className="px-4 pt-4">
          <Alert tone="danger">{replay.failure.message}</Alert>
        </div>
      ) : null}
      <DataTable
        label="Deliveries"
        columns={columns}
        data={rows}
        getRowId={(d) => d.id}
        rowTestId="webhook-delivery-row"
        minWidth="min-w-[960px]"
        busy={query.isFetching}
        empty={
          <EmptyState
            title={status ? `No ${DELIVERY_STATUS[status].label.toLowerCase()} deliveries` : "No deliveries yet"}
            description={
              status
                ? "Choose All to see every message."
                : "Deliveries appear here after the first event this endpoint subscribes to happens. Send a test event to try it now."
            }
          />
        }
      />
      {query.hasNextPage ? (
        <div className="flex justify-center border-t border-slate-100 p-3">
          <Button variant="secondary" size="sm" loading={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
            Load more
          </Button>
        </div>
      ) : null}
      <AttemptsDialog delivery={open} onClose={() => setOpen(null)} />
    </Card>
  );
}

function deliveryColumns({ canManage, onDetails, onReplay, replaying }: { canManage: boolean; onDetails: (d: DeliveryView) => void; onReplay: (d: DeliveryView) => void; replaying: boolean }): ColumnDef<DeliveryView, unknown>[] {
  return [
    {
      id: "event",
      header: "Event",
      meta: { card: "title", skeleton: "w-40" },
      cell: ({ row: { original: d } }) => (
        <div className="min-w-0">
          <p className="font-mono text-[13px] font-medium text-slate-900">{d.event_type}</p>
          <p className="font-mono text-[11px] break-all text-slate-500">{d.event_id}</p>
        </div>
      ),
    },
    {
      id: "status",
      header: "Status",
      cell: ({ row: { original: d } }) => (
        <div className="space-y-0.5">
          <Badge tone={DELIVERY_STATUS[d.status].tone} dot>
            {DELIVERY_STATUS[d.status].label}
          </Badge>
          {d.next_attempt_at && d.status === "retrying" ? (
            <p className="text-xs whitespace-nowrap text-slate-600" data-testid="next-retry">
              Retry {formatDateTime(d.next_attempt_at)}
            </p>
          ) : null}
        </div>
      ),
    },
    {
      id: "time",
      header: "Last attempt",
      meta: { className: "whitespace-nowrap tabular-nums text-slate-600" },
      cell: ({ row: { original: d } }) => {
        const last = lastAttempt(d);
        return last ? <time dateTime={last.attempted_at}>{formatDateTime(last.attempted_at)}</time> : "Not yet";
      },
    },
    { id: "code", header: "Response", meta: { className: "tabular-nums" }, cell: ({ row: { original: d } }) => <AttemptOutcome attempt={lastAttempt(d)} /> },
    { id: "duration", header: "Duration", meta: { className: "tabular-nums whitespace-nowrap text-slate-600" }, cell: ({ row: { original: d } }) => { const last = lastAttempt(d); return last ? `${last.duration_ms} ms` : "—"; } },
    { id: "attempts", header: "Attempts", meta: { className: "tabular-nums" }, cell: ({ row }) => row.original.attempts },
    {
      id: "actions",
      header: "Actions",
      meta: { card: "actions", srOnlyHeader: true, className: "text-right whitespace-nowrap" },
      cell: ({ row: { original: d } }) => (
        <div className="flex justify-end gap-1">
          <Button variant="ghost" size="sm" onClick={() => onDetails(d)} aria-label={`Attempts of ${d.event_type} ${d.event_id}`}>
            Details
          </Button>
          {canManage && (d.status === "failed" || d.status === "succeeded" || d.status === "retrying") ? (
            <Button variant="secondary" size="sm" disabled={replaying} onClick={() => onReplay(d)} aria-label={`Replay ${d.event_type} ${d.event_id}`}>
              Replay
            </Button>
          ) : null}
        </div>
      ),
    },
  ];
}

/** The newest attempt, whichever order the log comes in. */
const lastAttempt = (d: DeliveryView): DeliveryAttemptView | null => d.attempt_log.reduce<DeliveryAttemptView | null>((m, a) => (!m || a.attempt > m.attempt ? a : m), null);

function AttemptOutcome({ attempt }: { attempt: DeliveryAttemptView | null }) {
  if (!attempt) return <span className="text-slate-500">—</span>;
  if (attempt.status_code != null) return <span className={attempt.succeeded ? "font-medium text-emerald-700" : "font-medium text-red-700"}>{attempt.status_code}</span>;
  return <span className="text-xs text-red-700">{attempt.error ?? "No response"}</span>;
}

function AttemptsDialog({ delivery, onClose }: { delivery: DeliveryView | null; onClose: () => void }) {
  return (
    <Dialog
      open={delivery !== null}
      onClose={onClose}
      title={delivery ? `Attempts of ${delivery.event_type}` : ""}
      description={delivery ? <span className="font-mono break-all">{delivery.event_id}</span> : null}
      className="sm:max-w-2xl"
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {delivery && delivery.attempt_log.length === 0 ? <p className="text-sm text-slate-600">No attempt yet; the first one is due {formatDateTime(delivery.next_attempt_at)}.</p> : null}
      {delivery?.next_attempt_at && delivery.status === "retrying" ? <p className="mb-3 text-sm text-slate-700">Next attempt {formatDateTime(delivery.next_attempt_at)}.</p> : null}
      <ol className="space-y-3" data-testid="delivery-attempts">
        {[...(delivery?.attempt_log ?? [])].sort((a, b) => b.attempt - a.attempt).map((a) => (
          <li key={a.id} className="rounded-md border border-slate-200 p-3 text-[13px]">
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
              <span className="font-medium text-slate-900">Attempt {a.attempt}</span>
              <time dateTime={a.attempted_at} className="text-slate-600 tabular-nums">
                {formatDateTime(a.attempted_at)}
              </time>
              <AttemptOutcome attempt={a} />
              <span className="text-slate-600 tabular-nums">{a.duration_ms} ms</span>
            </div>
            {a.error && a.status_code != null ? <p className="mt-1 text-red-700">{a.error}</p> : null}
            {a.response_body ? (
              <pre className="mt-2 max-h-40 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-700">{a.response_body}</pre>
            ) : (
              <p className="mt-1 text-xs text-slate-500">No response body.</p>
            )}
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
