import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDate } from "@/components/console/format";
import { formatCents } from "@/components/billing/money";
import type { BillingOverview } from "@/lib/billing/subscriptions/get-billing";

const STATUS = { trialing: { tone: "sky", label: "Trial" }, active: { tone: "green", label: "Active" }, canceled: { tone: "red", label: "Canceled" } } as const;

/** The plan the tenant is on, its price (kept from its plan version), the period and what the next invoice carries so far. */
export function CurrentPlanCard({ billing }: { billing: BillingOverview }) {
  const s = billing.subscription;
  const e = billing.next_invoice_estimate;
  const status = STATUS[s.status];
  return (
    <Card>
      <CardHeader id="current-plan-heading" title="Current plan" actions={<Badge tone={status.tone}>{status.label}</Badge>} />
      <CardBody className="grid gap-6 sm:grid-cols-2">
        <div>
          <p className="text-lg font-semibold text-slate-900" data-testid="current-plan">
            {s.plan_name}
          </p>
          <p className="text-sm tabular-nums text-slate-700">{formatCents(s.price_monthly_cents, s.currency)} a month</p>
          {s.plan_version < s.current_plan_version ? <p className="mt-1 text-xs text-slate-600">Kept at the price of version {s.plan_version} (the plan is now at version {s.current_plan_version}).</p> : null}
          {s.status === "trialing" && s.trial_ends_at ? (
            <p className="mt-2 text-[13px] text-slate-700">
              Trial until {formatDate(s.trial_ends_at)}; then {s.trial_end_action === "convert" ? "continues on this plan, paid" : s.trial_end_action === "downgrade" ? "moves to Basic" : "the portal is suspended"}.
            </p>
          ) : null}
          <p className="mt-2 text-xs text-slate-600">
            Billing period {formatDate(s.current_period_start)} – {formatDate(new Date(new Date(s.current_period_end).getTime() - 1).toISOString())}. Payment: invoices, settled by hand ({billing.payment_provider.status}).
          </p>
        </div>
        <div>
          <h3 className="text-[13px] font-medium text-slate-700">Next invoice so far</h3>
          <dl className="mt-2 space-y-1 text-[13px]">
            <Row label={s.status === "trialing" ? "Plan (free during the trial)" : "Plan"} value={formatCents(e.plan_cents, e.currency)} />
            <Row label="Add-ons" value={formatCents(e.add_ons_cents, e.currency)} />
            <Row label="Prorations and other charges" value={formatCents(e.pending_charges_cents, e.currency)} />
            <div className="flex justify-between gap-2 border-t border-slate-200 pt-1 font-medium text-slate-900">
              <dt>Total before usage</dt>
              <dd className="tabular-nums">{formatCents(e.total_cents, e.currency)}</dd>
            </div>
          </dl>
        </div>
      </CardBody>
    </Card>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex justify-between gap-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className="tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}
