import "server-only";
import { QueryClient, dehydrate, type DehydratedState } from "@tanstack/react-query";
import { listInvoices } from "@/lib/billing/invoices/read-invoices";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { INVOICES_FIRST_PAGE, invoiceKeys } from "./invoice-query";

/**
 * The invoice list's first page, read while the Billing page renders, so it
 * hydrates with rows instead of skeletons. A read the actor may not make is
 * left out: the list then asks itself and shows the error where it belongs.
 */
export async function prefetchInvoices(actor: TenantActor, tenantId: string, client = new QueryClient()): Promise<DehydratedState> {
  try {
    client.setQueryData(invoiceKeys.list(tenantId, INVOICES_FIRST_PAGE), await listInvoices(actor, tenantId, INVOICES_FIRST_PAGE));
  } catch {
    // Left for the list to ask and explain.
  }
  return dehydrate(client);
}
