"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { SearchBox } from "@/components/ui/search-box";
import { Select } from "@/components/ui/select";
import type { AuditArea } from "@/lib/audit/audit-event-catalogue";
import { AUDIT_RANGE_KEYS, AUDIT_RANGES, type AuditFilters, type AuditRange } from "./audit-filters";
import { AuditTenantFilter, type TenantChoices } from "./audit-tenant-filter";
import { EventTypePicker } from "./event-type-picker";
import { useDebouncedFilter } from "./use-audit-url-state";

export const TARGET_TYPES: readonly { value: string; label: string }[] = [
  { value: "tenant", label: "Tenant" },
  { value: "user", label: "Person (member or staff)" },
  { value: "invitation", label: "Invitation" },
  { value: "role", label: "Role" },
  { value: "domain", label: "Domain" },
  { value: "api_key", label: "API key" },
  { value: "tenant_asset", label: "Branding image" },
];

function Chip({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-md bg-slate-100 py-0.5 pr-0.5 pl-2 text-xs font-medium text-slate-700 ring-1 ring-slate-200 ring-inset">
      {label}
      <button type="button" onClick={onRemove} className="inline-flex size-5 items-center justify-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600">
        <svg viewBox="0 0 12 12" className="size-3" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
          <path d="m3 3 6 6M9 3 3 9" strokeLinecap="round" />
        </svg>
        <span className="sr-only">Remove filter {label}</span>
      </button>
    </span>
  );
}

/**
 * The audit viewer's filters: free text, event types by area, actor, target,
 * a date range (presets or whole UTC days) and, on the console's Audit page,
 * the tenant. Every change goes to the URL (`navigate`).
 */
export function AuditFilterBar({ filters, navigate, areas, tenants }: { filters: AuditFilters; navigate: (next: Partial<AuditFilters>) => void; areas: readonly AuditArea[]; tenants?: TenantChoices }) {
  const [q, setQ] = useDebouncedFilter(filters.q, (v) => navigate({ q: v }));
  const [actor, setActor] = useDebouncedFilter(filters.actor, (v) => navigate({ actor: v }));
  const [customWanted, setCustomWanted] = useState(false);
  const custom = Boolean(filters.from || filters.to) || (customWanted && !filters.range);
  const rangeValue = filters.range ?? (custom ? "custom" : "");

  return (
    <div className="space-y-2" data-testid="audit-filters">
      <div className="flex flex-col gap-2 lg:flex-row lg:items-center">
        <SearchBox id="audit-search" label="Search the audit log" value={q} onChange={setQ} placeholder="Search actor, target or changed values" className="lg:max-w-sm" />
        <div className="grid grid-cols-2 gap-2 lg:flex lg:flex-1">
          <div className="lg:w-56">
            <EventTypePicker areas={areas} value={filters.event_type ?? []} onChange={(v) => navigate({ event_type: v.length ? v : undefined })} />
          </div>
          <Select
            aria-label="Date range"
            value={rangeValue}
            className="lg:w-44"
            onChange={(e) => {
              const v = e.target.value;
              if (v === "custom") {
                setCustomWanted(true);
                if (filters.range) navigate({ range: undefined });
                return;
              }
              setCustomWanted(false);
              navigate(v ? { range: v as AuditRange } : { range: undefined, from: undefined, to: undefined });
            }}
          >
            <option value="">All time</option>
            {AUDIT_RANGE_KEYS.map((k) => (
              <option key={k} value={k}>
                {AUDIT_RANGES[k].label}
              </option>
            ))}
            <option value="custom">Custom range…</option>
          </Select>
        </div>
      </div>
      <div className="grid grid-cols-2 gap-2 lg:flex lg:flex-wrap lg:items-center">
        <div className="col-span-2 sm:col-span-1 lg:w-64">
          <label htmlFor="audit-actor" className="sr-only">
            Actor
          </label>
          <Input id="audit-actor" type="search" value={actor} onChange={(e) => setActor(e.target.value)} placeholder="Actor: email, user or key id" autoComplete="off" />
        </div>
        <Select aria-label="Target type" value={filters.target_type ?? ""} className="lg:w-52" onChange={(e) => navigate({ target_type: e.target.value || undefined, target_id: undefined })}>
          <option value="">All targets</option>
          {TARGET_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </Select>
        {tenants ? <AuditTenantFilter value={filters.tenant_id} onChange={(id) => navigate({ tenant_id: id })} tenants={tenants} /> : null}
        {custom ? (
          <div className="col-span-2 flex items-center gap-2">
            <label className="flex min-w-0 flex-1 items-center gap-2 text-[13px] text-slate-600 lg:flex-none">
              From
              <Input type="date" value={filters.from ?? ""} max={filters.to} onChange={(e) => navigate({ from: e.target.value || undefined })} className="min-w-0" />
            </label>
            <label className="flex min-w-0 flex-1 items-center gap-2 text-[13px] text-slate-600 lg:flex-none">
              to
              <Input type="date" value={filters.to ?? ""} min={filters.from} onChange={(e) => navigate({ to: e.target.value || undefined })} className="min-w-0" />
            </label>
            <span className="hidden text-xs text-slate-500 sm:inline">UTC days</span>
          </div>
        ) : null}
      </div>
      {filters.target_id || filters.ip ? (
        <div className="flex flex-wrap gap-2">
          {filters.target_id ? <Chip label={`Target ${filters.target_type ?? ""} ${filters.target_id}`.replace(/\s+/g, " ")} onRemove={() => navigate({ target_id: undefined })} /> : null}
          {filters.ip ? <Chip label={`IP ${filters.ip}`} onRemove={() => navigate({ ip: undefined })} /> : null}
        </div>
      ) : null}
    </div>
  );
}
