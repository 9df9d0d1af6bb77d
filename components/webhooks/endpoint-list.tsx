"use client";

import { useMemo } from "react";
import { formatDateTime, formatRelative } from "@/components/console/format";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { DISABLED_REASON, EndpointStatusBadge, EventTypeChips, formatRate } from "./endpoint-status";
import type { EndpointRow } from "./webhook-ops";

export function WebhookIcon() {
  return (
    <svg viewBox="0 0 16 16" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="4" cy="11.5" r="2" />
      <circle cx="12" cy="11.5" r="2" />
      <circle cx="8" cy="4" r="2" />
      <path d="M6 11.5h4M7 5.8 5 9.7M9 5.8l2 3.9" strokeLinecap="round" />
    </svg>
  );
}

/** The endpoints of one scope; a row opens its endpoint. */
export function EndpointList({
  title,
  description,
  endpoints,
  canManage,
  onAdd,
  onOpen,
  now,
}: {
  title: string;
  description: string;
  endpoints: EndpointRow[] | undefined;
  canManage: boolean;
  onAdd: () => void;
  onOpen: (id: string) => void;
  now: number;
}) {
  const columns = useMemo(() => endpointColumns(onOpen, now), [onOpen, now]);
  const addButton = canManage ? (
    <Button onClick={onAdd}>
      <svg viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
        <path d="M8 3.5v9M3.5 8h9" strokeLinecap="round" />
      </svg>
      Add endpoint
    </Button>
  ) : null;
  return (
    <Card>
      <CardHeader title={title} description={description} actions={addButton} />
      <DataTable
        label={title}
        columns={columns}
        data={endpoints}
        getRowId={(e) => e.id}
        rowTestId="webhook-endpoint-row"
        rowClassName={(e) => (e.enabled ? undefined : "text-slate-500")}
        minWidth="min-w-[900px]"
        empty={
          <EmptyState
            icon={<WebhookIcon />}
            title="No endpoints yet"
            description="Add an endpoint and Atrium will POST a signed JSON message to it whenever one of the chosen events happens: a member joins, a domain is verified, a setting changes…"
          />
        }
      />
    </Card>
  );
}

function endpointColumns(onOpen: (id: string) => void, now: number): ColumnDef<EndpointRow, unknown>[] {
  return [
    {
      id: "url",
      header: "Endpoint",
      meta: { card: "title", skeleton: "w-56" },
      cell: ({ row: { original: e } }) => (
        <div className="min-w-0">
          <button type="button" onClick={() => onOpen(e.id)} className="text-left font-mono text-[13px] font-medium break-all text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            {e.url}
          </button>
          {e.description ? <p className="mt-0.5 text-xs text-slate-500">{e.description}</p> : null}
        </div>
      ),
    },
    { id: "event_types", header: "Events", meta: { className: "max-w-[16rem]" }, cell: ({ row }) => <EventTypeChips types={row.original.event_types} /> },
    {
      id: "status",
      header: "Status",
      cell: ({ row: { original: e } }) => (
        <div className="space-y-1">
          <EndpointStatusBadge endpoint={e} />
          {!e.enabled && e.disabled_reason ? <p className="max-w-[14rem] text-xs text-slate-600">{DISABLED_REASON[e.disabled_reason]}</p> : null}
        </div>
      ),
    },
    { id: "success_rate", header: "Success (24 h)", meta: { className: "tabular-nums whitespace-nowrap" }, cell: ({ row }) => formatRate(row.original.summary?.success_rate) },
    {
      id: "last_delivery_at",
      header: "Last delivery",
      meta: { className: "whitespace-nowrap text-slate-600" },
      cell: ({ row: { original: e } }) => {
        const s = e.summary;
        if (!s?.last_attempt_at) return "Never";
        return (
          <span className="inline-flex items-center gap-1.5">
            <span className={s.last_attempt_succeeded ? "size-1.5 rounded-full bg-emerald-500" : "size-1.5 rounded-full bg-red-500"} aria-hidden="true" />
            <time dateTime={s.last_attempt_at} title={formatDateTime(s.last_attempt_at)}>
              {formatRelative(s.last_attempt_at, now)}
            </time>
            <span className="sr-only">{s.last_attempt_succeeded ? "(delivered)" : "(failed)"}</span>
          </span>
        );
      },
    },
  ];
}
