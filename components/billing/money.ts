/** Integer cents as money in the tenant's currency: "$99.00", "−$14.97" (a credit). */
export function formatCents(cents: number, currency: string): string {
  const f = new Intl.NumberFormat("en-US", { style: "currency", currency, currencyDisplay: "narrowSymbol" });
  return cents < 0 ? `−${f.format(-cents / 100)}` : f.format(cents / 100);
}
