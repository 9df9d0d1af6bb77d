"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/**
 * Asks before leaving a page with unsaved edits: the browser's own prompt for
 * a reload, closing the tab or typing an address (beforeunload), and a dialog
 * for a click on an in-app link (caught before Next's Link navigates).
 */
export function UnsavedChangesGuard({ when }: { when: boolean }) {
  const router = useRouter();
  const [leavingTo, setLeavingTo] = useState<string | null>(null);

  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download")) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return; // another site: beforeunload asks
      // The same page with another query (a tab) or fragment keeps its state, so nothing is lost.
      if (url.pathname === window.location.pathname) return;
      e.preventDefault();
      e.stopPropagation();
      setLeavingTo(url.pathname + url.search + url.hash);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    // Capture phase: runs before the Link's own handler starts a client-side navigation.
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [when]);

  return (
    <Dialog
      open={leavingTo !== null}
      onClose={() => setLeavingTo(null)}
      title="Leave without saving?"
      description="You have unsaved changes on this page. If you leave now, they are lost."
      footer={
        <>
          <Button variant="secondary" onClick={() => setLeavingTo(null)}>
            Stay on this page
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              const to = leavingTo!;
              setLeavingTo(null);
              router.push(to);
            }}
          >
            Leave and discard
          </Button>
        </>
      }
    />
  );
}
