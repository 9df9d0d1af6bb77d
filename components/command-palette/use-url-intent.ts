"use client";

import { useEffect, useRef } from "react";

/**
 * Palette actions are links (actions.ts): `?action=suspend` on a tenant's page,
 * `?invite=1` on Members. The page reads its parameter once after it mounts,
 * takes it out of the address (so Back or a reload does not open the dialog
 * again) and opens what it names; unknown values do nothing.
 */
export function useUrlIntent(param: string, onIntent: (value: string) => void) {
  const handled = useRef(false);
  const latest = useRef(onIntent);
  useEffect(() => {
    latest.current = onIntent;
  });
  useEffect(() => {
    if (handled.current) return;
    handled.current = true;
    const url = new URL(window.location.href);
    const value = url.searchParams.get(param);
    if (value === null) return;
    url.searchParams.delete(param);
    window.history.replaceState(window.history.state, "", url);
    latest.current(value);
  }, [param]);
}
