"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Choice } from "@/components/ui/choice";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, FieldError, controlClasses } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { requestImpersonationAction } from "@/lib/actions/impersonation-actions";
import { queryKeys } from "@/lib/query/keys";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";

const DURATIONS = [15, 30, 60, 120, 240] as const;
const durationLabel = (m: number) => (m < 60 ? `${m} minutes` : m === 60 ? "1 hour" : `${m / 60} hours`);

/** Staff ask a tenant's owners for support access: why, for how long (≤ 4 h), read-only or full. */
export function RequestAccessDialog({ open, onClose, tenantId, tenantName, onRequested }: { open: boolean; onClose: () => void; tenantId: string; tenantName: string; onRequested: (g: ImpersonationGrantView) => void }) {
  const [reason, setReason] = useState("");
  const [duration, setDuration] = useState("60");
  const [mode, setMode] = useState<"read_only" | "full">("read_only");
  const { pending, failure, setFailure, run } = useActionMutation(queryKeys.impersonation.tenant(tenantId));
  const errors = failure?.fieldErrors ?? {};
  const close = () => {
    setReason("");
    setDuration("60");
    setMode("read_only");
    setFailure(null);
    onClose();
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    run(
      () => requestImpersonationAction(tenantId, { reason, duration_minutes: Number(duration), mode }),
      (g) => {
        close();
        onRequested(g);
      },
    );
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Request support access"
      className="max-w-lg"
      description={`${tenantName}'s owners are emailed and decide in their portal. The time starts when they approve.`}
      footer={
        <DialogActions onCancel={close} pending={pending}>
          <Button type="submit" form="support-access-form" loading={pending}>
            Send request
          </Button>
        </DialogActions>
      }
    >
      <form id="support-access-form" onSubmit={onSubmit} noValidate className="space-y-4">
        {failure && Object.keys(errors).length === 0 ? <Alert tone="danger">{failure.message}</Alert> : null}
        <Field id="support-reason" label="Reason" error={errors.reason} hint="Shown to the owners and in the audit log, e.g. the ticket you are working on.">
          {(a) => (
            <textarea
              id={a.id}
              aria-describedby={a["aria-describedby"]}
              aria-invalid={a.invalid || undefined}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              rows={3}
              className={controlClasses(a.invalid)}
            />
          )}
        </Field>
        <Field id="support-duration" label="Duration" error={errors.duration_minutes}>
          {(a) => (
            <Select id={a.id} aria-describedby={a["aria-describedby"]} invalid={a.invalid} value={duration} onChange={(e) => setDuration(e.target.value)}>
              {DURATIONS.map((m) => (
                <option key={m} value={String(m)}>
                  {durationLabel(m)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <fieldset aria-describedby={errors.mode ? "support-mode-error" : undefined}>
          <legend className="mb-1.5 text-[13px] font-medium text-slate-700">Access</legend>
          <div className="space-y-2">
            <Choice type="radio" name="support-mode" checked={mode === "read_only"} onChange={() => setMode("read_only")} label="Read-only" hint="See what the owners see; every change is refused." />
            <Choice type="radio" name="support-mode" checked={mode === "full"} onChange={() => setMode("full")} label="Full access" hint="Act as an owner, except owners, billing and support access." />
          </div>
          <FieldError id="support-mode-error" message={errors.mode} />
        </fieldset>
      </form>
    </Dialog>
  );
}
