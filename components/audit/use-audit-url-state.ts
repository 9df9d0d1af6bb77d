"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { AUDIT_FILTER_KEYS, auditFiltersToSearch, parseAuditFilters, type AuditFilters } from "./audit-filters";

/**
 * The audit viewer's filters live in the page's URL: a shared link opens the
 * same view, and each change is a history entry, so Back and Forward step
 * through them. Free-text fields follow the URL 300 ms after typing stops
 * (one entry per search, not per key). Other query parameters of the page
 * (e.g. the tenant page's `tab`) are kept.
 */
export function useAuditUrlState(scope: "platform" | "tenant") {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => parseAuditFilters((k) => searchParams.get(k), scope), [searchParams, scope]);
  const keep = useMemo(() => {
    const rest: Record<string, string> = {};
    searchParams.forEach((v, k) => {
      if (!(AUDIT_FILTER_KEYS as readonly string[]).includes(k)) rest[k] = v;
    });
    return rest;
  }, [searchParams]);

  const navigate = (next: Partial<AuditFilters>, mode: "push" | "replace" = "push") => {
    const merged: AuditFilters = { ...filters, ...next };
    // A preset and a custom range exclude each other: whichever was set last wins.
    if (next.range) {
      merged.from = undefined;
      merged.to = undefined;
    } else if (next.from !== undefined || next.to !== undefined) merged.range = undefined;
    const url = `${pathname}${auditFiltersToSearch(merged, keep)}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };

  return { filters, navigate };
}

/** A text filter typed into a field: shown at once, committed to the URL after a pause; a URL change (Back, Clear) resets it. */
export function useDebouncedFilter(value: string | undefined, commit: (v: string | undefined) => void, delay = 300) {
  const [input, setInput] = useState(value ?? "");
  const [shownFor, setShownFor] = useState(value);
  if (shownFor !== value) {
    setShownFor(value);
    setInput(value ?? "");
  }
  useEffect(() => {
    const wanted = input.trim() || undefined;
    if (wanted === value) return;
    const t = setTimeout(() => commit(wanted), delay);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- commit is recreated each render; the inputs are listed
  }, [input, value]);
  return [input, setInput] as const;
}
