import { addPendingCharge } from "@/lib/billing/invoices/add-pending-charge";
import type { ProrationLine } from "@/lib/billing/subscriptions/prorate";
import type { Tx } from "@/lib/db/prisma";

/** Puts each proration line (credit and charge) on the tenant's next invoice as a pending charge. */
export async function recordProration(tx: Tx, tenantId: string, currency: string, lines: ProrationLine[]): Promise<void> {
  for (const line of lines) await addPendingCharge(tx, { tenantId, kind: "proration", description: line.description, amountCents: line.amount_cents, currency });
}
