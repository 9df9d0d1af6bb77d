"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";

type ListParams = { search?: string; page: number };

/**
 * A list page whose state is its URL: parsed params, a `navigate` that
 * shallow-updates the URL (so Back undoes a filter and the scroll stays), and
 * a search box that follows the URL 300 ms after typing stops. `leaving` is
 * set when a row takes the user elsewhere, so a pending search cannot rewrite
 * that new URL.
 */
export function useUrlListState<P extends ListParams>(opts: {
  path: string;
  parse: (get: (key: string) => string | null) => P;
  toSearch: (params: P) => string;
  optionalKeys: readonly (keyof P)[];
}) {
  const searchParams = useSearchParams();
  const { parse, toSearch, path, optionalKeys } = opts;
  const params = useMemo(() => parse((k) => searchParams.get(k)), [parse, searchParams]);
  const [searchInput, setSearchInput] = useState(params.search ?? "");
  const leaving = useRef(false);

  const navigate = (next: Partial<P>, mode: "push" | "replace" = "push") => {
    const merged = { ...params, ...next };
    for (const k of optionalKeys) if (!merged[k]) delete merged[k];
    const url = `${path}${toSearch(merged)}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };

  useEffect(() => {
    const wanted = searchInput.trim();
    if (wanted === (params.search ?? "")) return;
    const t = setTimeout(() => {
      if (!leaving.current) navigate({ search: wanted || undefined, page: 1 } as Partial<P>, "replace");
    }, 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- navigate is recreated each render; the inputs are listed
  }, [searchInput, params.search]);

  const clearFilters = () => {
    setSearchInput("");
    navigate({ ...Object.fromEntries(optionalKeys.map((k) => [k, undefined])), page: 1 } as Partial<P>);
  };

  const markLeaving = () => {
    leaving.current = true;
  };

  return { params, navigate, searchInput, setSearchInput, leaving, markLeaving, clearFilters };
}
