/** Every keyboard shortcut, as the `?` overlay lists it; `scope` says where it works. */
export type Shortcut = { keys: readonly string[]; description: string; scope: "console" | "portal" | "both" };

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ["⌘ K"], description: "Open the command palette (Ctrl K on Windows and Linux)", scope: "both" },
  { keys: ["?"], description: "Show these shortcuts", scope: "both" },
  { keys: ["/"], description: "Search this list", scope: "both" },
  { keys: ["g", "t"], description: "Go to tenants", scope: "console" },
  { keys: ["g", "u"], description: "Go to users", scope: "console" },
  { keys: ["g", "m"], description: "Go to members", scope: "portal" },
  { keys: ["j"], description: "Next row of the list", scope: "both" },
  { keys: ["k"], description: "Previous row of the list", scope: "both" },
  { keys: ["Enter"], description: "Open the highlighted row", scope: "both" },
  { keys: ["Esc"], description: "Close a dialog or the palette", scope: "both" },
];

/** `g` then this key goes to the page (two keys within a second). */
export const GO_TO: Record<"console" | "portal", Record<string, string>> = {
  console: { t: "/tenants", u: "/users" },
  portal: { m: "/members" },
};
