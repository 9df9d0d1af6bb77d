"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDate } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { Toast, useToast } from "@/components/ui/toast";
import { changeInvoiceStatusAction, generateInvoiceAction, listInvoicesAction } from "@/lib/actions/invoice-actions";
import type { InvoiceView } from "@/lib/billing/invoices/invoice-view";
import type { InvoiceList as InvoiceListPage } from "@/lib/billing/invoices/read-invoices";
import { formatMoney } from "@/lib/billing/invoices/format-money";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import { INVOICES_FIRST_PAGE, invoiceKeys } from "./invoice-query";

const STATUS: Record<InvoiceView["status"], { label: string; tone: BadgeTone }> = {
  draft: { label: "Draft", tone: "slate" },
  issued: { label: "Open", tone: "amber" },
  paid: { label: "Paid", tone: "green" },
  void: { label: "Void", tone: "zinc" },
};

type Change = { kind: "mark_paid" | "void" | "issue"; invoice: InvoiceView } | null;

const COPY = {
  mark_paid: { title: "Mark invoice paid?", confirm: "Mark paid", body: "Record that this invoice was paid. No payment processor is charged; the change is audited.", done: "marked paid" },
  void: { title: "Void invoice?", confirm: "Void invoice", body: "The invoice is kept with its number but is no longer owed. This cannot be undone.", done: "voided" },
  issue: { title: "Issue invoice?", confirm: "Issue invoice", body: "The tenant's owners are told it is ready (in the portal and by email).", done: "issued" },
} as const;

const monthLabel = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** Where the PDF downloads from: the portal serves it to the signed-in member (a session is not an API credential there); the console uses the API. */
const pdfHref = (tenantId: string, id: string) => `/api/v1/tenants/${tenantId}/invoices/${id}/pdf`;

/**
 * The tenant's invoices, on the portal's Billing page and the console's
 * Billing tab: number, period, total, status and the PDF. In the console,
 * staff with the platform's billing:manage (`canManage`) also generate an
 * invoice now, mark one paid or void it, each behind a confirmation.
 */
export function InvoiceList({ tenantId, scope, canManage = false, initial }: { tenantId: string; scope: "portal" | "console"; canManage?: boolean; initial?: InvoiceListPage }) {
  const [params, setParams] = useState(INVOICES_FIRST_PAGE);
  const [change, setChange] = useState<Change>(null);
  const [toast, setToast] = useToast();
  const manage = scope === "console" && canManage;
  const query = useQuery({
    queryKey: invoiceKeys.list(tenantId, params),
    queryFn: async () => {
      const r = await listInvoicesAction(tenantId, params);
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
    // The server's read of the first page (lib/billing/load-billing-panel.ts): rows at once, no skeleton.
    initialData: params === INVOICES_FIRST_PAGE ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const mutation = useActionMutation(invoiceKeys.tenant(tenantId));

  const columns: ColumnDef<InvoiceView, unknown>[] = [
    { id: "number", header: "Invoice", meta: { card: "title", skeleton: "w-28" }, cell: ({ row }) => <span className="font-medium text-slate-900 tabular-nums">{row.original.number}</span> },
    { id: "period", header: "Period", meta: { skeleton: "w-24" }, cell: ({ row }) => monthLabel(row.original.period_start) },
    {
      id: "total",
      header: "Total",
      meta: { className: "text-right tabular-nums", skeleton: "w-16" },
      cell: ({ row }) => <span className="font-medium text-slate-900">{formatMoney(row.original.total_cents, row.original.currency)}</span>,
    },
    { id: "status", header: "Status", meta: { skeleton: "w-14" }, cell: ({ row }) => <Badge tone={STATUS[row.original.status].tone}>{STATUS[row.original.status].label}</Badge> },
    {
      id: "issued_at",
      header: "Issued",
      meta: { className: "whitespace-nowrap text-slate-500 tabular-nums", skeleton: "w-20" },
      cell: ({ row }) => (row.original.issued_at ? formatDate(row.original.issued_at) : "Not issued"),
    },
    {
      id: "actions",
      header: "Actions",
      meta: { card: "actions", srOnlyHeader: true, className: "text-right" },
      cell: ({ row: { original: inv } }) => (
        <div className="flex flex-wrap items-center justify-end gap-2">
          <a href={pdfHref(tenantId, inv.id)} download className={buttonClasses("secondary", "sm")} aria-label={`Download PDF of invoice ${inv.number}`}>
            Download PDF
          </a>
          {manage && inv.status === "draft" ? (
            <Button size="sm" variant="secondary" onClick={() => setChange({ kind: "issue", invoice: inv })} aria-label={`Issue invoice ${inv.number}`}>
              Issue
            </Button>
          ) : null}
          {manage && inv.status === "issued" ? (
            <Button size="sm" variant="secondary" onClick={() => setChange({ kind: "mark_paid", invoice: inv })} aria-label={`Mark invoice ${inv.number} paid`}>
              Mark paid
            </Button>
          ) : null}
          {manage && (inv.status === "issued" || inv.status === "draft") ? (
            <Button size="sm" variant="danger-ghost" onClick={() => setChange({ kind: "void", invoice: inv })} aria-label={`Void invoice ${inv.number}`}>
              Void
            </Button>
          ) : null}
        </div>
      ),
    },
  ];

  const copy = change ? COPY[change.kind] : null;
  return (
    <Card>
      <CardHeader
        id={`invoices-${tenantId}`}
        title="Invoices"
        description={scope === "portal" ? "Issued on the 1st for the month before: the plan and add-ons for the coming month, usage above your limits, and plan changes." : "Issued on the 1st for the month before. Payments are recorded by hand (no processor is charged)."}
        actions={manage ? <GenerateInvoice tenantId={tenantId} onDone={setToast} /> : undefined}
      />
      {query.isError ? (
        <div className="p-5">
          <Alert tone="danger" role="alert">
            {(query.error as Error).message}
          </Alert>
        </div>
      ) : (
        <DataTable
          columns={columns}
          data={query.data?.invoices}
          getRowId={(i) => i.id}
          label="Invoices"
          rowTestId="invoice-row"
          busy={query.isFetching}
          minWidth="min-w-[640px]"
          empty={<EmptyState title="No invoices yet" description="The first invoice is issued on the 1st of the month after the subscription starts." />}
        />
      )}
      {query.data && query.data.pagination.total_pages > 1 ? <Pagination pagination={query.data.pagination} noun="invoice" onPage={(page) => setParams({ ...params, page })} /> : null}
      <ConfirmDialog
        open={change !== null}
        onClose={() => {
          setChange(null);
          mutation.setFailure(null);
        }}
        title={copy?.title ?? ""}
        description={change ? `${change.invoice.number} · ${monthLabel(change.invoice.period_start)} · ${formatMoney(change.invoice.total_cents, change.invoice.currency)}. ${copy?.body}` : ""}
        confirmLabel={copy?.confirm ?? ""}
        pending={mutation.pending}
        error={mutation.failure?.message}
        onConfirm={() => {
          if (!change) return;
          const { invoice, kind } = change;
          mutation.run(
            () => changeInvoiceStatusAction(tenantId, invoice.id, kind),
            () => {
              setChange(null);
              setToast(`Invoice ${invoice.number} ${COPY[kind].done}`);
            },
          );
        }}
      />
      <Toast message={toast} />
    </Card>
  );
}

/** Staff: generate (and issue) a month's invoice now, as the job would on the 1st. */
function GenerateInvoice({ tenantId, onDone }: { tenantId: string; onDone: (message: string) => void }) {
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const mutation = useActionMutation(invoiceKeys.tenant(tenantId));
  return (
    <form
      className="flex flex-wrap items-start gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.run(
          () => generateInvoiceAction(tenantId, { period: month }),
          (r) => onDone(r.created ? `Invoice ${r.number} issued` : `Invoice ${r.number} already existed for that month`),
        );
      }}
    >
      <label htmlFor={`invoice-month-${tenantId}`} className="sr-only">
        Month to invoice
      </label>
      <div>
        <Input
          id={`invoice-month-${tenantId}`}
          type="month"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          invalid={Boolean(mutation.failure)}
          aria-describedby={mutation.failure ? `invoice-month-error-${tenantId}` : undefined}
          className="h-8 w-40 py-1"
        />
        {mutation.failure ? (
          <p id={`invoice-month-error-${tenantId}`} role="alert" className="mt-1 max-w-56 text-[13px] text-red-700">
            {mutation.failure.fieldErrors.period ?? mutation.failure.message}
          </p>
        ) : null}
      </div>
      <Button type="submit" size="sm" loading={mutation.pending}>
        Generate invoice
      </Button>
    </form>
  );
}
