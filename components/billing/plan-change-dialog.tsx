"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formatCents } from "@/components/billing/money";
import type { PlanChangeAnswer } from "@/lib/billing/subscriptions/change-plan";
import type { PlanVersionView } from "@/lib/schemas/billing";
import { postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";

type Direction = "upgrade" | "downgrade";

/**
 * Upgrade or downgrade with the proration preview first: the dialog asks the
 * API for a dry run (the same change, rolled back) and shows its lines; Confirm
 * makes the change. A refusal (usage over the lower plan's limits) shows in
 * place of the preview, naming the limit.
 */
export function PlanChangeDialog({ tenantId, plan, direction, onClose, onDone }: { tenantId: string; plan: PlanVersionView; direction: Direction; onClose: () => void; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = `/api/v1/tenants/${tenantId}/subscription/${direction}`;
  const preview = useQuery({
    queryKey: [...queryKeys.billing.tenant(tenantId), "preview", direction, plan.key],
    queryFn: async () => {
      const r = await postApi<PlanChangeAnswer>(path, { plan: plan.key, dry_run: true });
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });

  async function confirm() {
    setPending(true);
    setError(null);
    const r = await postApi<PlanChangeAnswer>(path, { plan: plan.key }, { idempotencyKey: crypto.randomUUID() });
    setPending(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: queryKeys.billing.tenant(tenantId) });
    router.refresh();
    onDone(`Now on ${plan.name}.`);
  }

  const verb = direction === "upgrade" ? "Upgrade" : "Downgrade";
  const data = preview.data;
  return (
    <Dialog
      open
      onClose={onClose}
      title={`${verb} to ${plan.name}`}
      description={`${formatCents(plan.price_monthly_cents, data?.currency ?? plan.currency)} a month from now on. The rest of this billing period is prorated to the day.`}
      footer={
        <DialogActions onCancel={onClose} pending={pending}>
          <Button onClick={confirm} loading={pending} disabled={!data || pending}>
            Confirm {verb.toLowerCase()}
          </Button>
        </DialogActions>
      }
    >
      {preview.isPending ? <p className="text-sm text-slate-600">Working out the proration…</p> : null}
      {preview.isError ? (
        <Alert tone="danger" title={`Cannot ${verb.toLowerCase()}`}>
          {preview.error.message}
        </Alert>
      ) : null}
      {data ? (
        <div aria-label="Proration preview" role="group">
          <h3 className="text-[13px] font-medium text-slate-700">On your next invoice</h3>
          {data.proration.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">Nothing to prorate{data.subscription.status === "trialing" ? " during a trial" : ""}.</p>
          ) : (
            <dl className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200 text-sm">
              {data.proration.map((line) => (
                <div key={line.kind} className="flex items-baseline justify-between gap-3 px-3 py-2">
                  <dt className="min-w-0 text-slate-700">{line.description}</dt>
                  <dd className="shrink-0 tabular-nums text-slate-900">{formatCents(line.amount_cents, data.currency)}</dd>
                </div>
              ))}
              <div className="flex items-baseline justify-between gap-3 bg-slate-50 px-3 py-2 font-medium">
                <dt>{data.total_cents < 0 ? "Credit" : "Due"} for this period</dt>
                <dd className="tabular-nums" data-testid="proration-total">
                  {formatCents(data.total_cents, data.currency)}
                </dd>
              </div>
            </dl>
          )}
        </div>
      ) : null}
      {error ? (
        <Alert tone="danger" className="mt-3">
          {error}
        </Alert>
      ) : null}
    </Dialog>
  );
}
