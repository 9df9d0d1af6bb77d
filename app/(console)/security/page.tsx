import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/console/page-header";
import { parseSecurityAlertFilters } from "@/components/security/security-alert-filters";
import { SecurityAlertsTable } from "@/components/security/security-alerts-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/authorize";
import { SECURITY_ALERTS_PAGE_SIZE } from "@/lib/schemas/security-alerts";
import { listSecurityAlerts } from "@/lib/security-alerts/list-security-alerts";
import { listTenants } from "@/lib/tenants/list-tenants";
import { requireConsoleCaller } from "../_lib/require-console-caller";

export const metadata: Metadata = { title: "Security" };

const DESCRIPTION = "Security alerts across every tenant and the platform: sign-ins from a new device or network, repeated failures, 2FA turned off, new API keys, policy changes and support access. Each is also in the audit log and was mailed to the account or the tenant's owners.";

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requireConsoleCaller();
  if (!can(caller, "security:read")) {
    return (
      <div>
        <PageHeader title="Security" description={DESCRIPTION} />
        <Card>
          <EmptyState title="You don't have access to security alerts" description="Reading them needs the security:read permission. (403)" />
        </Card>
      </div>
    );
  }
  const sp = await searchParams;
  const filters = parseSecurityAlertFilters((k) => {
    const v = sp[k];
    return Array.isArray(v) ? v[0] : v;
  });
  const [page, tenants] = await Promise.all([
    listSecurityAlerts(caller, { ...filters, limit: SECURITY_ALERTS_PAGE_SIZE }),
    can(caller, "tenants:read") ? listTenants(caller, { page: 1, page_size: 100, sort: "name", order: "asc" }) : null,
  ]);
  return (
    <div>
      <PageHeader title="Security" description={DESCRIPTION} />
      <Suspense>
        <SecurityAlertsTable initial={{ filters, page }} tenants={tenants ? { options: tenants.tenants.map((t) => ({ id: t.id, name: t.name })), total: tenants.pagination.total_count } : { options: [], total: 0 }} />
      </Suspense>
    </div>
  );
}
