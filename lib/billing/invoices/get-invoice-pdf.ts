import { authorizeBilling } from "@/lib/billing/subscriptions/authorize-billing";
import { brandingView, storedBranding } from "@/lib/branding/branding-document";
import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { ASSET_PATH } from "@/lib/schemas/branding";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { readInvoice } from "./read-invoices";
import { renderInvoicePdf, type InvoiceDocument } from "./render-invoice-pdf";

// pdfkit embeds PNG and JPEG; an SVG or WebP logo falls back to the initial.
const EMBEDDABLE = new Set(["image/png", "image/jpeg"]);

/** The tenant's uploaded logo, when it is one pdfkit can draw (an external https logo is never fetched). */
async function logoBytes(tx: Tx, tenantId: string, logoUrl: string | null): Promise<Buffer | null> {
  const assetId = logoUrl ? ASSET_PATH.exec(logoUrl)?.[2] : undefined;
  if (!assetId || ASSET_PATH.exec(logoUrl!)?.[1] !== tenantId) return null;
  const asset = await tx.tenantAsset.findUnique({ where: { tenantId_id: { tenantId, id: assetId } }, select: { bytes: true, contentType: true } });
  return asset && EMBEDDABLE.has(asset.contentType) ? Buffer.from(asset.bytes) : null;
}

/** Everything the PDF shows, read in one transaction of the tenant's scope. */
export async function loadInvoiceDocument(tx: Tx, tenantId: string, invoiceId: string): Promise<InvoiceDocument> {
  const invoice = await readInvoice(tx, tenantId, invoiceId);
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, slug: true, branding: true } });
  const branding = brandingView(tenant, storedBranding(tenant));
  return {
    number: invoice.number,
    status: invoice.status as InvoiceDocument["status"],
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    issuedAt: invoice.issuedAt,
    paidAt: invoice.paidAt,
    currency: invoice.currency,
    subtotalCents: invoice.subtotalCents,
    taxCents: invoice.taxCents,
    totalCents: invoice.totalCents,
    lines: invoice.lines.map((l) => ({ description: l.description, quantity: Number(l.quantity), unitCents: l.unitCents, amountCents: l.amountCents })),
    company: { name: branding.company_name, slug: tenant.slug, primaryColor: branding.primary_color },
    logo: await logoBytes(tx, tenantId, branding.logo_url),
  };
}

/** GET …/invoices/{invoice_id}/pdf (API and portal): the file and the name it is saved under. Rendered after the transaction ends. */
export async function getInvoicePdf(actor: TenantActor, tenantId: string, invoiceId: string): Promise<{ filename: string; pdf: Buffer }> {
  const document = await withTenantScope(tenantId, async (tx) => {
    await authorizeBilling(actor, tenantId, "read", tx);
    return loadInvoiceDocument(tx, tenantId, invoiceId);
  });
  return { filename: `${document.number}.pdf`, pdf: await renderInvoicePdf(document) };
}

/** The HTTP answer for a PDF: an attachment named after the invoice number, never cached by shared caches. */
export function invoicePdfResponse({ filename, pdf }: { filename: string; pdf: Buffer }): Response {
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      // Numbers are [A-Z0-9-] only, so the plain filename parameter is safe.
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
