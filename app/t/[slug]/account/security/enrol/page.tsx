import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EnrolPageBody } from "@/components/account/enrol-page-body";
import { currentAccount } from "@/lib/auth/second-factor/current-account";
import { ENROL_PATH } from "@/lib/auth/second-factor/enrolment-required";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up two-factor authentication" };

/** A portal's enrolment page: reachable by a member session that owes a second factor (the portal layout shows it signed out). */
export default async function PortalEnrolPage({ params }: { params: Promise<{ slug: string }> }) {
  const tenant = await portalTenant((await params).slug);
  if (tenant.status !== "active") redirect("/");
  const account = await currentAccount();
  if (!account || account.tenantId !== tenant.id) redirect(`/login?callbackUrl=${encodeURIComponent(ENROL_PATH)}`);
  return (
    <div className="py-4">
      <EnrolPageBody account={account} homeHref="/" />
    </div>
  );
}
