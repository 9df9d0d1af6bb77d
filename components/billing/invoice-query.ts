import type { ListInvoicesQuery } from "@/lib/schemas/invoices";

/** The Invoices list's first page: what the server prefetches and the list asks for first must be the same key. */
export const INVOICES_FIRST_PAGE: ListInvoicesQuery = { page: 1, page_size: 12 };

export const invoiceKeys = {
  tenant: (tenantId: string) => ["invoices", tenantId] as const,
  list: (tenantId: string, params: ListInvoicesQuery) => ["invoices", tenantId, params] as const,
};
