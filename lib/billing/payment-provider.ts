/**
 * The seam between Atrium's invoices and whoever collects the money. Atrium
 * calls no payment processor: the one implementation, ManualPaymentProvider,
 * leaves every issued invoice open until staff mark it paid in the console.
 * A processor (Stripe, say) would be a second class implementing this in
 * lib/billing/stripe-payment-provider.ts, chosen in paymentProvider() by
 * configuration, with its webhook route calling handleWebhook. README
 * "Payments" says what calls each method.
 */
export type PayableInvoice = { id: string; tenantId: string; number: string; totalCents: number; currency: string };
export type ChargeOutcome = { outcome: "paid" | "pending" | "failed"; reference: string | null };
export type PaymentEvent = { invoiceId: string; outcome: "paid" | "failed"; reference: string };

export interface PaymentProvider {
  readonly name: string;
  /** When a tenant first gets an invoice: the processor's customer for it (null when there is none). */
  createCustomer(tenant: { id: string; name: string; billingEmail: string | null }): Promise<{ customerRef: string | null }>;
  /** After an invoice is issued and committed: try to collect it. "pending" leaves it issued. */
  chargeInvoice(invoice: PayableInvoice): Promise<ChargeOutcome>;
  /** The processor's callback (a verified webhook request) turned into what happened to which invoice; null when it is not about one. */
  handleWebhook(req: Request): Promise<PaymentEvent | null>;
}

/** No processor: customers are not created, charges wait for a person, and there are no callbacks. */
export class ManualPaymentProvider implements PaymentProvider {
  readonly name = "manual";
  async createCustomer(): Promise<{ customerRef: string | null }> {
    return { customerRef: null };
  }
  async chargeInvoice(): Promise<ChargeOutcome> {
    return { outcome: "pending", reference: null };
  }
  async handleWebhook(): Promise<PaymentEvent | null> {
    return null;
  }
}

let provider: PaymentProvider = new ManualPaymentProvider();

export function paymentProvider(): PaymentProvider {
  return provider;
}

/** For tests that prove the seam is called (a provider that records its calls). */
export function setPaymentProviderForTests(p: PaymentProvider): () => void {
  const before = provider;
  provider = p;
  return () => {
    provider = before;
  };
}
