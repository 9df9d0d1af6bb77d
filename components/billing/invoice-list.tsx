"use client";

/** The tenant's invoices on the portal Billing page and the console Billing tab (filled in by part D of issue 14). */
export function InvoiceList({ tenantId, scope }: { tenantId: string; scope: "portal" | "console" }) {
  return (
    <section aria-labelledby={`invoices-${scope}-${tenantId}`}>
      <h2 id={`invoices-${scope}-${tenantId}`} className="text-base font-semibold">
        Invoices
      </h2>
    </section>
  );
}
