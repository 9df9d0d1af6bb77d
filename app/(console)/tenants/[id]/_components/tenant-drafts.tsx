"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode, type SetStateAction } from "react";

/**
 * Unsaved edits of the tenant page's forms, kept above the tab panels so that
 * switching tabs does not discard them. A draft equal to what is stored is no
 * draft. A saved draft stays shown until the page's server data catches up
 * (a new ETag), so the form does not flash back to the old values meanwhile.
 */
type Entry = { value: unknown; savedOn?: string };
type Store = {
  entries: Record<string, Entry | undefined>;
  setEntry: (key: string, entry: Entry | undefined) => void;
  discardAll: () => void;
  renderedEtag: string;
};

const DraftsContext = createContext<Store | null>(null);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether an entry still holds an edit: not yet saved, or saved but the page still shows the older version. */
const live = (e: Entry | undefined, renderedEtag: string): e is Entry => Boolean(e) && (!e!.savedOn || e!.savedOn === renderedEtag);

export function TenantDraftsProvider({ renderedEtag, children }: { renderedEtag: string; children: ReactNode }) {
  const [entries, setEntries] = useState<Record<string, Entry | undefined>>({});
  const setEntry = useCallback((key: string, entry: Entry | undefined) => setEntries((all) => ({ ...all, [key]: entry })), []);
  const discardAll = useCallback(() => setEntries({}), []);
  const store = useMemo(() => ({ entries, setEntry, discardAll, renderedEtag }), [entries, setEntry, discardAll, renderedEtag]);
  return <DraftsContext.Provider value={store}>{children}</DraftsContext.Provider>;
}

function useStore(): Store {
  const store = useContext(DraftsContext);
  if (!store) throw new Error("useTenantDraft needs a TenantDraftsProvider");
  return store;
}

/** Drops every draft: after a refused save, "Reload latest" starts from what is stored now. */
export function useDiscardAllDrafts(): () => void {
  const { discardAll } = useStore();
  return discardAll;
}

/** True while any form on the page holds an edit that is not saved. */
export function useHasUnsavedDrafts(): boolean {
  const { entries, renderedEtag } = useStore();
  return Object.values(entries).some((e) => live(e, renderedEtag) && !e.savedOn);
}

/**
 * Like useState for one form's draft, but kept on the page: `stored` is what
 * the server has. `markSaved` after a successful save; `discard` to drop the edit.
 */
export function useTenantDraft<T>(key: string, stored: T) {
  const { entries, setEntry, renderedEtag } = useStore();
  const entry = entries[key];
  const value = live(entry, renderedEtag) ? (entry.value as T) : stored;
  const set = (next: SetStateAction<T>) => {
    const v = typeof next === "function" ? (next as (prev: T) => T)(value) : next;
    setEntry(key, same(v, stored) ? undefined : { value: v });
  };
  return {
    value,
    set,
    dirty: !same(value, stored),
    discard: () => setEntry(key, undefined),
    markSaved: () => setEntry(key, live(entry, renderedEtag) ? { value: entry.value, savedOn: renderedEtag } : undefined),
  };
}
