"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";
import { formatDateTime, formatNumber, formatRelative } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ListFilterStatus } from "@/components/ui/list-filter-status";
import { SearchIcon } from "@/components/ui/search-icon";
import { auditAreaOf, auditAreasFor, auditEventLabel } from "@/lib/audit/audit-event-catalogue";
import { queryKeys } from "@/lib/query/keys";
import { AuditEventPanel } from "./audit-event-panel";
import { AuditExportButton, type ExportFormat } from "./audit-export-button";
import { AuditFilterBar } from "./audit-filter-bar";
import type { TenantChoices } from "./audit-tenant-filter";
import { flattenChanges } from "./flatten-changes";
import { auditFiltersToQuery, hasAuditFilters, type AuditFilters } from "./audit-filters";
import { auditActorText, type AuditSurface } from "./audit-target-links";
import type { AuditItem, AuditPage, AuditPageParam, AuditVerifyResult, AuditViewerPage } from "./audit-types";
import { AuditVerifyButton, AuditVerifyResultAlert, useAuditVerify } from "./audit-verify";
import { useAuditUrlState } from "./use-audit-url-state";

const AREA_TONE: Record<string, BadgeTone> = { tenant: "indigo", member: "sky", invitation: "sky", role: "violet", domain: "green", branding: "zinc", api_key: "slate", access: "amber", audit: "slate", user: "violet" };

function short(v: unknown): string {
  if (v === null || v === undefined) return "—";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** "role: admin → manager" for the list; the panel shows every field in full. */
function changeSummary(e: AuditItem): string | null {
  const fields = flattenChanges(e.changes ?? {});
  if (!fields.length) return null;
  const { path, before, after } = fields[0];
  const more = fields.length > 1 ? ` (+${fields.length - 1} more)` : "";
  return `${path.replace(/_/g, " ")}: ${short(before)} → ${short(after)}${more}`;
}

function columns({ now, platform, onOpen }: { now: number; platform: boolean; onOpen: (e: AuditItem) => void }): ColumnDef<AuditItem, unknown>[] {
  return [
    {
      id: "event",
      header: "Event",
      meta: { card: "title", skeleton: "w-40" },
      cell: ({ row: { original: e } }) => {
        const area = auditAreaOf(e.event_type);
        return (
          <div className="min-w-0">
            <button type="button" onClick={() => onOpen(e)} className="rounded-sm text-left font-medium text-slate-900 underline decoration-slate-300 underline-offset-4 hover:decoration-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
              {auditEventLabel(e.event_type)}
            </button>
            <p className="mt-0.5 flex flex-wrap items-center gap-1.5">
              {area ? <Badge tone={AREA_TONE[area.key] ?? "slate"}>{area.label}</Badge> : null}
              <span className="font-mono text-xs text-slate-500">{e.event_type}</span>
            </p>
          </div>
        );
      },
    },
    {
      id: "actor",
      header: "Actor",
      meta: { skeleton: "w-32" },
      cell: ({ row: { original: e } }) => (
        <div className="min-w-0">
          <p className="truncate text-slate-900">{auditActorText(e)}</p>
          {e.actor.email && e.actor.email !== auditActorText(e) ? <p className="truncate text-xs text-slate-500">{e.actor.email}</p> : null}
        </div>
      ),
    },
    {
      id: "target",
      header: "Target",
      meta: { skeleton: "w-32" },
      cell: ({ row: { original: e } }) => (
        <div className="min-w-0">
          <p className="truncate text-slate-900">{e.target.label ?? e.target.id ?? "—"}</p>
          <p className="truncate text-xs text-slate-500">{e.target.type}</p>
        </div>
      ),
    },
    ...(platform
      ? [
          {
            id: "tenant",
            header: "Tenant",
            meta: { skeleton: "w-24" },
            cell: ({ row: { original: e } }) => (e.tenant_id ? <span className="text-slate-700">{e.tenant_name ?? e.tenant_id}</span> : <span className="text-slate-500">Platform</span>),
          } satisfies ColumnDef<AuditItem, unknown>,
        ]
      : []),
    {
      id: "changes",
      header: "Changes",
      meta: { skeleton: "w-40", className: "max-w-72" },
      cell: ({ row: { original: e } }) => {
        const s = changeSummary(e);
        return s ? <span className="line-clamp-2 text-[13px] break-words text-slate-600">{s}</span> : <span className="text-slate-400">—</span>;
      },
    },
    {
      id: "timestamp",
      header: "When",
      meta: { className: "whitespace-nowrap text-slate-500 tabular-nums", skeleton: "w-16" },
      cell: ({ row: { original: e } }) => (
        <time dateTime={e.timestamp} title={formatDateTime(e.timestamp)}>
          {formatRelative(e.timestamp, now)}
        </time>
      ),
    },
  ];
}

export type AuditSource = {
  /** Which log: "platform" (every event) or a tenant id; part of the query key the server's first page is stored under. */
  scopeKey: string;
  fetchPage: (query: Record<string, string>, cursor: string | null, signal?: AbortSignal) => Promise<AuditPage>;
  /** Recomputes the hash chain: a tenant's, or on the platform's log the platform's own (or the tenant filtered by, as `tenant_id`). */
  verify?: (query: Record<string, string>) => Promise<AuditVerifyResult>;
  exportHref?: (query: Record<string, string>, format: ExportFormat) => string;
};

/**
 * The one audit log viewer (console Audit page, tenant Audit tab, portal Audit
 * log): URL-synced filters, the newest events first with keyset "Load more",
 * a side panel per event, export of the current filter and integrity check.
 * The first page comes from the server (hydrated under the same query key).
 */
export function AuditViewer({
  surface,
  source,
  now,
  tenants,
  toolbar,
}: {
  surface: AuditSurface;
  source: AuditSource;
  now: number;
  /** The console's Audit page: tenants to filter by. */
  tenants?: TenantChoices;
  toolbar?: ReactNode;
}) {
  const platform = source.scopeKey === "platform";
  const { filters, navigate } = useAuditUrlState(platform ? "platform" : "tenant");
  const [open, setOpen] = useState<AuditItem | null>(null);
  const verifyChain = source.verify;
  const verify = useAuditVerify(() => (verifyChain ? verifyChain(auditFiltersToQuery(filters, Date.now())) : Promise.reject(new Error("Verification is not available here"))));
  const chainName = !platform ? (surface === "portal" ? "your organisation's chain" : "this tenant's chain") : filters.tenant_id && filters.tenant_id !== "platform" ? "the chosen tenant's chain" : "the platform's own chain (choose a tenant to check its chain)";
  const [missing, setMissing] = useState<string | null>(null);

  const query = useInfiniteQuery({
    queryKey: queryKeys.audit.list(source.scopeKey, filters),
    initialPageParam: { cursor: null, anchor: null } as AuditPageParam,
    queryFn: async ({ pageParam, signal }): Promise<AuditViewerPage> => {
      const anchor = pageParam.anchor ?? Date.now();
      return { ...(await source.fetchPage(auditFiltersToQuery(filters, anchor), pageParam.cursor, signal)), anchor };
    },
    getNextPageParam: (last): AuditPageParam | undefined => (last.next_cursor ? { cursor: last.next_cursor, anchor: last.anchor } : undefined),
  });

  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items), [query.data]);
  const cols = useMemo(() => columns({ now, platform, onOpen: setOpen }), [now, platform]);
  const filtered = hasAuditFilters(filters);
  const clearFilters = () => navigate(Object.fromEntries(Object.keys(filters).map((k) => [k, undefined])) as Partial<AuditFilters>);

  // The broken event may be older than what is loaded: load further pages (under the current filters) until it appears.
  const openById = async (id: string) => {
    let data = query.data;
    for (let page = 0; page < 40; page++) {
      const found = data?.pages.flatMap((p) => p.items).find((e) => e.id === id);
      if (found) {
        setMissing(null);
        setOpen(found);
        return;
      }
      if (!data?.pages.at(-1)?.next_cursor) break;
      data = (await query.fetchNextPage()).data;
    }
    setMissing(id);
  };

  const exportHref = source.exportHref;
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-end gap-2">
        {toolbar}
        {source.verify ? <AuditVerifyButton state={verify.state} run={verify.run} /> : null}
        {exportHref ? <AuditExportButton href={(format) => exportHref(auditFiltersToQuery(filters, Date.now()), format)} /> : null}
      </div>
      <AuditVerifyResultAlert state={verify.state} dismiss={verify.dismiss} onOpenEvent={(id) => void openById(id)} chainName={chainName} />
      {missing ? (
        <Alert tone="info" className="mb-4" actions={<Button size="sm" variant="ghost" onClick={() => setMissing(null)}>Dismiss</Button>}>
          Event <code className="font-mono">{missing}</code> is not among the events these filters show; clear the filters and open it again from the verification result.
        </Alert>
      ) : null}

      <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1">
          <AuditFilterBar filters={filters} navigate={navigate} areas={auditAreasFor(platform ? "platform" : "tenant")} tenants={tenants} />
        </div>
        <ListFilterStatus updating={query.isFetching && !query.isFetchingNextPage && Boolean(query.data)} filtered={filtered} onClear={clearFilters} />
      </div>

      {query.isError && !query.data ? (
        <Alert tone="danger" title="Could not load the audit log" actions={<Button size="sm" variant="secondary" onClick={() => query.refetch()}>Retry</Button>}>
          {query.error.message}
        </Alert>
      ) : (
        <Card className="overflow-hidden">
          <DataTable label="Audit events" columns={cols} data={items} getRowId={(e) => e.id} onRowClick={setOpen} rowTestId="audit-row" busy={query.isFetching} minWidth={platform ? "min-w-[960px]" : "min-w-[840px]"} />
          {items && items.length === 0 ? (
            filtered ? (
              <EmptyState icon={<SearchIcon />} title="No events match these filters" description="Try a longer date range or fewer filters, or clear them to see every event." action={<Button variant="secondary" onClick={clearFilters}>Clear filters</Button>} />
            ) : (
              <EmptyState
                icon={<LogIcon />}
                title="No events yet"
                description={
                  platform
                    ? "Changes to tenants, members, roles, domains, branding, API keys and staff accounts, and sign-ins, appear here as they happen."
                    : "Changes to members, roles, domains, branding and API keys, and sign-ins, appear here as they happen."
                }
              />
            )
          ) : null}
          {items && items.length > 0 ? (
            <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-[13px] text-slate-600">
              <p data-testid="audit-count" aria-live="polite">
                {query.hasNextPage ? `Showing the newest ${formatNumber(items.length)} events` : `${formatNumber(items.length)} ${items.length === 1 ? "event" : "events"}, the oldest reached`}
              </p>
              {query.hasNextPage ? (
                <Button variant="secondary" size="sm" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                  Load more
                </Button>
              ) : null}
            </div>
          ) : null}
          {query.isFetchNextPageError ? (
            <div className="border-t border-slate-200 px-5 py-3">
              <Alert tone="danger">Could not load more events: {query.error?.message}</Alert>
            </div>
          ) : null}
        </Card>
      )}

      <AuditEventPanel
        event={open}
        surface={surface}
        now={now}
        onClose={() => setOpen(null)}
        onFilter={(f) => {
          setOpen(null);
          navigate(f);
        }}
      />
    </div>
  );
}

function LogIcon() {
  return (
    <svg viewBox="0 0 16 16" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M4 2.5h6l2.5 2.5v8.5H4v-11Z M6 7h4.5M6 9.5h4.5M6 12h2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
