import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { announceIssued } from "./generate-invoice";
import { invoiceWithLinesView, type InvoiceStatus } from "./invoice-view";
import { collectInvoice } from "./collect-invoice";

export type InvoiceStatusAction = "issue" | "mark_paid" | "void";

/** Which statuses each action may start from, and where it leads. A paid invoice is final (refunds are not modelled). */
const TRANSITIONS: Record<InvoiceStatusAction, { from: readonly InvoiceStatus[]; to: InvoiceStatus; verb: string }> = {
  issue: { from: ["draft"], to: "issued", verb: "issued" },
  mark_paid: { from: ["issued"], to: "paid", verb: "marked paid" },
  void: { from: ["draft", "issued"], to: "void", verb: "voided" },
};

/** Staff only: the platform's billing:manage (admins). Tenant members, even owners, cannot mark their own invoices paid. */
export function billingStaff(actor: TenantActor): Caller {
  if (actor.kind !== "platform") throw new AppError("admin_privileges_required", "Only Atrium staff with billing:manage can do this", { permission: "billing:manage" });
  authorize(actor.caller, "billing:manage");
  return actor.caller;
}

/**
 * POST …/invoices/{invoice_id}/issue | mark-paid | void. The row is locked, so
 * two clicks (or two staff) resolve to one change and one audit row; asking
 * for the status it already has changes nothing and says so (changed: false).
 */
export async function changeInvoiceStatus(actor: TenantActor, tenantId: string, invoiceId: string, action: InvoiceStatusAction, now = new Date()) {
  const caller = billingStaff(actor);
  const rule = TRANSITIONS[action];
  const result = await withTenantScope(tenantId, async (tx) => {
    const locked = await tx.$queryRaw<{ status: InvoiceStatus }[]>`SELECT status FROM invoices WHERE id = ${invoiceId} AND tenant_id = ${tenantId} FOR UPDATE`;
    if (locked.length === 0) throw new AppError("not_found", `No invoice ${invoiceId} for this tenant`);
    const before = locked[0].status;
    if (before === rule.to) {
      const same = await tx.invoice.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: invoiceId } }, include: { lines: { orderBy: { position: "asc" } } } });
      return { invoice: same, changed: false };
    }
    if (!rule.from.includes(before)) throw new AppError("invalid_state", `An invoice that is ${before} cannot be ${rule.verb}`, { status: before });
    const invoice = await tx.invoice.update({
      where: { tenantId_id: { tenantId, id: invoiceId } },
      data: { status: rule.to, ...(rule.to === "issued" ? { issuedAt: now } : rule.to === "paid" ? { paidAt: now } : { voidedAt: now }) },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    if (rule.to === "issued") await announceIssued(tx, caller, invoice);
    else
      await publishEvent(tx, caller, {
        tenantId,
        action: rule.to === "paid" ? "invoice.paid" : "invoice.voided",
        targetType: "invoice",
        targetId: invoice.id,
        targetLabel: invoice.number,
        before: { status: before },
        after: { number: invoice.number, status: rule.to, total_cents: invoice.totalCents, currency: invoice.currency },
      });
    return { invoice, changed: true };
  });
  if (result.changed && result.invoice.status === "issued") await collectInvoice(result.invoice);
  return { invoice: invoiceWithLinesView(result.invoice), changed: result.changed };
}
