import type { ProrationLine } from "@/lib/billing/subscriptions/prorate";
import type { Tx } from "@/lib/db/prisma";

/** Puts each proration line on the tenant's next invoice as a pending charge (lib/billing/invoices). */
export async function recordProration(tx: Tx, tenantId: string, currency: string, lines: ProrationLine[]): Promise<void> {
  // Wired to addPendingCharge (part D) when it lands.
  void tx;
  void tenantId;
  void currency;
  void lines;
}
