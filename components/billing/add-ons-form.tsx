"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { formatCents } from "@/components/billing/money";
import type { SubscriptionView } from "@/lib/schemas/billing";
import { postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";

/** Extra seats and storage on top of the plan, priced at the subscription's plan version; the users and storage limits follow. */
export function AddOnsForm({ tenantId, subscription, canChange, onNotice }: { tenantId: string; subscription: SubscriptionView; canChange: boolean; onNotice: (m: string) => void }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [seats, setSeats] = useState(String(subscription.add_ons.extra_seats));
  const [storage, setStorage] = useState(String(subscription.add_ons.extra_storage_gb));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const prices = subscription.add_on_prices;
  const asInt = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : NaN);
  const monthly = (asInt(seats) || 0) * prices.seat_cents + (asInt(storage) || 0) * prices.storage_gb_cents;

  async function save(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    setFailure(null);
    const r = await postApi<{ subscription: SubscriptionView }>(`/api/v1/tenants/${tenantId}/subscription/add-ons`, { extra_seats: asInt(seats), extra_storage_gb: asInt(storage) }, { method: "PUT" });
    setPending(false);
    if (!r.ok) {
      setErrors(r.fieldErrors);
      if (!Object.keys(r.fieldErrors).length || r.code === "usage_exceeds_plan_limits") setFailure(r.message);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: queryKeys.billing.tenant(tenantId) });
    router.refresh();
    onNotice("Add-ons saved.");
  }

  return (
    <Card>
      <form onSubmit={save} noValidate aria-labelledby="add-ons-heading">
        <CardHeader id="add-ons-heading" title="Add-ons" description="More seats or storage than the plan includes, billed monthly." />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field id="extra-seats" label="Extra seats" hint={`${formatCents(prices.seat_cents, subscription.currency)} per seat a month`} error={errors.extra_seats}>
            {(a) => <Input {...a} inputMode="numeric" value={seats} onChange={(e) => setSeats(e.target.value)} disabled={!canChange} />}
          </Field>
          <Field id="extra-storage" label="Extra storage (GB)" hint={`${formatCents(prices.storage_gb_cents, subscription.currency)} per GB a month`} error={errors.extra_storage_gb}>
            {(a) => <Input {...a} inputMode="numeric" value={storage} onChange={(e) => setStorage(e.target.value)} disabled={!canChange} />}
          </Field>
          {failure ? (
            <Alert tone="danger" className="sm:col-span-2">
              {failure}
            </Alert>
          ) : null}
        </CardBody>
        <CardFooter className="justify-between">
          <p className="text-[13px] tabular-nums text-slate-700">{formatCents(monthly, subscription.currency)} a month</p>
          {canChange ? (
            <Button type="submit" loading={pending}>
              Save add-ons
            </Button>
          ) : null}
        </CardFooter>
      </form>
    </Card>
  );
}
