"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatCents } from "@/components/billing/money";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { Toast, useToast } from "@/components/ui/toast";
import type { PlanView } from "@/lib/billing/plans/list-plans";
import { fetchApi, postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import { PlanEditor } from "./plan-editor";

const limit = (v: number | null) => (v === null ? "Unlimited" : v.toLocaleString("en-US"));

export function PlansTable({ initial, canEdit }: { initial: PlanView[]; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const { data: plans } = useQuery({ queryKey: queryKeys.plans, queryFn: ({ signal }) => fetchApi<{ plans: PlanView[] }>("/api/v1/plans", { signal }).then((d) => d.plans), initialData: initial });
  const [editing, setEditing] = useState<PlanView | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [toast, setToast] = useToast();

  async function move(plan: PlanView) {
    setMoving(plan.key);
    const r = await postApi<{ moved: number; failed: { tenant_id: string; error: string }[] }>(`/api/v1/plans/${plan.key}/move-subscriptions`, {}, { idempotencyKey: crypto.randomUUID() });
    setMoving(null);
    await queryClient.invalidateQueries({ queryKey: queryKeys.plans });
    setToast(r.ok ? `${r.data.moved} subscription${r.data.moved === 1 ? "" : "s"} moved to ${plan.name} v${plan.version}${r.data.failed.length ? `; ${r.data.failed.length} could not be moved` : ""}.` : r.message);
  }

  const columns: ColumnDef<PlanView, unknown>[] = [
    {
      id: "name",
      header: "Plan",
      meta: { card: "title", className: "font-medium text-slate-900" },
      cell: ({ row: { original: p } }) => (
        <span className="flex items-center gap-2">
          {p.name}
          <Badge tone="slate">v{p.version}</Badge>
        </span>
      ),
    },
    { id: "price", header: "Monthly price", meta: { className: "tabular-nums" }, cell: ({ row: { original: p } }) => formatCents(p.price_monthly_cents, p.currency) },
    { id: "users", header: "Users", meta: { className: "tabular-nums" }, cell: ({ row: { original: p } }) => limit(p.limits.users) },
    { id: "storage", header: "Storage (GB)", meta: { className: "tabular-nums" }, cell: ({ row: { original: p } }) => limit(p.limits.storage_gb) },
    {
      id: "overage",
      header: "Overage",
      meta: { className: "text-[13px] text-slate-600" },
      cell: ({ row: { original: p } }) => `${formatCents(p.overage.api_calls_per_1000_cents, p.currency)} / 1,000 calls · ${formatCents(p.overage.storage_gb_cents, p.currency)} / GB`,
    },
    { id: "trial", header: "Trial", meta: { className: "tabular-nums" }, cell: ({ row: { original: p } }) => (p.trial_days ? `${p.trial_days} days` : "None") },
    {
      id: "subscriptions",
      header: "Subscriptions",
      cell: ({ row: { original: p } }) => (
        <span className="text-[13px]">
          <span className="tabular-nums">{p.subscriptions}</span>
          {p.subscriptions_on_older_versions ? <span className="block text-amber-800">{p.subscriptions_on_older_versions} on older versions</span> : null}
        </span>
      ),
    },
    {
      id: "actions",
      header: "Actions",
      meta: { className: "text-right" },
      cell: ({ row: { original: p } }) =>
        canEdit ? (
          <span className="flex flex-wrap justify-end gap-2">
            {p.subscriptions_on_older_versions ? (
              <Button size="sm" variant="secondary" loading={moving === p.key} onClick={() => move(p)} aria-label={`Move ${p.subscriptions_on_older_versions} ${p.name} subscriptions to the current version`}>
                Move to v{p.version}
              </Button>
            ) : null}
            <Button size="sm" variant="secondary" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
              Edit
            </Button>
          </span>
        ) : (
          <span className="text-[13px] text-slate-500">Read only</span>
        ),
    },
  ];

  return (
    <>
      <Card>
        <DataTable columns={columns} data={plans} getRowId={(p) => p.key} label="Plans" rowTestId="plan-row" minWidth="min-w-[880px]" breakpoint="lg" />
      </Card>
      {editing ? (
        <PlanEditor
          plan={editing}
          onClose={() => setEditing(null)}
          onSaved={async (saved) => {
            setEditing(null);
            await queryClient.invalidateQueries({ queryKey: queryKeys.plans });
            setToast(`${saved.name} saved as version ${saved.version}.`);
          }}
        />
      ) : null}
      <Toast message={toast} />
    </>
  );
}
