import type { Caller } from "@/lib/auth/caller";
import type { PayableInvoice } from "@/lib/billing/payment-provider";
import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import { notifyTenantMembers } from "@/lib/notifications/notify-tenant-members";
import { tenantLimits } from "@/lib/tenants/serialize-tenant";
import { newBillingId } from "./billing-ids";
import { computeInvoiceLines } from "./compute-invoice-lines";
import { formatMoney } from "./format-money";
import { formatPeriod, type InvoicePeriod } from "./invoice-period";
import { readBillingBasis } from "./read-billing-basis";

export type GenerateOptions = {
  /** A draft is announced to nobody until staff issue it (POST …/issue); the monthly job issues at once. */
  status?: "draft" | "issued";
  now?: Date;
};

export type GeneratedInvoice = { invoiceId: string; created: boolean; status: string; payable: PayableInvoice };

/** ATR-2026-000123: the year it was written and the platform-wide sequence. */
async function nextInvoiceNumber(tx: Tx, now: Date): Promise<string> {
  const [{ n }] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('invoice_number_seq') AS n`;
  return `ATR-${now.getUTCFullYear()}-${String(n).padStart(6, "0")}`;
}

/**
 * The tenant's invoice for `period`, written once: a second call for the same
 * tenant and period (the job retried, staff clicking twice, two workers)
 * returns the invoice already there. The caller authorises (the job is the
 * system; the route checks the platform's billing:manage).
 */
export async function generateInvoice(caller: Caller, tenantId: string, period: InvoicePeriod, opts: GenerateOptions = {}): Promise<GeneratedInvoice> {
  const now = opts.now ?? new Date();
  return withTenantScope(tenantId, async (tx) => {
    // Serialises generations for this tenant: the loser of a race finds the winner's row below.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('atrium:invoice'), hashtext(${tenantId}))`;
    const existing = await tx.invoice.findUnique({ where: { tenantId_periodStart_periodEnd: { tenantId, periodStart: period.periodStart, periodEnd: period.periodEnd } }, select: { id: true, tenantId: true, number: true, totalCents: true, currency: true, status: true } });
    if (existing) return { invoiceId: existing.id, created: false, status: existing.status, payable: existing };
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, settings: true, limits: true } });
    if (!tenant) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    const currency = ((tenant.settings as { currency?: unknown } | null)?.currency as string | undefined) ?? "USD";
    const { inputs, chargeIds } = await readBillingBasis(tx, tenantId, tenantLimits(tenant), period);
    const { lines, subtotalCents } = computeInvoiceLines(inputs);
    const status = opts.status ?? "issued";
    const invoice = await tx.invoice.create({
      data: {
        id: newBillingId("inv"),
        tenantId,
        number: await nextInvoiceNumber(tx, now),
        periodStart: period.periodStart,
        periodEnd: period.periodEnd,
        currency,
        subtotalCents,
        taxCents: 0,
        totalCents: subtotalCents,
        status,
        issuedAt: status === "issued" ? now : null,
        createdAt: now,
        // Each line takes tenant_id with the invoice: the relation is (tenant_id, invoice_id).
        lines: {
          create: lines.map((l, position) => ({ id: newBillingId("ili"), position, kind: l.kind, description: l.description, quantity: l.quantity, unitCents: l.unitCents, amountCents: l.amountCents })),
        },
      },
    });
    if (chargeIds.length) await tx.billingPendingCharge.updateMany({ where: { tenantId, id: { in: chargeIds } }, data: { invoiceId: invoice.id } });
    if (status === "issued") await announceIssued(tx, caller, invoice);
    return { invoiceId: invoice.id, created: true, status, payable: invoice };
  });
}

type IssuedInvoice = { id: string; tenantId: string; number: string; periodStart: Date; periodEnd: Date; currency: string; totalCents: number };

/**
 * invoice.issued (audit row and webhook) and a billing notification to the
 * tenant's owners, the only members holding billing:manage: in the portal's
 * bell and by mail through the outbox, as each owner's preferences say
 * (lib/notifications). In the transaction that issued it.
 */
export async function announceIssued(tx: Tx, caller: Caller, invoice: IssuedInvoice): Promise<void> {
  await publishEvent(tx, caller, {
    tenantId: invoice.tenantId,
    action: "invoice.issued",
    targetType: "invoice",
    targetId: invoice.id,
    targetLabel: invoice.number,
    after: { number: invoice.number, period_start: invoice.periodStart.toISOString().slice(0, 10), period_end: invoice.periodEnd.toISOString().slice(0, 10), currency: invoice.currency, total_cents: invoice.totalCents, status: "issued" },
  });
  const total = formatMoney(invoice.totalCents, invoice.currency);
  await notifyTenantMembers(tx, caller, invoice.tenantId, {
    title: `Invoice ${invoice.number} issued: ${total}`,
    body: `Invoice ${invoice.number} for ${formatPeriod(invoice)} was issued. Total: ${total}. Download the PDF on the Billing page.`,
    severity: "billing",
    roles: ["owner"],
    link: "/billing",
  });
}
