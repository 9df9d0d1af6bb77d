"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fetchApi } from "@/lib/query/fetch-api";
import type { SearchResult } from "@/lib/schemas/search";

const DEBOUNCE_MS = 150;

/**
 * GET /api/v1/search for what is typed, 150 ms after typing stops. The query
 * consumes TanStack Query's AbortSignal, so a request whose term was typed
 * over is cancelled when its query loses its last observer, and an answer to
 * an old term never replaces a newer one.
 */
export function usePaletteSearch(term: string, opts: { types?: string; enabled: boolean }) {
  const [settled, setSettled] = useState(term.trim());
  useEffect(() => {
    const t = setTimeout(() => setSettled(term.trim()), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [term]);
  const q = settled.slice(0, 100);
  const query = useQuery({
    queryKey: ["palette-search", q, opts.types ?? ""],
    queryFn: ({ signal }) => fetchApi<{ results: SearchResult[] }>(`/api/v1/search?${new URLSearchParams({ q, limit: "12", ...(opts.types ? { types: opts.types } : {}) })}`, { signal }),
    enabled: opts.enabled && q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const typing = term.trim() !== settled;
  return { results: q.length > 0 && opts.enabled ? (query.data?.results ?? []) : [], loading: opts.enabled && term.trim().length > 0 && (typing || query.isFetching), error: query.error };
}
