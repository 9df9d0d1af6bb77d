import { defineRoute } from "@/lib/api-contracts/define-route";
import { generateInvoiceResponseSchema, generateInvoiceSchema, invoiceListResponseSchema, invoiceResponseSchema, listInvoicesQuerySchema } from "@/lib/schemas/invoices";

const TAG = "Invoices";
const READ = "Members and tenant keys with the tenant's billing:manage (owners); platform staff with tenants:read.";
const STAFF = "Platform staff with billing:manage (admins); tenants cannot change their own invoices. Audited.";
const READ_ACCESS = { tenant: "billing:manage", platform: "tenants:read" } as const;
const STAFF_ACCESS = { tenant: "billing:manage", platform: "billing:manage", tenantSide: "none" } as const;

export const listTenantInvoices = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/invoices",
  tag: TAG,
  summary: "A tenant's invoices, newest period first",
  description: `Amounts are integer cents of \`currency\` (the tenant's settings currency when the invoice was written). ${READ}`,
  access: READ_ACCESS,
  rateLimit: "tenant_queries",
  query: listInvoicesQuerySchema,
  responses: { 200: { description: "A page of invoices", data: invoiceListResponseSchema } },
  errors: [400, 401, 403, 404, 429],
});

export const getTenantInvoice = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/invoices/{invoice_id}",
  tag: TAG,
  summary: "One invoice with its line items",
  description: `Lines: \`plan\` and \`add_on\` for the month after the period (charged in advance, at the subscription's kept prices), \`proration\` for plan changes during the period, \`overage\` for metered usage in the period above the tenant's limits (API calls per 1,000 over api_calls_per_day × days; storage per GB of the period's peak over storage_gb). ${READ}`,
  access: READ_ACCESS,
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The invoice", data: invoiceResponseSchema } },
  errors: [401, 403, 404, 429],
});

export const getTenantInvoicePdf = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/invoices/{invoice_id}/pdf",
  tag: TAG,
  summary: "The invoice as a PDF (attachment named after its number)",
  description: `Rendered on request with the tenant's logo (an uploaded PNG or JPEG; otherwise the company's initial) and company name, number, period, line items, totals and a status stamp. ${READ}`,
  access: READ_ACCESS,
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The PDF", media: ["application/pdf"] } },
  errors: [401, 403, 404, 429],
});

export const generateTenantInvoice = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/invoices/generate",
  tag: TAG,
  summary: "Generate (and by default issue) the tenant's invoice for a month now",
  description: `What the monthly job does on the 1st, for one tenant and any month that has started. Idempotent per tenant and period: asking again answers the same invoice with \`created: false\`. Invoicing the current month early closes it (later usage is not billed; later charges go on the next invoice). \`status: "draft"\` writes it without telling anyone; issue it with POST …/issue. ${STAFF}`,
  access: STAFF_ACCESS,
  rateLimit: "tenant_queries",
  headers: ["idempotency-key"],
  body: generateInvoiceSchema,
  responses: { 200: { description: "The invoice (created tells whether this call wrote it)", data: generateInvoiceResponseSchema } },
  errors: [400, 401, 403, 404, 429],
});

const statusRoute = <const P extends `/api/v1/tenants/{id}/invoices/{invoice_id}/${string}`>(path: P, summary: string, description: string) =>
  defineRoute({
    method: "POST",
    path,
    tag: TAG,
    summary,
    description: `${description} Asking for the status the invoice already has changes nothing (\`changed: false\`); any other status is 409 invalid_state. ${STAFF}`,
    access: STAFF_ACCESS,
    rateLimit: "tenant_queries",
    headers: ["idempotency-key"],
    responses: { 200: { description: "The invoice", data: generateInvoiceResponseSchema.omit({ created: true }).extend({ changed: generateInvoiceResponseSchema.shape.created }) } },
    errors: [401, 403, 404, 409, 429],
  });

export const issueTenantInvoice = statusRoute("/api/v1/tenants/{id}/invoices/{invoice_id}/issue", "Issue a draft invoice", "draft → issued: the owners are notified (in-app and by mail, per their preferences) and invoice.issued is sent.");
export const markTenantInvoicePaid = statusRoute("/api/v1/tenants/{id}/invoices/{invoice_id}/mark-paid", "Mark an issued invoice paid", "issued → paid, by hand: no payment processor is called (see README, Payments).");
export const voidTenantInvoice = statusRoute("/api/v1/tenants/{id}/invoices/{invoice_id}/void", "Void an invoice", "draft or issued → void: kept with its number, no longer owed. A paid invoice cannot be voided.");
