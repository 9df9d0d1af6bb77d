"use client";

import { useCallback, useState } from "react";
import { ShortcutsOverlay } from "@/components/shortcuts/shortcuts-overlay";
import { useGlobalShortcuts } from "@/components/shortcuts/use-global-shortcuts";

/** The page-wide single-key shortcuts and their `?` overlay (mounted once per header, beside the palette). */
export function KeyboardShortcuts({ scope }: { scope: "console" | "portal" }) {
  const [help, setHelp] = useState(false);
  const showHelp = useCallback(() => setHelp(true), []);
  useGlobalShortcuts(scope, showHelp);
  return <ShortcutsOverlay open={help} onClose={() => setHelp(false)} scope={scope} />;
}
