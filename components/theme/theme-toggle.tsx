"use client";

import { useSyncExternalStore } from "react";
import { Menu } from "@/components/ui/menu";
import { parseThemeChoice, THEME_COOKIE, type ThemeChoice } from "@/lib/theme/theme-preference";

const LABELS: Record<ThemeChoice, string> = { light: "Light", dark: "Dark", system: "System" };
const DESCRIPTIONS: Record<ThemeChoice, string> = { light: "Always light", dark: "Always dark", system: "Follow this device's setting" };
const YEAR_SECONDS = 365 * 24 * 3600;

// The root layout renders the chosen class from the cookie; the page's own <html> is the store.
const listeners = new Set<() => void>();
const current = (): ThemeChoice => parseThemeChoice(document.documentElement.classList.contains("dark") ? "dark" : document.documentElement.classList.contains("light") ? "light" : "system");
const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};

function choose(choice: ThemeChoice) {
  const html = document.documentElement;
  html.classList.remove("light", "dark");
  if (choice !== "system") html.classList.add(choice);
  // A cookie, not localStorage: the server renders the next page in the right scheme (no flash).
  document.cookie = `${THEME_COOKIE}=${choice}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
  for (const fn of listeners) fn();
}

function ThemeIcon({ choice }: { choice: ThemeChoice }) {
  const common = { viewBox: "0 0 20 20", className: "size-5", fill: "none", stroke: "currentColor", strokeWidth: 1.5, "aria-hidden": true } as const;
  if (choice === "light")
    return (
      <svg {...common}>
        <circle cx="10" cy="10" r="3.5" />
        <path d="M10 2v1.5M10 16.5V18M2 10h1.5M16.5 10H18M4.3 4.3l1.1 1.1M14.6 14.6l1.1 1.1M4.3 15.7l1.1-1.1M14.6 5.4l1.1-1.1" strokeLinecap="round" />
      </svg>
    );
  if (choice === "dark")
    return (
      <svg {...common}>
        <path d="M16.5 12.2A6.5 6.5 0 0 1 7.8 3.5a6.5 6.5 0 1 0 8.7 8.7Z" strokeLinejoin="round" />
      </svg>
    );
  return (
    <svg {...common}>
      <rect x="2.5" y="3.5" width="15" height="10" rx="1.5" />
      <path d="M7 16.5h6M10 13.5v3" strokeLinecap="round" />
    </svg>
  );
}

/** Light, Dark or System (the default): applied at once, remembered in a cookie for every later page. */
export function ThemeToggle() {
  // "system" while hydrating (the server cannot know the class the browser may have changed since).
  const choice = useSyncExternalStore(subscribe, current, () => "system" as const);
  return (
    <Menu
      label={`Theme: ${LABELS[choice]}`}
      triggerClassName="inline-flex size-9 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      trigger={<ThemeIcon choice={choice} />}
      items={(["light", "dark", "system"] as const).map((c) => ({
        key: c,
        label: (
          <span className="flex items-center gap-2">
            <ThemeIcon choice={c} />
            {LABELS[c]}
            {c === choice ? <span className="ml-auto text-xs font-normal text-slate-500">(current)</span> : null}
          </span>
        ),
        description: DESCRIPTIONS[c],
        onSelect: () => choose(c),
      }))}
    />
  );
}
