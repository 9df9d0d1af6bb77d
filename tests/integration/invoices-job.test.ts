import { describe, expect, it } from "vitest";
import { runMonthlyInvoicing } from "@/lib/billing/invoices/run-monthly-invoicing";
import { setPaymentProviderForTests, type PaymentProvider, type PayableInvoice } from "@/lib/billing/payment-provider";
import { ownerQuery } from "../support/db";
import { makeTenant } from "../support/fixtures";
import { isolateDatabase } from "../support/isolated-database";

// The job walks every tenant: a database of its own, so other files' tenants are not in its count.
isolateDatabase();

/** A tenant that has existed since `createdAt` (the job invoices only tenants older than the period's end). */
async function tenantSince(createdAt: string, status = "active") {
  const t = await makeTenant();
  await ownerQuery("UPDATE tenants SET created_at = $2, status = $3 WHERE id = $1", [t.id, createdAt, status]);
  return t;
}

describe("the monthly invoicing job, on a fixed clock", () => {
  it("on 1 November issues October's invoice to every active or suspended tenant that existed by then, once, and hands each to the payment provider", async () => {
    const [old, suspended, archived, newer] = [
      await tenantSince("2026-09-15T00:00:00Z"),
      await tenantSince("2026-10-03T00:00:00Z", "suspended"),
      await tenantSince("2026-09-01T00:00:00Z", "archived"),
      await tenantSince("2026-11-01T00:00:01Z"),
    ];
    const charged: PayableInvoice[] = [];
    const recording: PaymentProvider = {
      name: "recording",
      createCustomer: async () => ({ customerRef: null }),
      chargeInvoice: async (inv) => {
        charged.push(inv);
        return { outcome: inv.tenantId === old.id ? "paid" : "pending", reference: `ch_${inv.number}` };
      },
      handleWebhook: async () => null,
    };
    const restore = setPaymentProviderForTests(recording);
    try {
      const clock = new Date("2026-11-01T00:15:00Z");
      const first = await runMonthlyInvoicing(clock);
      expect(first).toMatchObject({ period: "2026-10", tenants: 2, created: 2, existing: 0, failed: [] });
      const rows = await ownerQuery<{ tenant_id: string; period_start: string; status: string; issued_at: Date }>("SELECT tenant_id, period_start::text AS period_start, status, issued_at FROM invoices ORDER BY number");
      expect(rows.map((r) => r.tenant_id).sort()).toEqual([old.id, suspended.id].sort());
      expect(rows.every((r) => r.period_start === "2026-10-01" && r.issued_at.toISOString() === clock.toISOString())).toBe(true);
      // The provider collected one at once (marked paid, audited as the system); the other waits for a person.
      expect(charged.map((c) => c.tenantId).sort()).toEqual([old.id, suspended.id].sort());
      expect(Object.fromEntries(rows.map((r) => [r.tenant_id, r.status]))).toEqual({ [old.id]: "paid", [suspended.id]: "issued" });
      expect(await ownerQuery("SELECT 1 FROM audit_events WHERE tenant_id = $1 AND action = 'invoice.paid'", [old.id])).toHaveLength(1);
      for (const t of [archived, newer]) expect(await ownerQuery("SELECT 1 FROM invoices WHERE tenant_id = $1", [t.id])).toHaveLength(0);

      // Running again (the next day, or a retried job) writes nothing new and charges nobody twice.
      const second = await runMonthlyInvoicing(new Date("2026-11-02T00:15:00Z"));
      expect(second).toMatchObject({ period: "2026-10", created: 0, existing: 2 });
      expect(charged).toHaveLength(2);
      expect(await ownerQuery("SELECT 1 FROM invoices")).toHaveLength(2);
    } finally {
      restore();
    }
  });
});
