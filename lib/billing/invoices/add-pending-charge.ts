import type { Tx } from "@/lib/db/prisma";
import { newBillingId } from "./billing-ids";

export type PendingChargeKind = "proration" | "add_on" | "plan" | "overage";

export type PendingCharge = {
  tenantId: string;
  kind: PendingChargeKind;
  description: string;
  /** Integer cents; negative for a credit (a downgrade mid-period). */
  amountCents: number;
  currency: string;
};

/**
 * Records a charge the next invoice must carry (a prorated plan change, an
 * add-on bought mid-period). Written in the caller's transaction, so the charge
 * exists exactly when the change that caused it commits; generateInvoice
 * claims every open charge created before its period ends.
 */
export async function addPendingCharge(tx: Tx, charge: PendingCharge): Promise<{ id: string }> {
  if (!Number.isSafeInteger(charge.amountCents)) throw new Error(`addPendingCharge: amountCents must be an integer, got ${charge.amountCents}`);
  return tx.billingPendingCharge.create({
    data: {
      id: newBillingId("chg"),
      tenantId: charge.tenantId,
      kind: charge.kind,
      description: charge.description,
      amountCents: charge.amountCents,
      currency: charge.currency.toUpperCase(),
    },
    select: { id: true },
  });
}
