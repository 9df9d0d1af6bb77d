"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDateTime } from "@/components/console/format";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import { RowLink } from "@/components/ui/row-link";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { FleetRun } from "@/lib/schemas/tenant-migrations";
import { formatSeconds, RunStateBadge, runIsActive } from "./run-state";

export type FleetRunList = { runs: FleetRun[] };

const columns: ColumnDef<FleetRun, unknown>[] = [
  {
    id: "created",
    header: "Started",
    meta: { card: "title", className: "whitespace-nowrap", skeleton: "w-32" },
    cell: ({ row: { original: r } }) => (
      <RowLink href={`/migrations/${r.run_id}`} className="font-medium">
        {formatDateTime(r.created_at)}
      </RowLink>
    ),
  },
  {
    id: "what",
    header: "Migration",
    meta: { className: "text-slate-600" },
    cell: ({ row: { original: r } }) => (
      <span>
        {r.direction === "down" ? `Down to ${r.version}` : r.version ? `Up to ${r.version}` : "Up to latest"}
        {r.dry_run ? <span className="ml-1.5 text-xs font-medium text-sky-700">dry run</span> : null}
      </span>
    ),
  },
  { id: "state", header: "State", cell: ({ row: { original: r } }) => <RunStateBadge state={r.state} /> },
  {
    id: "progress",
    header: "Progress",
    meta: { skeleton: "w-32" },
    cell: ({ row: { original: r } }) => (
      <ProgressBar
        className="w-40 max-w-full"
        label={`Progress of the run started ${formatDateTime(r.created_at)}`}
        value={((r.counts.succeeded + r.counts.skipped) / Math.max(1, r.counts.total)) * 100}
        failed={(r.counts.failed / Math.max(1, r.counts.total)) * 100}
        text={`${r.counts.succeeded + r.counts.failed + r.counts.skipped} of ${r.counts.total}${r.counts.failed ? ` · ${r.counts.failed} failed` : ""}`}
      />
    ),
  },
  { id: "concurrency", header: "Concurrency", meta: { className: "tabular-nums text-slate-600" }, cell: ({ row: { original: r } }) => r.concurrency },
  {
    id: "eta",
    header: "ETA / ended",
    meta: { className: "whitespace-nowrap text-slate-600 tabular-nums" },
    cell: ({ row: { original: r } }) => (runIsActive(r.state) ? formatSeconds(r.eta_seconds) : formatDateTime(r.finished_at)),
  },
];

/** Recent fleet runs, newest first; polled every 2 s while one is active. */
export function FleetRunsTable({ initial }: { initial?: FleetRunList }) {
  const q = useQuery({
    queryKey: queryKeys.fleetMigrations.list(),
    queryFn: ({ signal }) => fetchApi<FleetRunList>("/api/v1/tenants/migrate?limit=20", { signal }),
    initialData: initial,
    refetchInterval: (s) => (s.state.data?.runs.some((r) => runIsActive(r.state)) ? 2000 : false),
  });
  return (
    <DataTable
      label="Fleet migration runs"
      columns={columns}
      data={q.data?.runs}
      getRowId={(r) => r.run_id}
      rowHref={(r) => `/migrations/${r.run_id}`}
      rowTestId="fleet-run-row"
      minWidth="min-w-[820px]"
      skeletonRows={3}
      empty={<EmptyState title="No fleet runs yet" description="Runs started from the form above appear here." />}
    />
  );
}
