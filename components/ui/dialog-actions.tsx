"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * A dialog footer's buttons: Cancel first (disabled while the action runs, so
 * a half-sent request is not abandoned from under its spinner), then the
 * dialog's own action.
 */
export function DialogActions({ onCancel, pending = false, cancelLabel = "Cancel", children }: { onCancel: () => void; pending?: boolean; cancelLabel?: ReactNode; children: ReactNode }) {
  return (
    <>
      <Button variant="secondary" onClick={onCancel} disabled={pending}>
        {cancelLabel}
      </Button>
      {children}
    </>
  );
}
