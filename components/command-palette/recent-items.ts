"use client";

import { useCallback, useSyncExternalStore } from "react";

/** Something the palette opened: shown first next time (this browser, this host: localStorage is per origin). */
export type RecentItem = { key: string; kind: string; title: string; subtitle: string; url: string };

const STORAGE_KEY = "atrium:palette-recent";
const MAX = 6;
const NONE: RecentItem[] = [];
const listeners = new Set<() => void>();
let cached: { raw: string | null; items: RecentItem[] } = { raw: null, items: NONE };

function read(): RecentItem[] {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return NONE; // storage disabled: no recents, nothing breaks
  }
  if (raw === cached.raw) return cached.items;
  let items: RecentItem[] = NONE;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) items = parsed.filter((i): i is RecentItem => typeof i?.key === "string" && typeof i?.url === "string" && typeof i?.title === "string" && i.url.startsWith("/")).slice(0, MAX);
  } catch {
    items = NONE;
  }
  cached = { raw, items };
  return items;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key === STORAGE_KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The recent items, newest first, and `remember` to put one at the front. */
export function useRecentItems(): { recent: RecentItem[]; remember: (item: RecentItem) => void } {
  const recent = useSyncExternalStore(subscribe, read, () => NONE);
  const remember = useCallback((item: RecentItem) => {
    const next = [item, ...read().filter((i) => i.key !== item.key)].slice(0, MAX);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      return;
    }
    for (const l of listeners) l();
  }, []);
  return { recent, remember };
}
