/** "$1,234.50" from integer cents: amounts are stored in the currency's minor unit (two decimals). */
export function formatMoney(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
  } catch {
    // A code Intl does not know still reads plainly.
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}
