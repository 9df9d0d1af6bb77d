"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { changeInvoiceStatus, type InvoiceStatusAction } from "@/lib/billing/invoices/change-invoice-status";
import { generateInvoiceNow } from "@/lib/billing/invoices/generate-invoice-now";
import { listInvoices, type InvoiceList } from "@/lib/billing/invoices/read-invoices";
import { parseOrThrow } from "@/lib/http/errors";
import { actionTenantActor } from "@/lib/portal/action-actor";

// Server actions for the invoice list on the portal's Billing page and the
// console's Billing tab: the actor this host allows, then one service call,
// which authorises in its own transaction (members need billing:manage; the
// changes need the platform's billing:manage, so a portal call is refused).

const idSchema = z.string().min(1).max(100);
const actionSchema = z.enum(["issue", "mark_paid", "void"]);

export async function listInvoicesAction(tenantId: unknown, query: unknown): Promise<ActionResult<InvoiceList>> {
  return runAction({ name: "invoice.listInvoices", tenantId }, async () => listInvoices(await actionTenantActor(), parseOrThrow(idSchema, tenantId), query));
}

export async function changeInvoiceStatusAction(tenantId: unknown, invoiceId: unknown, action: unknown): Promise<ActionResult<{ status: string; changed: boolean }>> {
  return runAction({ name: "invoice.changeInvoiceStatus", tenantId }, async () => {
    const r = await changeInvoiceStatus(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, invoiceId), parseOrThrow(actionSchema, action) as InvoiceStatusAction);
    return { status: r.invoice.status, changed: r.changed };
  });
}

export async function generateInvoiceAction(tenantId: unknown, input: unknown): Promise<ActionResult<{ number: string; created: boolean }>> {
  return runAction({ name: "invoice.generateInvoice", tenantId }, async () => {
    const r = await generateInvoiceNow(await actionTenantActor(), parseOrThrow(idSchema, tenantId), input);
    return { number: r.invoice.number, created: r.created };
  });
}
