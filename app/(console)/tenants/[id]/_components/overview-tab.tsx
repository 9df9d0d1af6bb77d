import type { ReactNode } from "react";
import { formatDate, formatDateTime } from "@/components/console/format";
import { PlanBadge, TenantStatusBadge } from "@/components/console/tenant-badges";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { TenantHealthCard } from "@/components/analytics/tenant-health-card";
import { UsageBar } from "@/components/ui/usage-bar";
import type { AuditEventItem } from "@/lib/schemas/audit";
import type { UsageDay } from "@/lib/tenants/get-usage-history";
import { ActivityCard } from "./activity-card";
import type { TenantDetail } from "./types";
import { UsageChartCard } from "./usage-chart-card";

export function OverviewTab({ tenant, history, events, now, canReadAudit }: { tenant: TenantDetail; history: UsageDay[]; events: AuditEventItem[]; now: number; canReadAudit: boolean }) {
  const t = tenant.tenant;
  const u = tenant.usage;
  const trialDays = t.trial_ends_at ? Math.ceil((new Date(t.trial_ends_at).getTime() - now) / 86_400_000) : null;
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <UsageCard title="Users" hint="Active members">
          <UsageBar label="Users" current={u.users.current} limit={u.users.limit} />
        </UsageCard>
        <UsageCard title="Storage" hint="Latest daily measurement">
          <UsageBar label="Storage" current={u.storage.current_gb} limit={u.storage.limit_gb} unit="GB" />
        </UsageCard>
        <UsageCard title="API calls" hint="Today, against the daily limit">
          <UsageBar label="API calls today" current={u.api_calls.current_daily} limit={u.api_calls.limit_daily} />
        </UsageCard>
        <UsageCard title="Database connections" hint="Peak of the latest day">
          <UsageBar label="Database connections" current={u.database_connections.current} limit={u.database_connections.limit} />
        </UsageCard>
      </div>

      <TenantHealthCard tenantId={t.id} />

      <UsageChartCard history={history} limits={tenant.limits} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader title="Details" />
          <CardBody className="py-1">
            <dl className="divide-y divide-slate-100 text-[13px]">
              <Row label="Status">
                <TenantStatusBadge status={t.status} />
              </Row>
              <Row label="Plan">
                <PlanBadge plan={t.plan} />
              </Row>
              <Row label="Portal">
                <a href={t.portal_url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-mono break-all text-indigo-600 hover:underline">
                  {t.portal_url.replace(/^https?:\/\//, "")}
                  <svg viewBox="0 0 16 16" className="size-3 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
                    <path d="M6 3.5H3.5v9h9V10M9 3.5h3.5V7M12.5 3.5 7 9" strokeLinecap="round" strokeLinejoin="round" />
                  </svg>
                  <span className="sr-only">(opens in a new tab)</span>
                </a>
              </Row>
              <Row label="Custom domain">{t.domain ? <span className="font-mono">{t.domain}</span> : <span className="text-slate-500">None</span>}</Row>
              <Row label="Trial">
                {t.is_trial && t.trial_ends_at ? (
                  <span>
                    Ends {formatDate(t.trial_ends_at)}
                    <span className="text-slate-500"> · {trialDays !== null && trialDays > 0 ? `${trialDays} days left` : "ended"}</span>
                  </span>
                ) : (
                  <span className="text-slate-500">Not on a trial</span>
                )}
              </Row>
              <Row label="Schema">
                <span className="font-mono">{t.schema_name}</span>
              </Row>
              <Row label="Tenant ID">
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-mono break-all">{t.id}</span>
                  <CopyButton value={t.id} label="Copy" />
                </span>
              </Row>
              <Row label="Created">{formatDateTime(t.created_at)}</Row>
              <Row label="Last updated">{formatDateTime(t.updated_at)}</Row>
              {t.suspended_at ? <Row label="Suspended">{formatDateTime(t.suspended_at)}</Row> : null}
              {t.archived_at ? <Row label="Archived">{formatDateTime(t.archived_at)}</Row> : null}
            </dl>
          </CardBody>
        </Card>
        {canReadAudit ? (
          <ActivityCard events={events} now={now} />
        ) : (
          <Card>
            <CardHeader title="Recent activity" />
            <CardBody className="text-[13px] text-slate-500">Your role cannot read the audit log.</CardBody>
          </Card>
        )}
      </div>
    </div>
  );
}

function UsageCard({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <Card className="p-4">
      <p className="text-[13px] font-medium text-slate-900">{title}</p>
      <p className="mb-3 text-xs text-slate-500">{hint}</p>
      {children}
    </Card>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8.5rem_minmax(0,1fr)] items-center gap-3 py-2.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-800">{children}</dd>
    </div>
  );
}
