import PDFDocument from "pdfkit";
import { formatMoney } from "./format-money";
import { formatPeriod } from "./invoice-period";

export type InvoiceDocument = {
  number: string;
  status: "draft" | "issued" | "paid" | "void";
  periodStart: Date;
  periodEnd: Date;
  issuedAt: Date | null;
  paidAt: Date | null;
  currency: string;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  lines: { description: string; quantity: number; unitCents: number; amountCents: number }[];
  company: { name: string; slug: string; primaryColor: string | null };
  /** PNG or JPEG bytes of the tenant's logo; null draws the company's initial instead. */
  logo: Buffer | null;
};

const PAGE = { width: 595.28, height: 841.89, margin: 50 }; // A4 in points
const INK = "#0f172a";
const MUTED = "#475569";
const RULE = "#cbd5e1";
const STAMP: Record<InvoiceDocument["status"], { label: string; colour: string }> = {
  draft: { label: "DRAFT", colour: "#64748b" },
  issued: { label: "ISSUED", colour: "#1d4ed8" },
  paid: { label: "PAID", colour: "#15803d" },
  void: { label: "VOID", colour: "#b91c1c" },
};

const dateText = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const quantityText = (q: number) => (Number.isInteger(q) ? String(q) : q.toFixed(3).replace(/0+$/, ""));
// The standard PDF fonts (no files to ship) encode WinAnsi only; anything outside it would print as garbage.
const winAnsi = (s: string) => s.normalize("NFC").replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, "?");

/**
 * The invoice as a one-or-more-page A4 PDF: logo (or initial) and company,
 * number and period, the line items table, totals and a status stamp. pdfkit's
 * built-in Helvetica needs no font files beyond its own metrics.
 */
export function renderInvoicePdf(inv: InvoiceDocument): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: PAGE.margin, info: { Title: `Invoice ${inv.number}`, Author: "Atrium", Subject: `${inv.company.name} ${formatPeriod(inv)}` } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const accent = inv.company.primaryColor ?? "#4f46e5";
  const left = PAGE.margin;
  const right = PAGE.width - PAGE.margin;

  drawLogo(doc, inv, left, PAGE.margin, accent);
  doc.fillColor(INK).font("Helvetica-Bold").fontSize(16).text(winAnsi(inv.company.name), left + 70, PAGE.margin + 6, { width: 260 });
  doc.fillColor(MUTED).font("Helvetica").fontSize(9).text(winAnsi(inv.company.slug), left + 70, doc.y + 2, { width: 260 });

  doc.fillColor(INK).font("Helvetica-Bold").fontSize(22).text("Invoice", 330, PAGE.margin, { width: right - 330, align: "right" });
  doc.font("Helvetica").fontSize(10).fillColor(MUTED);
  const meta: [string, string][] = [
    ["Number", inv.number],
    ["Period", formatPeriod(inv)],
    ["Issued", inv.issuedAt ? dateText(inv.issuedAt) : "Not issued"],
    ...(inv.paidAt ? ([["Paid", dateText(inv.paidAt)]] as [string, string][]) : []),
  ];
  let y = PAGE.margin + 30;
  for (const [k, v] of meta) {
    doc.fillColor(MUTED).text(k, 330, y, { width: 70 });
    doc.fillColor(INK).text(v, 400, y, { width: right - 400, align: "right" });
    y += 15;
  }
  drawStamp(doc, STAMP[inv.status], right, y + 8);

  // The table: description, quantity, unit price, amount.
  const cols = { desc: left, qty: 330, unit: 380, amount: 470 };
  y = Math.max(y + 50, PAGE.margin + 130);
  const header = () => {
    doc.font("Helvetica-Bold").fontSize(9).fillColor(MUTED);
    doc.text("Description", cols.desc, y, { width: cols.qty - cols.desc - 10 });
    doc.text("Qty", cols.qty, y, { width: 40, align: "right" });
    doc.text("Unit price", cols.unit, y, { width: 80, align: "right" });
    doc.text("Amount", cols.amount, y, { width: right - cols.amount, align: "right" });
    y += 14;
    doc.moveTo(left, y).lineTo(right, y).lineWidth(0.8).strokeColor(accent).stroke();
    y += 6;
  };
  header();
  doc.font("Helvetica").fontSize(10).fillColor(INK);
  if (inv.lines.length === 0) {
    doc.fillColor(MUTED).text("Nothing was charged in this period.", cols.desc, y);
    y += 18;
  }
  for (const line of inv.lines) {
    const description = winAnsi(line.description);
    const height = doc.heightOfString(description, { width: cols.qty - cols.desc - 10 });
    if (y + height > PAGE.height - PAGE.margin - 90) {
      doc.addPage();
      y = PAGE.margin;
      header();
      doc.font("Helvetica").fontSize(10);
    }
    doc.fillColor(INK).text(description, cols.desc, y, { width: cols.qty - cols.desc - 10 });
    doc.text(quantityText(line.quantity), cols.qty, y, { width: 40, align: "right" });
    doc.text(formatMoney(line.unitCents, inv.currency), cols.unit, y, { width: 80, align: "right" });
    doc.text(formatMoney(line.amountCents, inv.currency), cols.amount, y, { width: right - cols.amount, align: "right" });
    y += Math.max(height, 12) + 8;
    doc.moveTo(left, y - 4).lineTo(right, y - 4).lineWidth(0.4).strokeColor(RULE).stroke();
  }

  y += 8;
  const totals: [string, string, boolean][] = [
    ["Subtotal", formatMoney(inv.subtotalCents, inv.currency), false],
    ["Tax", formatMoney(inv.taxCents, inv.currency), false],
    [`Total (${inv.currency})`, formatMoney(inv.totalCents, inv.currency), true],
  ];
  for (const [k, v, bold] of totals) {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(bold ? 12 : 10).fillColor(bold ? INK : MUTED);
    doc.text(k, cols.unit - 60, y, { width: 140 });
    doc.fillColor(INK).text(v, cols.amount - 20, y, { width: right - cols.amount + 20, align: "right" });
    y += bold ? 20 : 15;
  }

  doc.font("Helvetica").fontSize(8).fillColor(MUTED).text("Amounts in " + inv.currency + ". Questions about this invoice: reply to the email it came with or contact your Atrium account team.", left, PAGE.height - PAGE.margin - 20, {
    width: right - left,
    lineBreak: true,
  });
  doc.end();
  return done;
}

function drawLogo(doc: PDFKit.PDFDocument, inv: InvoiceDocument, x: number, y: number, accent: string) {
  if (inv.logo) {
    try {
      doc.image(inv.logo, x, y, { fit: [56, 56], align: "center", valign: "center" });
      return;
    } catch {
      // An image pdfkit cannot decode (a PNG with an unusual colour type) falls back to the initial.
    }
  }
  const initial = winAnsi(inv.company.name.trim().charAt(0).toUpperCase() || "?");
  doc.roundedRect(x, y, 56, 56, 10).fill(accent);
  doc.fillColor("#ffffff").font("Helvetica-Bold").fontSize(28).text(initial, x, y + 14, { width: 56, align: "center" });
}

function drawStamp(doc: PDFKit.PDFDocument, stamp: { label: string; colour: string }, right: number, y: number) {
  doc.font("Helvetica-Bold").fontSize(14);
  const width = doc.widthOfString(stamp.label) + 20;
  doc.save();
  doc.roundedRect(right - width, y, width, 26, 4).lineWidth(2).strokeColor(stamp.colour).stroke();
  doc.fillColor(stamp.colour).text(stamp.label, right - width, y + 7, { width, align: "center" });
  doc.restore();
}
