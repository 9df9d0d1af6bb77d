"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { SearchBox } from "@/components/ui/search-box";
import { fetchApi } from "@/lib/query/fetch-api";

export type PickedTenant = { id: string; name: string; slug: string };

type TenantPage = { tenants: PickedTenant[] };

/** Choose active tenants by searching the tenant list; the chosen ones stay listed above the results. */
export function TenantPicker({ value, onChange, error }: { value: PickedTenant[]; onChange: (next: PickedTenant[]) => void; error?: string }) {
  const [search, setSearch] = useState("");
  const term = useDeferredValue(search.trim());
  const q = useQuery({
    queryKey: ["tenants", "picker", term],
    queryFn: ({ signal }) => fetchApi<TenantPage>(`/api/v1/tenants?status=active&page_size=20&sort=name&order=asc${term ? `&search=${encodeURIComponent(term)}` : ""}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const chosen = new Set(value.map((t) => t.id));
  const toggle = (t: PickedTenant, on: boolean) => onChange(on ? [...value, { id: t.id, name: t.name, slug: t.slug }] : value.filter((x) => x.id !== t.id));

  return (
    <div className="space-y-2">
      {value.length ? (
        <ul aria-label="Chosen tenants" className="flex flex-wrap gap-1.5">
          {value.map((t) => (
            <li key={t.id} className="inline-flex items-center gap-1 rounded-md bg-indigo-50 py-0.5 pr-1 pl-2 text-xs font-medium text-indigo-800 ring-1 ring-indigo-600/20 ring-inset">
              {t.name}
              <button type="button" onClick={() => toggle(t, false)} aria-label={`Remove ${t.name}`} className="rounded px-1 text-indigo-600 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600">
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <SearchBox id="fleet-tenant-search" label="Search active tenants" value={search} onChange={setSearch} placeholder="Search active tenants by name or slug" />
      <div className="max-h-48 overflow-y-auto rounded-md border border-slate-200 p-1" aria-busy={q.isFetching}>
        {q.data?.tenants.length ? (
          q.data.tenants.map((t) => (
            <label key={t.id} className="flex cursor-pointer items-center gap-2.5 rounded px-2 py-1.5 hover:bg-slate-50">
              <input type="checkbox" className="size-4 shrink-0 accent-indigo-600" checked={chosen.has(t.id)} onChange={(e) => toggle(t, e.target.checked)} />
              <span className="min-w-0 truncate text-[13px] text-slate-800">{t.name}</span>
              <span className="ml-auto shrink-0 font-mono text-xs text-slate-500">{t.slug}</span>
            </label>
          ))
        ) : (
          <p className="px-2 py-3 text-xs text-slate-500">{q.isPending ? "Loading tenants…" : q.isError ? `Could not load tenants: ${q.error.message}` : "No active tenant matches."}</p>
        )}
      </div>
      {error ? (
        <p id="fleet-tenants-error" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
