import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addPendingCharge } from "@/lib/billing/invoices/add-pending-charge";
import { changeInvoiceStatus } from "@/lib/billing/invoices/change-invoice-status";
import { generateInvoice } from "@/lib/billing/invoices/generate-invoice";
import { getInvoicePdf } from "@/lib/billing/invoices/get-invoice-pdf";
import { monthPeriod } from "@/lib/billing/invoices/invoice-period";
import { getInvoice, listInvoices } from "@/lib/billing/invoices/read-invoices";
import { systemCaller } from "@/lib/auth/caller";
import { uploadBrandingAsset } from "@/lib/branding/upload-branding-asset";
import { updateBranding } from "@/lib/branding/update-branding";
import { withTenantScope } from "@/lib/db/scope";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import * as generateRoute from "@/app/api/v1/tenants/[id]/invoices/generate/route";
import * as pdfRoute from "@/app/api/v1/tenants/[id]/invoices/[invoice_id]/pdf/route";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, staffCaller } from "../support/fixtures";
import { pngBytes } from "../support/branding-images";
import { addMember, codeOf, memberActor, ownerOf } from "../support/tenant-members";

const GB = 1024 ** 3;
const NOV = monthPeriod("2026-11")!;
const admin = platformActor(staffCaller("admin"));
const operator = platformActor(staffCaller("operator"));
const system = systemCaller("test");

/** The text pdftotext finds in a PDF (poppler-utils; .ci/run installs it). */
function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "invoice-")), "invoice.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

/** Day rows of the daily rollup, as the usage ingest writes them (lib/usage). */
async function usageDay(tenantId: string, meter: string, day: string, sum: number, max = sum) {
  await ownerQuery("INSERT INTO tenant_usage_daily (tenant_id, meter, dimension, day, sum, count, min, max) VALUES ($1, $2, '', $3, $4, 1, $5, $5)", [tenantId, meter, day, sum, max]);
}

/**
 * A professional tenant billed in EUR with known limits (1,000 API calls a day,
 * 1 GB), two extra seats and one extra GB bought, a credit and a charge from a
 * plan change in November, one charge in December, and November's usage: 40,000
 * API calls (10,000 over 30 × 1,000) and a 3 GB storage peak (2 GB over).
 */
async function billedTenant() {
  const tenant = await makeTenant({ plan: "professional" });
  await ownerQuery(
    `UPDATE tenants SET settings = settings || '{"currency":"EUR"}', limits = limits || '{"api_calls_per_day":1000,"storage_gb":1}' WHERE id = $1`,
    [tenant.id],
  );
  await ownerQuery(`UPDATE tenant_subscriptions SET add_ons = '{"extra_seats":2,"extra_storage_gb":1}', status = 'active', trial_ends_at = NULL WHERE tenant_id = $1`, [tenant.id]);
  const charges = await withTenantScope(tenant.id, async (tx) => [
    await addPendingCharge(tx, { tenantId: tenant.id, kind: "proration", description: "Unused Basic (10 of 30 days)", amountCents: -1000, currency: "eur" }),
    await addPendingCharge(tx, { tenantId: tenant.id, kind: "proration", description: "Professional for the rest of the period (10 of 30 days)", amountCents: 3000, currency: "EUR" }),
    await addPendingCharge(tx, { tenantId: tenant.id, kind: "proration", description: "December change", amountCents: 777, currency: "EUR" }),
  ]);
  // The credit and the charge of one change, a moment apart (an invoice lists charges in the order they were made).
  await ownerQuery("UPDATE billing_pending_charges SET created_at = $2 WHERE id = $1", [charges[0].id, "2026-11-21T10:00:00Z"]);
  await ownerQuery("UPDATE billing_pending_charges SET created_at = $2 WHERE id = $1", [charges[1].id, "2026-11-21T10:00:00.001Z"]);
  await ownerQuery("UPDATE billing_pending_charges SET created_at = $2 WHERE id = $1", [charges[2].id, "2026-12-02T10:00:00Z"]);
  await usageDay(tenant.id, "api_calls", "2026-11-02", 25_000);
  await usageDay(tenant.id, "api_calls", "2026-11-30", 15_000);
  await usageDay(tenant.id, "api_calls", "2026-12-01", 99_999); // outside the period
  await usageDay(tenant.id, "storage_bytes", "2026-11-10", 2 * GB, 3 * GB);
  await usageDay(tenant.id, "storage_bytes", "2026-11-11", 1 * GB, 1.5 * GB);
  return { tenant, decemberCharge: charges[2].id };
}

// Plan 9,900 + seats 2 × 200 + storage 1 × 20 + proration (−1,000 + 3,000) + API 10 × 8 + storage 2 × 20 (professional v1's prices).
const EXPECTED_TOTAL = 9900 + 400 + 20 - 1000 + 3000 + 80 + 40;

describe("generateInvoice", () => {
  let billed: Awaited<ReturnType<typeof billedTenant>>;
  let invoiceId: string;
  beforeAll(async () => {
    billed = await billedTenant();
    invoiceId = (await generateInvoice(system, billed.tenant.id, NOV, { now: new Date("2026-12-01T00:15:00Z") })).invoiceId;
  });

  it("totals the plan, add-ons, the period's proration and metered overage in integer cents, in the tenant's currency", async () => {
    const { invoice } = await getInvoice(admin, billed.tenant.id, invoiceId);
    expect(invoice).toMatchObject({ status: "issued", currency: "EUR", period_start: "2026-11-01", period_end: "2026-12-01", subtotal_cents: EXPECTED_TOTAL, tax_cents: 0, total_cents: EXPECTED_TOTAL });
    expect(invoice.number).toMatch(/^ATR-2026-\d{6}$/);
    expect(invoice.line_items.map((l) => [l.kind, l.quantity, l.unit_cents, l.amount_cents])).toEqual([
      ["plan", 1, 9900, 9900],
      ["add_on", 2, 200, 400],
      ["add_on", 1, 20, 20],
      ["proration", 1, -1000, -1000],
      ["proration", 1, 3000, 3000],
      ["overage", 10, 8, 80],
      ["overage", 2, 20, 40],
    ]);
    expect(invoice.line_items[0].description).toBe("Professional plan (1 Dec 2026 – 31 Dec 2026)");
    expect(invoice.line_items[5].description).toContain("30,000");
    // The December charge stays open for December's invoice; November's two are claimed.
    const open = await ownerQuery<{ id: string; invoice_id: string | null }>("SELECT id, invoice_id FROM billing_pending_charges WHERE tenant_id = $1 ORDER BY created_at", [billed.tenant.id]);
    expect(open.map((c) => c.invoice_id)).toEqual([invoiceId, invoiceId, null]);
  });

  it("is idempotent per tenant and period: again, and 10 at once, give the same invoice, one number, one audit row", async () => {
    const again = await generateInvoice(system, billed.tenant.id, NOV);
    expect(again).toMatchObject({ invoiceId, created: false });
    const parallel = await Promise.all(Array.from({ length: 10 }, () => generateInvoice(system, billed.tenant.id, NOV)));
    expect(new Set(parallel.map((r) => r.invoiceId))).toEqual(new Set([invoiceId]));
    expect(parallel.every((r) => !r.created)).toBe(true);
    const [{ n }] = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM invoices WHERE tenant_id = $1", [billed.tenant.id]);
    expect(n).toBe(1);
    const audits = await ownerQuery("SELECT 1 FROM audit_events WHERE tenant_id = $1 AND action = 'invoice.issued'", [billed.tenant.id]);
    expect(audits).toHaveLength(1);
  });

  it("tells the owners (in-app, severity billing, and by mail through the outbox) and sends invoice.issued to webhooks", async () => {
    const ownerId = await ownerOf(billed.tenant.id);
    const { invoice } = await getInvoice(admin, billed.tenant.id, invoiceId);
    const inbox = await ownerQuery<{ title: string; severity: string; link: string }>(
      "SELECT n.title, n.severity, n.link FROM notification_recipients r JOIN notifications n ON n.id = r.notification_id WHERE r.tenant_id = $1 AND r.user_id = $2",
      [billed.tenant.id, ownerId],
    );
    expect(inbox).toEqual([{ title: `Invoice ${invoice.number} issued: €124.40`, severity: "billing", link: "/billing" }]);
    const mail = await ownerQuery<{ subject: string }>("SELECT subject FROM mail_outbox WHERE tenant_id = $1 AND subject LIKE $2", [billed.tenant.id, `%${invoice.number}%`]);
    expect(mail).toHaveLength(1);
  });

  it("lists newest first for staff with tenants:read; members need billing:manage (owners, admins), others are refused", async () => {
    const list = await listInvoices(operator, billed.tenant.id, {});
    expect(list.invoices.map((i) => i.id)).toEqual([invoiceId]);
    expect(list.pagination).toMatchObject({ total_count: 1, page: 1 });
    const owner = memberActor(billed.tenant.id, await ownerOf(billed.tenant.id));
    expect((await listInvoices(owner, billed.tenant.id, {})).invoices).toHaveLength(1);
    const viewer = await addMember(billed.tenant.id, "viewer");
    expect(await codeOf(listInvoices(memberActor(billed.tenant.id, viewer.id), billed.tenant.id, {}))).toBe("admin_privileges_required");
    expect(await codeOf(listInvoices(operator, billed.tenant.id, { status: "unpaid" }))).toBe("invalid_request");
  });

  it("is invisible to another tenant: RLS hides its rows, and its id under another tenant's path is not found", async () => {
    const other = await makeTenant();
    const seen = await withTenantScope(other.id, async (tx) => ({
      invoices: await tx.invoice.count(),
      lines: await tx.invoiceLineItem.count(),
      charges: await tx.billingPendingCharge.count(),
    }));
    expect(seen).toEqual({ invoices: 0, lines: 0, charges: 0 });
    expect(await codeOf(getInvoice(admin, other.id, invoiceId))).toBe("not_found");
    expect(await codeOf(getInvoicePdf(admin, other.id, invoiceId))).toBe("not_found");
    const otherOwner = memberActor(other.id, await ownerOf(other.id));
    expect(await codeOf(getInvoice(otherOwner, billed.tenant.id, invoiceId))).not.toBe("ok");
  });
});

describe("the invoice PDF", () => {
  it("is a PDF whose text holds the number, the company, the lines and the total; the uploaded PNG logo is embedded", async () => {
    const { tenant } = await billedTenant();
    const asset = await uploadBrandingAsset(admin, tenant.id, "logo", pngBytes(64, 64, 90));
    await updateBranding(admin, tenant.id, { company_name: "Globex Billing", logo_url: asset.asset.url });
    const { invoiceId } = await generateInvoice(system, tenant.id, NOV);
    const { invoice } = await getInvoice(admin, tenant.id, invoiceId);
    const { filename, pdf } = await getInvoicePdf(admin, tenant.id, invoiceId);
    expect(filename).toBe(`${invoice.number}.pdf`);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    for (const s of [invoice.number, "Globex Billing", "Professional plan", "€124.40", "ISSUED", "1 Nov 2026 – 30 Nov 2026"]) expect(text).toContain(s);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "invoice-")), "logo.pdf");
    writeFileSync(file, pdf);
    expect(execFileSync("pdfimages", ["-list", file], { encoding: "utf8" })).toMatch(/\s64\s+64\s/);
  });

  it("is served as an attachment named after the number, to staff with tenants:read, and not to keys without billing:manage", async () => {
    const { tenant } = await billedTenant();
    const { invoiceId } = await generateInvoice(system, tenant.id, NOV);
    const { invoice } = await getInvoice(admin, tenant.id, invoiceId);
    const key = await makeApiKey(["tenants:read"]);
    const r = await fetchPdf(pdfRoute.GET, tenant.id, invoiceId, key);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/pdf");
    expect(r.headers.get("content-disposition")).toBe(`attachment; filename="${invoice.number}.pdf"`);
    expect(pdfText(r.body)).toContain(invoice.number);
    const none = await makeApiKey(["audit:read"]);
    expect((await fetchPdf(pdfRoute.GET, tenant.id, invoiceId, none)).status).toBe(403);
  });
});

async function fetchPdf(handler: typeof pdfRoute.GET, tenantId: string, invoiceId: string, key: string) {
  const req = new Request(`http://localhost:3000/api/v1/tenants/${tenantId}/invoices/${invoiceId}/pdf`, { headers: { host: "localhost:3000", authorization: `Bearer ${key}` } });
  const res = await handler(req, { params: Promise.resolve({ id: tenantId, invoice_id: invoiceId }) });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

describe("issue, mark paid and void", () => {
  it("needs the platform's billing:manage: operators and the tenant's own owner are refused, admins may; each change audited once", async () => {
    const { tenant } = await billedTenant();
    const { invoiceId } = await generateInvoice(system, tenant.id, NOV);
    expect(await codeOf(changeInvoiceStatus(operator, tenant.id, invoiceId, "mark_paid"))).toBe("admin_privileges_required");
    const owner = memberActor(tenant.id, await ownerOf(tenant.id));
    expect(await codeOf(changeInvoiceStatus(owner, tenant.id, invoiceId, "mark_paid"))).toBe("admin_privileges_required");
    const results = await Promise.all(Array.from({ length: 10 }, () => changeInvoiceStatus(admin, tenant.id, invoiceId, "mark_paid")));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(results.every((r) => r.invoice.status === "paid" && r.invoice.paid_at)).toBe(true);
    const audits = await ownerQuery<{ before: unknown; after: { status: string } }>("SELECT before, after FROM audit_events WHERE target_id = $1 AND action = 'invoice.paid'", [invoiceId]);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ before: { status: "issued" }, after: { status: "paid" } });
    expect(await codeOf(changeInvoiceStatus(admin, tenant.id, invoiceId, "void"))).toBe("invalid_state");
  });

  it("a draft is announced only when issued, and a voided invoice cannot be paid", async () => {
    const { tenant } = await billedTenant();
    const { invoiceId } = await generateInvoice(system, tenant.id, NOV, { status: "draft" });
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE target_id = $1", [invoiceId])).toHaveLength(0);
    expect((await changeInvoiceStatus(admin, tenant.id, invoiceId, "issue")).invoice.status).toBe("issued");
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE target_id = $1 AND action = 'invoice.issued'", [invoiceId])).toHaveLength(1);
    expect((await changeInvoiceStatus(admin, tenant.id, invoiceId, "void")).invoice).toMatchObject({ status: "void" });
    expect(await codeOf(changeInvoiceStatus(admin, tenant.id, invoiceId, "mark_paid"))).toBe("invalid_state");
  });
});

describe("POST /tenants/{id}/invoices/generate", () => {
  it("answers bad input with a 400 naming period and writes nothing; 20 parallel requests give one invoice and no 500", async () => {
    const { tenant } = await billedTenant();
    const key = await makeApiKey();
    for (const body of [{}, { period: "2026-13" }, { period: "November" }, { period: "2026-11", status: "paid" }, { period: "2999-01" }]) {
      const r = await callRoute(generateRoute.POST, { method: "POST", path: `/api/v1/tenants/${tenant.id}/invoices/generate`, params: { id: tenant.id }, key, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(r.json.error), JSON.stringify(body)).toMatch(/period|status/);
    }
    expect(await ownerQuery("SELECT 1 FROM invoices WHERE tenant_id = $1", [tenant.id])).toHaveLength(0);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => callRoute(generateRoute.POST, { method: "POST", path: `/api/v1/tenants/${tenant.id}/invoices/generate`, params: { id: tenant.id }, key, body: { period: "2026-11" } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.json.data.created)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.json.data.invoice.id)).size).toBe(1);
    const readOnly = await makeApiKey(["tenants:read", "tenants:update"]);
    const refused = await callRoute(generateRoute.POST, { method: "POST", path: `/api/v1/tenants/${tenant.id}/invoices/generate`, params: { id: tenant.id }, key: readOnly, body: { period: "2026-10" } });
    expect(refused.status).toBe(403);
  });
});
