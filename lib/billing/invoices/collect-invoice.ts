import { systemCaller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { paymentProvider, type PayableInvoice } from "@/lib/billing/payment-provider";

/**
 * Hands a just-issued invoice to the payment provider, after the issuing
 * transaction committed (a processor is outside the database). With the
 * manual provider nothing happens: the invoice stays issued until staff mark
 * it paid. A provider that collects at once marks it paid here, audited as
 * the system; a failure leaves it issued (the provider reports it its own way).
 */
export async function collectInvoice(invoice: PayableInvoice): Promise<void> {
  const provider = paymentProvider();
  const charge = await provider.chargeInvoice(invoice);
  if (charge.outcome !== "paid") return;
  await withTenantScope(invoice.tenantId, async (tx) => {
    const updated = await tx.invoice.updateMany({ where: { tenantId: invoice.tenantId, id: invoice.id, status: "issued" }, data: { status: "paid", paidAt: new Date() } });
    if (updated.count === 0) return;
    await publishEvent(tx, systemCaller(`payments:${provider.name}`), {
      tenantId: invoice.tenantId,
      action: "invoice.paid",
      targetType: "invoice",
      targetId: invoice.id,
      targetLabel: invoice.number,
      before: { status: "issued" },
      after: { number: invoice.number, status: "paid", total_cents: invoice.totalCents, currency: invoice.currency, payment_reference: charge.reference },
    });
  });
}
