"use client";

import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";

/** A destructive action's confirmation: what happens, Cancel, the action itself, and its error if it failed. */
export function ConfirmDialog({
  open,
  onClose,
  title,
  description,
  confirmLabel,
  pending,
  error,
  onConfirm,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: string | null | undefined;
  onConfirm: () => void;
  children?: ReactNode;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      tone="danger"
      title={title}
      description={description}
      footer={
        <DialogActions onCancel={onClose} pending={pending}>
          <Button variant="danger" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </DialogActions>
      }
    >
      {error ? (
        <Alert tone="danger" className={children ? "mb-3" : undefined}>
          {error}
        </Alert>
      ) : null}
      {children}
    </Dialog>
  );
}
