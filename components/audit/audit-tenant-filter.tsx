"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";

export type TenantOption = { id: string; name: string };
/** The tenants the page rendered with (the first ones by name) and how many there are in all. */
export type TenantChoices = { options: TenantOption[]; total: number };

/**
 * The console Audit page's tenant filter: a native select (phones and
 * keyboards know it) of the first tenants by name. When the platform has more
 * than the page sent, a search field beside it asks the tenant list API for
 * matches, which then fill the select, so every tenant can be chosen.
 */
export function AuditTenantFilter({ value, onChange, tenants }: { value: string | undefined; onChange: (tenantId: string | undefined) => void; tenants: TenantChoices }) {
  const searchable = tenants.total > tenants.options.length;
  const [find, setFind] = useState("");
  const [term, setTerm] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setTerm(find.trim()), 300);
    return () => clearTimeout(t);
  }, [find]);
  const [picked, setPicked] = useState<TenantOption | null>(null);

  const found = useQuery({
    queryKey: queryKeys.tenants.list({ search: term, page: 1, page_size: 50, sort: "name", order: "asc" }),
    queryFn: ({ signal }) => fetchApi<{ tenants: TenantOption[]; pagination: { total_count: number } }>(`/api/v1/tenants?search=${encodeURIComponent(term)}&page=1&page_size=50&sort=name&order=asc`, { signal }),
    enabled: searchable && term.length > 0,
  });

  const base = term && found.data ? found.data.tenants.map((t) => ({ id: t.id, name: t.name })) : tenants.options;
  // The chosen tenant stays selectable whatever the list shows now (its name when known, else its id from the URL).
  const chosen = value && value !== "platform" && !base.some((t) => t.id === value) ? [picked?.id === value ? picked : { id: value, name: value }] : [];
  const options = [...chosen, ...base];
  const status = !searchable
    ? null
    : term && found.data
      ? `${found.data.pagination.total_count.toLocaleString("en-US")} matching “${term}”${found.data.pagination.total_count > found.data.tenants.length ? `, the first ${found.data.tenants.length} listed` : ""}`
      : term && found.isError
        ? "Could not search the tenants; try again"
        : `The first ${tenants.options.length} of ${tenants.total.toLocaleString("en-US")} tenants; search to find others`;

  return (
    <div className="col-span-2 flex flex-col gap-1 sm:col-span-1 lg:w-auto lg:flex-row lg:items-center lg:gap-2">
      {searchable ? (
        <Input type="search" aria-label="Find a tenant" aria-describedby="audit-tenant-status" value={find} onChange={(e) => setFind(e.target.value)} placeholder="Find a tenant" autoComplete="off" className="lg:w-44" />
      ) : null}
      <Select
        aria-label="Tenant"
        value={value ?? ""}
        className="lg:w-56"
        onChange={(e) => {
          const id = e.target.value || undefined;
          setPicked(options.find((t) => t.id === id) ?? null);
          onChange(id);
        }}
      >
        <option value="">All tenants and platform</option>
        <option value="platform">Platform events only</option>
        {options.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Select>
      {status ? (
        <p id="audit-tenant-status" className="text-xs text-slate-500 lg:sr-only" aria-live="polite">
          {status}
        </p>
      ) : null}
    </div>
  );
}
