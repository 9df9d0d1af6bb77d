"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { BulkDataFields, INITIAL_FORM, requestParts, type BulkFormState } from "@/components/bulk/bulk-data-fields";
import { BulkCount as Count } from "@/components/bulk/bulk-count";
import { BulkItemList } from "@/components/bulk/bulk-item-list";
import { BulkProgress } from "@/components/bulk/bulk-progress";
import { isFinished, useBulkOperation } from "@/components/bulk/use-bulk-operation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import { BULK_OPERATION_LABELS, type BulkFilter, type BulkOperationAccepted, type BulkOperationName, type BulkPreview } from "@/lib/schemas/bulk";

export type BulkSelection = { tenant_ids: string[] } | { filter: BulkFilter };

const DESCRIBE: Record<BulkOperationName, string> = {
  activate: "Suspended and archived tenants become active again; active ones are skipped.",
  deactivate: "Active tenants are suspended: their portal shows a suspended page and their API keys stop working.",
  delete: "The tenants stop serving now and are purged after the grace period, unless restored before.",
  update_features: "Turns one feature on or off on each tenant.",
  update_settings: "Sets one regional setting on each tenant.",
  change_plan: "Moves each tenant to the plan; tenants already on it are skipped.",
  apply_template: "Applies a template's current version to each tenant.",
};

const DANGER = new Set<BulkOperationName>(["deactivate", "delete"]);
const tenants = (n: number) => `${n.toLocaleString("en-US")} tenant${n === 1 ? "" : "s"}`;

type Step = { kind: "configure" } | { kind: "preview"; accepted: BulkOperationAccepted } | { kind: "run"; operationId: string };

/**
 * The whole of a bulk change: its data, the dry run's preview (counts and
 * the first changes, before → after), then the real run's live progress and
 * results, with "Retry failed". Mounted per operation chosen.
 */
export function BulkOperationDialog({ operation, selection, count, onClose }: { operation: BulkOperationName; selection: BulkSelection; count: number; onClose: (applied: boolean) => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<BulkFormState>(INITIAL_FORM);
  const [step, setStep] = useState<Step>({ kind: "configure" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  // One key per confirmation: a double click or a retried request starts one operation.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const body = (dryRun: boolean) => ({ operation, ...selection, ...requestParts(operation, form), dry_run: dryRun });

  const answer = (r: Awaited<ReturnType<typeof postApi<BulkOperationAccepted>>>, next: (a: BulkOperationAccepted) => void) => {
    if (r.ok) {
      setErrors({});
      setMessage(null);
      next(r.data);
    } else {
      setErrors(r.fieldErrors);
      setMessage(r.message);
    }
  };
  const preview = useMutation({
    mutationFn: () => postApi<BulkOperationAccepted>("/api/v1/tenants/bulk", body(true)),
    onSuccess: (r) => answer(r, (accepted) => setStep({ kind: "preview", accepted })),
  });
  const apply = useMutation({
    mutationFn: () => postApi<BulkOperationAccepted>("/api/v1/tenants/bulk", body(false), { idempotencyKey }),
    onSuccess: (r) => answer(r, (accepted) => setStep({ kind: "run", operationId: accepted.operation_id })),
  });
  const retry = useMutation({
    mutationFn: (id: string) => postApi<BulkOperationAccepted>(`/api/v1/tenants/bulk/${id}/retry`, {}),
    onSuccess: (r) => answer(r, (accepted) => setStep({ kind: "run", operationId: accepted.operation_id })),
  });

  const running = step.kind === "run" ? step.operationId : null;
  const close = () => {
    if (running) void queryClient.invalidateQueries({ queryKey: queryKeys.tenants.all });
    onClose(running !== null);
  };
  const title = `${BULK_OPERATION_LABELS[operation]}: ${tenants(count)}`;

  return (
    <Dialog open onClose={close} title={title} description={DESCRIBE[operation]} tone={DANGER.has(operation) ? "danger" : "default"} className="max-w-2xl" footer={footer()}>
      <div data-testid="bulk-dialog" className="space-y-4">
        {message ? (
          <Alert tone="danger" title="Not started">
            {message}
          </Alert>
        ) : null}
        {step.kind === "configure" ? (
          <form
            id="bulk-form"
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              preview.mutate();
            }}
          >
            <BulkDataFields operation={operation} form={form} onChange={setForm} errors={errors} />
            <p className="text-[13px] text-slate-600">Nothing changes yet: the preview runs the change on each tenant and rolls it back.</p>
          </form>
        ) : null}
        {step.kind === "preview" ? <PreviewStep accepted={step.accepted} /> : null}
        {step.kind === "run" ? <BulkProgress operationId={step.operationId} onRetry={(id) => retry.mutate(id)} retrying={retry.isPending} /> : null}
      </div>
    </Dialog>
  );

  function footer() {
    if (step.kind === "configure") {
      return (
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form="bulk-form" loading={preview.isPending}>
            Preview changes
          </Button>
        </>
      );
    }
    if (step.kind === "preview") {
      const ready = step.accepted.preview !== undefined;
      return (
        <>
          <Button variant="secondary" onClick={() => setStep({ kind: "configure" })}>
            Back
          </Button>
          {/* A new step takes the focus to its main button (keyed, so it mounts afresh and autoFocus applies). */}
          <Button key="apply" autoFocus variant={DANGER.has(operation) ? "danger" : "primary"} loading={apply.isPending} disabled={!ready} onClick={() => apply.mutate()} data-testid="bulk-apply">
            Apply to {tenants(count)}
          </Button>
        </>
      );
    }
    return (
      <Button key="close" autoFocus onClick={close}>
        Close
      </Button>
    );
  }
}

/** The dry run: answered at once for a small selection, followed like any operation for a large one. */
function PreviewStep({ accepted }: { accepted: BulkOperationAccepted }) {
  const followed = useBulkOperation(accepted.preview ? null : accepted.operation_id);
  const detail = followed.data;
  const p: BulkPreview | undefined =
    accepted.preview ?? (detail && isFinished(detail) ? { would_change: detail.counts.succeeded, would_skip: detail.counts.skipped, would_fail: detail.counts.failed, items: detail.items } : undefined);
  if (!p) return <p className="text-sm text-slate-600">Checking {tenants(accepted.total)}… {detail ? `${detail.progress_percent}%` : ""}</p>;
  return (
    <div className="space-y-3" data-testid="bulk-preview">
      <dl className="grid grid-cols-3 gap-2 text-center">
        <Count label="Would change" value={p.would_change} tone="text-emerald-700" testId="bulk-count-would-change" />
        <Count label="Would skip" value={p.would_skip} tone="text-amber-800" testId="bulk-count-would-skip" />
        <Count label="Would fail" value={p.would_fail} tone="text-red-700" testId="bulk-count-would-fail" />
      </dl>
      <BulkItemList items={p.items} preview label="Preview per tenant" />
      {accepted.total > p.items.length ? <p className="text-xs text-slate-500">The first {p.items.length} of {tenants(accepted.total)}.</p> : null}
    </div>
  );
}
