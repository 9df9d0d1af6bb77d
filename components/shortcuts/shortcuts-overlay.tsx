"use client";

import { Fragment } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import { SHORTCUTS } from "@/components/shortcuts/shortcut-list";

/** The `?` overlay: every shortcut that works here. */
export function ShortcutsOverlay({ open, onClose, scope }: { open: boolean; onClose: () => void; scope: "console" | "portal" }) {
  const shown = SHORTCUTS.filter((s) => s.scope === "both" || s.scope === scope);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      description="Single keys work when you are not typing in a field; hold no Ctrl, ⌘ or Alt."
      footer={<Button onClick={onClose}>Close</Button>}
    >
      <dl className="divide-y divide-slate-100 text-sm" data-testid="shortcuts-overlay">
        {shown.map((s) => (
          <div key={s.description} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-slate-700">{s.description}</dt>
            <dd className="flex shrink-0 items-center gap-1 text-xs text-slate-600">
              {s.keys.map((k, i) => (
                <Fragment key={k}>
                  {i > 0 ? <span>then</span> : null}
                  <Kbd className="px-1.5 py-0.5 text-xs">{k}</Kbd>
                </Fragment>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
