"use client";

import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { actionsFor, needsTenant, type PaletteAction } from "@/components/command-palette/actions";
import { PaletteIcon } from "@/components/command-palette/palette-icon";
import { palettePages } from "@/components/command-palette/palette-pages";
import { useRecentItems, type RecentItem } from "@/components/command-palette/recent-items";
import { usePaletteSearch } from "@/components/command-palette/use-palette-search";
import type { HeaderScope } from "@/components/header/header-scope";
import { Kbd } from "@/components/ui/kbd";
import { SearchIcon } from "@/components/ui/search-icon";
import type { SearchResult } from "@/lib/schemas/search";

const TYPE_LABEL: Record<string, string> = { tenant: "Tenant", user: "User", member: "Member", domain: "Domain", api_key: "API key", role: "Role", page: "Page", action: "Action" };

const ITEM =
  "flex cursor-pointer items-center gap-3 rounded-md px-2.5 py-2 text-sm text-slate-700 select-none data-[selected=true]:bg-indigo-50 data-[selected=true]:text-slate-900 data-[disabled=true]:cursor-default";

/**
 * What the open palette shows: Recent, search results, Actions (a short list, above the long one) and Pages,
 * filtered by what is typed (cmdk's own filter is off: results come ranked
 * from the server, and pages and actions are matched on their words here).
 * An action that needs a tenant first turns the box into a tenant picker.
 */
export function PaletteBody({ scope, onDone }: { scope: HeaderScope; onDone: () => void }) {
  const router = useRouter();
  const [term, setTerm] = useState("");
  const [pending, setPending] = useState<PaletteAction | null>(null);
  const { recent, remember } = useRecentItems();
  const search = usePaletteSearch(term, { enabled: true, types: pending ? "tenants" : undefined });
  const words = term.trim().toLowerCase();
  const matches = (...texts: readonly string[]) => !words || texts.some((x) => x.toLowerCase().includes(words));

  const open = (url: string) => {
    onDone();
    router.push(url);
  };
  const openRemembered = (item: RecentItem) => {
    remember(item);
    open(item.url);
  };
  const run = (action: PaletteAction) => {
    if (!needsTenant(action)) return open(action.href);
    setPending(action);
    setTerm("");
  };
  const openResult = (r: SearchResult) => {
    if (pending) return open(pending.href.replace("{tenant}", encodeURIComponent(r.id)));
    openRemembered({ key: `${r.type}:${r.id}`, kind: r.type, title: r.title, subtitle: r.subtitle, url: r.url });
  };

  const recentShown = pending ? [] : recent.filter((r) => matches(r.title, r.subtitle));
  const pagesShown = pending ? [] : palettePages(scope).filter((p) => matches(p.label, p.href));
  const actionsShown = pending ? [] : actionsFor(scope.kind, scope.permissions).filter((a) => matches(a.label, ...(a.keywords ?? [])));
  const nothing = !search.loading && recentShown.length + pagesShown.length + actionsShown.length + search.results.length === 0;
  const placeholder = pending
    ? "Which tenant? Name, slug or domain"
    : scope.kind === "console"
      ? "Search tenants, users, domains, keys, pages…"
      : "Search members, domains, keys, pages…";

  return (
    <Command label="Search and commands" shouldFilter={false} loop className="flex max-h-[min(80dvh,560px)] flex-col overflow-hidden rounded-xl bg-white ring-1 ring-slate-900/5">
      <div className="flex shrink-0 items-center gap-2 border-b border-slate-200 px-3">
        {pending ? (
          <span className="shrink-0 rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">{pending.label.replace("…", "")}</span>
        ) : (
          <SearchIcon className="size-4 shrink-0 text-slate-500" />
        )}
        <Command.Input
          value={term}
          onValueChange={setTerm}
          placeholder={placeholder}
          autoFocus
          onKeyDown={(e) => {
            // Backspace in an empty box leaves the tenant picker for the full palette again.
            if (e.key === "Backspace" && !term && pending) setPending(null);
          }}
          className="h-12 min-w-0 flex-1 bg-transparent text-[15px] text-slate-900 placeholder:text-slate-500 focus:outline-none"
        />
      </div>
      <Command.List className="min-h-0 flex-1 overflow-y-auto overscroll-contain p-2 [&_[cmdk-group-heading]]:px-2.5 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-slate-600">
        {search.loading && search.results.length === 0 ? (
          <Command.Loading label="Searching">
            <p className="px-2.5 py-2 text-[13px] text-slate-600">Searching…</p>
          </Command.Loading>
        ) : null}
        {nothing ? (
          <p role="status" className="px-2.5 py-6 text-center text-[13px] text-slate-600">
            {words ? `Nothing found for “${term.trim()}”` : pending ? "Type to find the tenant" : "Nothing to show"}
          </p>
        ) : null}
        {search.error ? <p className="px-2.5 py-2 text-[13px] text-red-700">Search failed: {search.error.message}</p> : null}
        {recentShown.length ? (
          <Command.Group heading="Recent">
            {recentShown.map((r) => (
              <Item key={r.key} value={`recent:${r.key}`} onSelect={() => openRemembered(r)} kind={r.kind} title={r.title} subtitle={r.subtitle} />
            ))}
          </Command.Group>
        ) : null}
        {search.results.length ? (
          <Command.Group heading={pending ? "Tenants" : "Results"}>
            {search.results.map((r) => (
              <Item key={`${r.type}:${r.id}`} value={`result:${r.type}:${r.id}`} onSelect={() => openResult(r)} kind={r.type} title={r.title} subtitle={r.subtitle} />
            ))}
          </Command.Group>
        ) : null}
        {actionsShown.length ? (
          <Command.Group heading="Actions">
            {actionsShown.map((a) => (
              <Item key={a.id} value={`action:${a.id}`} onSelect={() => run(a)} kind="action" title={a.label} />
            ))}
          </Command.Group>
        ) : null}
        {pagesShown.length ? (
          <Command.Group heading="Pages">
            {pagesShown.map((p) => (
              <Item key={p.href} value={`page:${p.href}`} onSelect={() => openRemembered({ key: `page:${p.href}`, kind: "page", title: p.label, subtitle: p.href, url: p.href })} kind="page" title={p.label} />
            ))}
          </Command.Group>
        ) : null}
      </Command.List>
      <div className="hidden shrink-0 items-center gap-4 border-t border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-600 sm:flex" aria-hidden="true">
        <span>
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> move
        </span>
        <span>
          <Kbd>↵</Kbd> open
        </span>
        <span>
          <Kbd>esc</Kbd> close
        </span>
      </div>
    </Command>
  );
}

function Item({ value, onSelect, kind, title, subtitle }: { value: string; onSelect: () => void; kind: string; title: string; subtitle?: ReactNode }) {
  return (
    <Command.Item value={value} onSelect={onSelect} className={ITEM}>
      <PaletteIcon kind={kind} />
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium">{title}</span>
        {subtitle ? <span className="block truncate text-xs text-slate-600">{subtitle}</span> : null}
      </span>
      <span className="hidden shrink-0 text-xs text-slate-600 sm:inline">{TYPE_LABEL[kind] ?? kind}</span>
    </Command.Item>
  );
}
