"use client";

import { AddOnsForm } from "@/components/billing/add-ons-form";
import { CurrentPlanCard } from "@/components/billing/current-plan-card";
import { InvoiceList } from "@/components/billing/invoice-list";
import { PlanComparison } from "@/components/billing/plan-comparison";
import { TrialControls } from "@/components/billing/trial-controls";
import { UsageQuotasCard } from "@/components/billing/usage-quotas-card";
import { Toast, useToast } from "@/components/ui/toast";
import { useBilling } from "@/components/billing/use-billing";
import type { BillingPanelData } from "@/lib/billing/load-billing-panel";

/**
 * The Billing page of the portal and the Billing tab of the console: one
 * panel, so members and staff see the same figures. Staff also get the trial
 * controls. `canChange`: the portal member holds billing:manage, or staff hold
 * the platform's billing:manage.
 */
export function BillingPanel({ tenantId, scope, initial, canChange, onNotice: notify }: { tenantId: string; scope: "portal" | "console"; initial: BillingPanelData; canChange: boolean; onNotice?: (m: string) => void }) {
  const { billing, quotas, plans } = useBilling(tenantId, initial);
  // The console's tab has the page's toast; the portal page has none, so the panel shows its own.
  const [toast, setToast] = useToast();
  const onNotice = notify ?? setToast;
  const subscription = billing.subscription;
  return (
    <div className="space-y-6">
      <CurrentPlanCard billing={billing} />
      <PlanComparison tenantId={tenantId} plans={plans} subscription={subscription} canChange={canChange} onNotice={onNotice} />
      <div className="grid gap-6 lg:grid-cols-2">
        <AddOnsForm key={subscription.updated_at} tenantId={tenantId} subscription={subscription} canChange={canChange} onNotice={onNotice} />
        <UsageQuotasCard quotas={quotas} />
      </div>
      {scope === "console" && canChange ? <TrialControls key={`trial-${subscription.updated_at}`} tenantId={tenantId} plans={plans} subscription={subscription} onNotice={onNotice} /> : null}
      {/* Invoices (part D of issue 14): the tenant's invoices with their PDFs. */}
      <InvoiceList tenantId={tenantId} scope={scope} />
      {notify ? null : <Toast message={toast} />}
    </div>
  );
}
