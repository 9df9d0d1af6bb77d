"use client";

import { useSyncExternalStore } from "react";

// One shared ticking clock for countdowns ("You can resend in 3 min"): components
// read the time from here instead of calling Date.now() while rendering, and one
// timer serves them all, running only while someone is watching.

const TICK_MS = 15_000;
const listeners = new Set<() => void>();
let now = 0;
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function getSnapshot(): number {
  // Stable between ticks, as useSyncExternalStore requires; refreshed when the clock stood still unwatched.
  if (!now || (!timer && Date.now() - now > TICK_MS)) now = Date.now();
  return now;
}

/** The time in ms, updated every 15 s; null while rendering on the server (no clock to agree with the browser's). */
export function useClock(): number | null {
  return useSyncExternalStore(subscribe, getSnapshot, () => null);
}
