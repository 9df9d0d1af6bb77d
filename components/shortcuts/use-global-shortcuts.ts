"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { GO_TO } from "@/components/shortcuts/shortcut-list";
import { isShortcutEvent } from "@/components/shortcuts/shortcut-target";

const SEQUENCE_MS = 1000;

/** `?` (the overlay), `/` (focus the page's list search) and the `g` sequences; j/k/Enter live with the tables (use-row-keyboard). */
export function useGlobalShortcuts(scope: "console" | "portal", onHelp: () => void) {
  const router = useRouter();
  const pendingG = useRef(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isShortcutEvent(e)) return;
      const gAt = pendingG.current;
      pendingG.current = 0;
      if (e.key === "?") {
        e.preventDefault();
        onHelp();
        return;
      }
      if (e.shiftKey) return;
      if (e.key === "/") {
        const box = document.querySelector<HTMLInputElement>('#main input[type="search"]');
        if (box) {
          e.preventDefault();
          box.focus();
          box.select();
        }
        return;
      }
      if (gAt && Date.now() - gAt < SEQUENCE_MS) {
        const href = GO_TO[scope][e.key];
        if (href) {
          e.preventDefault();
          router.push(href);
        }
        return;
      }
      if (e.key === "g") pendingG.current = Date.now();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, scope, onHelp]);
}
