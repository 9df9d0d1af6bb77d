import { z } from "zod";
import { paginationSchema } from "@/lib/schemas/tenant-responses";

// Invoices (lib/billing/invoices): one schema per contract, shared by routes, server actions and the OpenAPI document.

const intParam = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

export const INVOICE_STATUSES = ["draft", "issued", "paid", "void"] as const;

export const listInvoicesQuerySchema = z.strictObject({
  page: intParam(1, 1, 1_000_000),
  page_size: intParam(20, 1, 100),
  status: z.enum(INVOICE_STATUSES, { error: `Must be one of ${INVOICE_STATUSES.join(", ")}` }).optional(),
});
export type ListInvoicesQuery = z.output<typeof listInvoicesQuerySchema>;

export const generateInvoiceSchema = z.strictObject({
  period: z.string({ error: "Give the month to invoice as YYYY-MM" }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Give the month to invoice as YYYY-MM, e.g. 2026-11"),
  /** "draft" writes it without announcing it; POST …/issue issues it later. */
  status: z.enum(["draft", "issued"], { error: "Must be draft or issued" }).default("issued"),
});
export type GenerateInvoiceInput = z.output<typeof generateInvoiceSchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const iso = z.string();

export const invoiceLineSchema = z.object({
  kind: z.enum(["plan", "add_on", "proration", "overage"]),
  description: z.string(),
  quantity: z.number(),
  unit_cents: z.number().int(),
  amount_cents: z.number().int(),
});

export const invoiceSchema = z.object({
  id: z.string(),
  tenant_id: z.string(),
  number: z.string(),
  period_start: day,
  period_end: day.describe("Exclusive: the first day after the period"),
  currency: z.string(),
  subtotal_cents: z.number().int(),
  tax_cents: z.number().int(),
  total_cents: z.number().int(),
  status: z.enum(INVOICE_STATUSES),
  issued_at: iso.nullable(),
  paid_at: iso.nullable(),
  voided_at: iso.nullable(),
  created_at: iso,
});

export const invoiceWithLinesSchema = invoiceSchema.extend({ line_items: z.array(invoiceLineSchema) });

export const invoiceListResponseSchema = z.object({ invoices: z.array(invoiceSchema), pagination: paginationSchema });
export const invoiceResponseSchema = z.object({ invoice: invoiceWithLinesSchema });
export const generateInvoiceResponseSchema = z.object({ invoice: invoiceWithLinesSchema, created: z.boolean() });
