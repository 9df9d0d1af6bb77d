import { useCallback, useSyncExternalStore } from "react";

export type HistoryEntry = {
  sql: string;
  ran_at: string;
  read_only: boolean;
  /** "ok" with its row count and time, or the error code. */
  outcome: { ok: true; row_count: number; execution_time_ms: number } | { ok: false; code: string };
};

const LIMIT = 50;
const EMPTY: HistoryEntry[] = [];
const storageKey = (tenantId: string) => `atrium.sql-history.${tenantId}`;
const listeners = new Set<() => void>();
// getSnapshot must answer the same array until the history changes: parsed once per stored string.
const cache = new Map<string, { raw: string | null; entries: HistoryEntry[] }>();

function read(tenantId: string): HistoryEntry[] {
  const key = storageKey(tenantId);
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(key);
  } catch {
    return EMPTY; // storage disabled (private mode, policy): no history rather than a broken page
  }
  const hit = cache.get(key);
  if (hit && hit.raw === raw) return hit.entries;
  let entries = EMPTY;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) entries = parsed.filter((e): e is HistoryEntry => typeof e?.sql === "string" && typeof e?.ran_at === "string").slice(0, LIMIT);
  } catch {
    entries = EMPTY;
  }
  cache.set(key, { raw, entries });
  return entries;
}

function subscribe(notify: () => void) {
  listeners.add(notify);
  // Another tab of the same console adds to the same history.
  window.addEventListener("storage", notify);
  return () => {
    listeners.delete(notify);
    window.removeEventListener("storage", notify);
  };
}

/**
 * The queries run on one tenant from this browser, newest first, the last 50,
 * kept in localStorage (never sent anywhere). Running the same text again
 * moves it to the top instead of repeating it.
 */
export function useQueryHistory(tenantId: string) {
  const entries = useSyncExternalStore(
    subscribe,
    () => read(tenantId),
    () => EMPTY,
  );
  const write = useCallback(
    (next: HistoryEntry[]) => {
      try {
        window.localStorage.setItem(storageKey(tenantId), JSON.stringify(next.slice(0, LIMIT)));
      } catch {
        return; // quota or disabled storage: history is a convenience
      }
      listeners.forEach((l) => l());
    },
    [tenantId],
  );
  const add = useCallback((entry: HistoryEntry) => write([entry, ...read(tenantId).filter((e) => e.sql !== entry.sql)]), [tenantId, write]);
  const clear = useCallback(() => write([]), [write]);
  return { entries, add, clear };
}
