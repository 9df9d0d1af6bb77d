import type { Invoice, InvoiceLineItem } from "@/lib/generated/prisma/client";

export type InvoiceStatus = "draft" | "issued" | "paid" | "void";

const day = (d: Date) => d.toISOString().slice(0, 10);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An invoice as the API and the UI show it (seed 000's snake_case; dates as YYYY-MM-DD, instants as ISO). */
export function invoiceView(inv: Invoice) {
  return {
    id: inv.id,
    tenant_id: inv.tenantId,
    number: inv.number,
    period_start: day(inv.periodStart),
    period_end: day(inv.periodEnd),
    currency: inv.currency,
    subtotal_cents: inv.subtotalCents,
    tax_cents: inv.taxCents,
    total_cents: inv.totalCents,
    status: inv.status as InvoiceStatus,
    issued_at: iso(inv.issuedAt),
    paid_at: iso(inv.paidAt),
    voided_at: iso(inv.voidedAt),
    created_at: inv.createdAt.toISOString(),
  };
}
export type InvoiceView = ReturnType<typeof invoiceView>;

/** One invoice with its lines, in order (GET …/invoices/{invoice_id} and the answers of the changes). */
export function invoiceWithLinesView(inv: Invoice & { lines: InvoiceLineItem[] }) {
  return {
    ...invoiceView(inv),
    line_items: inv.lines.map((l) => ({ kind: l.kind, description: l.description, quantity: Number(l.quantity), unit_cents: l.unitCents, amount_cents: l.amountCents })),
  };
}
