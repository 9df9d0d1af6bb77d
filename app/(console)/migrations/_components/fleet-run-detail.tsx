"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { formatDateTime } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import { fetchApi, postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { FleetRunDetail, FleetRunItem } from "@/lib/schemas/tenant-migrations";
import { formatMs, formatSeconds, RunStateBadge, runIsActive } from "./run-state";

const FILTERS = [
  { key: "all", label: "All" },
  { key: "failed", label: "Failed" },
  { key: "running", label: "Running" },
  { key: "pending", label: "Pending" },
] as const;
type FilterKey = (typeof FILTERS)[number]["key"];

const itemColumns = (dryRun: boolean): ColumnDef<FleetRunItem, unknown>[] => [
  {
    id: "tenant",
    header: "Tenant",
    meta: { card: "title", skeleton: "w-36" },
    cell: ({ row: { original: i } }) => (
      <span className="flex flex-wrap items-center gap-1.5">
        <Link href={`/tenants/${i.tenant_id}`} prefetch={false} className="font-medium text-slate-900 underline decoration-slate-300 underline-offset-4 hover:decoration-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
          {i.tenant_name ?? i.tenant_id}
        </Link>
        {i.canary ? <Badge tone="violet">Canary</Badge> : null}
      </span>
    ),
  },
  { id: "state", header: "State", cell: ({ row: { original: i } }) => <RunStateBadge state={i.state} /> },
  { id: "duration", header: "Duration", meta: { className: "whitespace-nowrap tabular-nums text-slate-600" }, cell: ({ row: { original: i } }) => formatMs(i.duration_ms) },
  {
    id: "migrations",
    header: dryRun ? "Would run" : "Ran",
    meta: { className: "text-slate-600" },
    cell: ({ row: { original: i } }) => (i.migrations.length ? <span className="font-mono text-xs break-all">{i.migrations.join(", ")}</span> : <span className="text-slate-500">{i.state === "pending" || i.state === "running" ? "—" : "Nothing pending"}</span>),
  },
  {
    id: "error",
    header: "Error",
    meta: { className: "max-w-md" },
    cell: ({ row: { original: i } }) => (i.error ? <span className="text-xs break-words text-red-700">{i.error}</span> : <span className="text-slate-500">—</span>),
  },
];

/** One fleet run, polled every second while it is queued or running, with its tenants under a state filter. */
export function FleetRunDetailView({ initial }: { initial: FleetRunDetail }) {
  const [filter, setFilter] = useState<FilterKey>("all");
  const q = useQuery({
    queryKey: queryKeys.fleetMigrations.run(initial.run_id, filter),
    queryFn: ({ signal }) => fetchApi<FleetRunDetail>(`/api/v1/tenants/migrate/${initial.run_id}${filter === "all" ? "" : `?item_state=${filter}`}`, { signal }),
    initialData: filter === "all" ? initial : undefined,
    initialDataUpdatedAt: 0,
    refetchInterval: (s) => (!s.state.data || runIsActive(s.state.data.state) ? 1000 : false),
    refetchIntervalInBackground: true,
  });
  const run = q.data ?? initial;
  const c = run.counts;
  const total = Math.max(1, c.total);
  const active = runIsActive(run.state);
  const columns = useMemo(() => itemColumns(run.dry_run), [run.dry_run]);

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title={
            <span className="flex flex-wrap items-center gap-2">
              {run.direction === "down" ? `Down to ${run.version}` : run.version ? `Up to ${run.version}` : "Up to the latest migration"}
              {run.dry_run ? <Badge tone="sky">Dry run</Badge> : null}
              <RunStateBadge state={run.state} />
            </span>
          }
          description={`Started ${formatDateTime(run.started_at ?? run.created_at)}${run.created_by ? ` by ${startedBy(run.created_by)}` : ""} · concurrency ${run.concurrency}${run.canary_count ? ` · ${run.canary_count} canaries first` : ""}${run.stop_after_failures ? ` · stops after ${run.stop_after_failures} failures` : ""}`}
          actions={run.dry_run && run.state === "succeeded" ? <RunForReal run={run} /> : null}
        />
        <div className="space-y-4 px-5 py-5" data-testid="fleet-run-progress" data-state={run.state}>
          <ProgressBar
            label="Fleet migration progress"
            value={((c.succeeded + c.skipped) / total) * 100}
            failed={(c.failed / total) * 100}
            tone={run.state === "succeeded" ? "green" : "indigo"}
            text={`${Math.round(run.percentage)}% · ${c.succeeded + c.failed + c.skipped} of ${c.total} tenants${active ? ` · ETA ${formatSeconds(run.eta_seconds)}` : run.finished_at ? ` · finished ${formatDateTime(run.finished_at)}` : ""}`}
          />
          <dl className="grid grid-cols-3 gap-3 text-center sm:grid-cols-6" aria-label="Counts">
            {(
              [
                ["Total", c.total, "text-slate-900"],
                ["Succeeded", c.succeeded, "text-emerald-700"],
                ["Failed", c.failed, "text-red-700"],
                ["Running", c.running, "text-indigo-700"],
                ["Pending", c.pending, "text-slate-700"],
                ["Skipped", c.skipped, "text-slate-600"],
              ] as const
            ).map(([label, n, tone]) => (
              <div key={label} className="rounded-md border border-slate-200 px-2 py-2">
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className={cn("text-lg font-semibold tabular-nums", tone)} data-testid={`count-${label.toLowerCase()}`}>
                  {n}
                </dd>
              </div>
            ))}
          </dl>
          {run.stop_reason ? (
            <Alert tone="warning" title="The run stopped">
              {run.stop_reason}
            </Alert>
          ) : null}
          {q.error ? (
            <Alert tone="warning" role="status">
              Could not check progress: {q.error.message}
            </Alert>
          ) : null}
        </div>
      </Card>

      <Card>
        <CardHeader
          title="Tenants"
          description="One row per tenant, canaries first. Each tenant's migrations run in their own transactions; a failed tenant was rolled back."
          actions={
            <div role="group" aria-label="Show tenants" className="flex flex-wrap gap-1">
              {FILTERS.map((f) => (
                <button
                  key={f.key}
                  type="button"
                  aria-pressed={filter === f.key}
                  onClick={() => setFilter(f.key)}
                  className={cn(
                    "rounded-md px-2.5 py-1 text-[13px] font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
                    filter === f.key ? "bg-slate-100 text-slate-900" : "text-slate-500 hover:bg-slate-50 hover:text-slate-900",
                  )}
                >
                  {f.label}
                  {f.key === "failed" && c.failed ? <span className="ml-1 tabular-nums">({c.failed})</span> : null}
                </button>
              ))}
            </div>
          }
        />
        <DataTable
          label="Tenants of the run"
          columns={columns}
          data={q.data?.items}
          getRowId={(i) => i.tenant_id}
          rowTestId="fleet-item-row"
          minWidth="min-w-[820px]"
          busy={q.isFetching && !q.data}
          empty={<EmptyState title={filter === "all" ? "No tenants in this run" : `No ${filter} tenants`} />}
        />
      </Card>
    </div>
  );
}

/** "user:user_ab12 admin@atrium.local" → "admin@atrium.local": the run records who as kind:id and label. */
const startedBy = (createdBy: string) => createdBy.slice(createdBy.indexOf(" ") + 1) || createdBy;

/** After a successful dry run: the same run for real, over the same tenants. */
function RunForReal({ run }: { run: FleetRunDetail }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setPending(true);
    setError(null);
    // The unfiltered run: the page's copy may be showing only one state.
    const full = await fetchApi<FleetRunDetail>(`/api/v1/tenants/migrate/${run.run_id}`).catch((e: Error) => e);
    if (full instanceof Error) {
      setPending(false);
      return setError(full.message);
    }
    const r = await postApi<FleetRunDetail>(
      "/api/v1/tenants/migrate",
      {
        direction: run.direction,
        ...(run.version ? { version: run.version } : {}),
        tenant_ids: full.items.map((i) => i.tenant_id),
        dry_run: false,
        force: run.force,
        concurrency: run.concurrency,
        canary_count: run.canary_count,
        ...(run.stop_after_failures ? { stop_after_failures: run.stop_after_failures } : {}),
      },
      { idempotencyKey: crypto.randomUUID() },
    );
    if (!r.ok) {
      setPending(false);
      return setError(r.message);
    }
    await queryClient.invalidateQueries({ queryKey: queryKeys.fleetMigrations.list() });
    router.push(`/migrations/${r.data.run_id}`);
  };
  return (
    <div className="flex flex-col items-end gap-1">
      <Button onClick={start} loading={pending}>
        Run for real
      </Button>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
