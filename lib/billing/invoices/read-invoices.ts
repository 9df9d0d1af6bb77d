import { authorizeBilling } from "@/lib/billing/subscriptions/authorize-billing";
import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { listInvoicesQuerySchema } from "@/lib/schemas/invoices";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { invoiceView, invoiceWithLinesView } from "./invoice-view";

// Reading a tenant's invoices: members and keys with the tenant's
// billing:manage, staff with tenants:read (authorizeBilling). Every read runs
// in the tenant's scope, so RLS alone keeps another tenant's invoice id from
// resolving under this tenant's path.

/** GET /tenants/{id}/invoices: newest period first. */
export async function listInvoices(actor: TenantActor, tenantId: string, rawQuery: unknown) {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeBilling(actor, tenantId, "read", tx);
    const q = parseOrThrow(listInvoicesQuerySchema, rawQuery);
    const where = { tenantId, ...(q.status ? { status: q.status } : {}) };
    const [rows, total] = await Promise.all([
      tx.invoice.findMany({ where, orderBy: [{ periodStart: "desc" }, { createdAt: "desc" }], skip: (q.page - 1) * q.page_size, take: q.page_size }),
      tx.invoice.count({ where }),
    ]);
    const totalPages = Math.max(1, Math.ceil(total / q.page_size));
    return {
      invoices: rows.map((r) => invoiceView(r)),
      pagination: { page: q.page, page_size: q.page_size, total_count: total, total_pages: totalPages, has_next: q.page < totalPages, has_prev: q.page > 1 },
    };
  });
}
export type InvoiceList = Awaited<ReturnType<typeof listInvoices>>;

/** The invoice with its lines, in `tx` (scoped to the tenant); 404 when it is not this tenant's. */
export async function readInvoice(tx: Tx, tenantId: string, invoiceId: string) {
  const invoice = await tx.invoice.findFirst({ where: { id: invoiceId, tenantId }, include: { lines: { orderBy: { position: "asc" } } } });
  if (!invoice) throw new AppError("not_found", `No invoice ${invoiceId} for this tenant`);
  return invoice;
}

/** GET /tenants/{id}/invoices/{invoice_id}. */
export async function getInvoice(actor: TenantActor, tenantId: string, invoiceId: string) {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeBilling(actor, tenantId, "read", tx);
    const invoice = await readInvoice(tx, tenantId, invoiceId);
    return { invoice: invoiceWithLinesView(invoice) };
  });
}
