import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { can } from "@/lib/auth/authorize";
import { listPlans } from "@/lib/billing/plans/list-plans";
import { requireConsoleCaller } from "../_lib/require-console-caller";
import { PlansTable } from "./_components/plans-table";

export const metadata: Metadata = { title: "Plans" };

/** The plan catalogue: staff who read tenants see it; platform admins (billing:manage) edit it, each save a new version. */
export default async function PlansPage() {
  const caller = await requireConsoleCaller();
  const plans = await listPlans(caller);
  return (
    <>
      <PageHeader
        title="Plans"
        description="Prices, limits, features, overage and trials of each plan. Saving makes a new version: new assignments take it, existing subscriptions keep their price until you move them."
      />
      <PlansTable initial={plans} canEdit={can(caller, "billing:manage")} />
    </>
  );
}
