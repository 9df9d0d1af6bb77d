"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, FieldError, Input, controlClasses } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { changeTenantStatusAction, scheduleDeletionAction } from "../tenant-actions";
import type { TenantDetail } from "./types";
import { useTenantMutation } from "./use-tenant-mutation";

export type LifecycleAction = "suspend" | "reactivate" | "archive" | "delete";

/** The confirmation dialog of each lifecycle action; `action` null means none is open. */
export function LifecycleDialogs({ tenant, action, onClose, onDone }: { tenant: TenantDetail; action: LifecycleAction | null; onClose: () => void; onDone: (message: string) => void }) {
  return (
    <>
      <StatusDialog tenant={tenant} transition="suspend" open={action === "suspend"} onClose={onClose} onDone={onDone} />
      <StatusDialog tenant={tenant} transition="reactivate" open={action === "reactivate"} onClose={onClose} onDone={onDone} />
      <StatusDialog tenant={tenant} transition="archive" open={action === "archive"} onClose={onClose} onDone={onDone} />
      <DeleteDialog tenant={tenant} open={action === "delete"} onClose={onClose} onDone={onDone} />
    </>
  );
}

const COPY = {
  suspend: {
    title: "Suspend tenant?",
    body: (name: string) => `${name}'s users lose access to the portal and its API answers 403 until the tenant is reactivated. No data is removed.`,
    confirm: "Suspend tenant",
    done: "Tenant suspended",
    danger: true,
  },
  reactivate: {
    title: "Reactivate tenant?",
    body: (name: string) => `${name} serves its portal and API again, with the same data, limits and members.`,
    confirm: "Reactivate tenant",
    done: "Tenant reactivated",
    danger: false,
  },
  archive: {
    title: "Archive tenant?",
    body: (name: string) => `${name} stops serving and is kept read-only with its data preserved. You can reactivate it later.`,
    confirm: "Archive tenant",
    done: "Tenant archived",
    danger: true,
  },
} as const;

function StatusDialog({ tenant, transition, open, onClose, onDone }: { tenant: TenantDetail; transition: keyof typeof COPY; open: boolean; onClose: () => void; onDone: (m: string) => void }) {
  const copy = COPY[transition];
  const [reason, setReason] = useState("");
  const { pending, failure, setFailure, run } = useTenantMutation();
  const close = () => {
    setReason("");
    setFailure(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      tone={copy.danger ? "danger" : "default"}
      title={copy.title}
      description={copy.body(tenant.tenant.name)}
      footer={
        <DialogActions onCancel={close} pending={pending}>
          <Button
            variant={copy.danger ? "danger" : "primary"}
            loading={pending}
            onClick={() =>
              run(
                () => changeTenantStatusAction(tenant.tenant.id, { transition, ...(transition === "suspend" && reason.trim() ? { reason: reason.trim() } : {}) }),
                () => {
                  setReason("");
                  onDone(copy.done);
                },
              )
            }
          >
            {copy.confirm}
          </Button>
        </DialogActions>
      }
    >
      {failure ? (
        <Alert tone="danger" className="mb-1">
          {failure.message}
        </Alert>
      ) : null}
      {transition === "suspend" ? (
        <div>
          <label htmlFor="suspend-reason" className="mb-1.5 flex items-baseline gap-1.5 text-[13px] font-medium text-slate-700">
            Reason <span className="font-normal text-slate-500">optional</span>
          </label>
          <textarea
            id="suspend-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            rows={3}
            placeholder="e.g. Invoice overdue"
            className={cn(controlClasses(false), "resize-y")}
            aria-describedby="suspend-reason-hint"
          />
          <p id="suspend-reason-hint" className="mt-1.5 text-xs text-slate-500">
            Recorded in the audit log and shown to staff.
          </p>
        </div>
      ) : null}
    </Dialog>
  );
}

function DeleteDialog({ tenant, open, onClose, onDone }: { tenant: TenantDetail; open: boolean; onClose: () => void; onDone: (m: string) => void }) {
  const slug = tenant.tenant.slug;
  const [typed, setTyped] = useState("");
  const [grace, setGrace] = useState("7");
  const { pending, failure, setFailure, run } = useTenantMutation();
  const graceDays = Number(grace);
  const graceValid = grace.trim() !== "" && Number.isInteger(graceDays) && graceDays >= 0 && graceDays <= 90;
  const matches = typed.trim() === slug;
  const close = () => {
    setTyped("");
    setGrace("7");
    setFailure(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      tone="danger"
      title="Delete tenant?"
      description={
        <>
          <strong className="font-medium text-slate-900">{tenant.tenant.name}</strong> stops serving immediately. After the grace period its schema, members and data are
          deleted permanently. Until then you can restore it.
        </>
      }
      footer={
        <DialogActions onCancel={close} pending={pending}>
          <Button
            variant="danger"
            disabled={!matches || !graceValid}
            loading={pending}
            onClick={() =>
              run(
                () => scheduleDeletionAction(tenant.tenant.id, { confirm_slug: typed.trim(), grace_period_days: graceDays }),
                () => {
                  setTyped("");
                  onDone("Deletion scheduled");
                },
              )
            }
          >
            Delete tenant
          </Button>
        </DialogActions>
      }
    >
      <div className="space-y-4">
        {failure && !failure.fieldErrors.confirm_slug && !failure.fieldErrors.grace_period_days ? <Alert tone="danger">{failure.message}</Alert> : null}
        <Field
          id="delete-grace"
          label="Grace period (days)"
          error={failure?.fieldErrors.grace_period_days ?? (graceValid ? undefined : "Enter a whole number of days from 0 to 90")}
          hint={graceDays === 0 ? "0 days: the tenant is purged at the next cleanup and cannot be restored." : "Days during which the deletion can still be cancelled."}
        >
          {(a) => <Input {...a} type="number" min={0} max={90} step={1} value={grace} onChange={(e) => setGrace(e.target.value)} className="w-28 tabular-nums" />}
        </Field>
        <div>
          <label htmlFor="delete-confirm" className="mb-1.5 block text-[13px] font-medium text-slate-700">
            Type <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[12px] text-slate-900 select-all">{slug}</code> to confirm
          </label>
          <Input
            id="delete-confirm"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            className="font-mono"
            invalid={Boolean(failure?.fieldErrors.confirm_slug)}
            aria-describedby={failure?.fieldErrors.confirm_slug ? "delete-confirm-error" : undefined}
          />
          <FieldError id="delete-confirm-error" message={failure?.fieldErrors.confirm_slug} />
        </div>
      </div>
    </Dialog>
  );
}
