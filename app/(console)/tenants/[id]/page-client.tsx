"use client";

import { SupportAccessConsole } from "@/components/impersonation/support-access-console";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";
import Link from "next/link";
import { useState } from "react";
import { formatDateTime } from "@/components/console/format";
import { PlanBadge, TenantStatusBadge, TrialBadge } from "@/components/console/tenant-badges";
import { TenantAvatar } from "@/components/console/tenant-avatar";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Menu, type MenuItem } from "@/components/ui/menu";
import { ExportDataButton } from "@/components/exports/export-data-dialog";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import type { AuditEventItem } from "@/lib/schemas/audit";
import type { UsageDay } from "@/lib/tenants/get-usage-history";
import type { TenantNotice } from "@/lib/schemas/limits";
import { LimitNoticesBanner } from "@/components/limits/limit-notices-banner";
import { UsageDashboard } from "@/components/usage/usage-dashboard";
import type { LimitsUsage, UsageDashboardData } from "@/lib/usage/usage-dashboard-data";
import { DangerZone, type DangerItem } from "./_components/danger-zone";
import { FeaturesTab } from "./_components/features-tab";
import { LifecycleDialogs, type LifecycleAction } from "./_components/lifecycle-dialogs";
import { LimitsTab } from "./_components/limits-tab";
import { MembersPanel } from "@/components/members/members-panel";
import { TenantMessagesCard } from "@/components/notifications/tenant-messages-card";
import { BrandingEditor } from "@/components/branding/branding-editor";
import { DomainsPanel } from "@/components/domains/domains-panel";
import { SecurityPanel } from "@/components/security-policy/security-policy-form";
import type { SecurityPanelData } from "@/lib/security-policy/load-security-panel";
import { BillingTab } from "@/components/billing/billing-tab";
import type { BillingPanelData } from "@/lib/billing/load-billing-panel";
import type { EndpointRow } from "@/components/webhooks/webhook-ops";
import { WebhooksPanel } from "@/components/webhooks/webhooks-panel";
import { SsoPanel } from "@/components/sso/sso-panel";
import { BackupsPanel, type BackupList } from "@/components/backups/backups-panel";
import { Toast, useToast } from "@/components/ui/toast";
import { AuditTab } from "./_components/audit-tab";
import { DatabasePanel } from "@/components/database/database-panel";
import type { TenantDatabase } from "@/lib/dataplane/load-tenant-database";
import { OverviewTab } from "./_components/overview-tab";
import { ProvisioningProgress } from "./_components/provisioning-progress";
import { RecentProvisioningCard } from "./_components/recent-provisioning-card";
import { SettingsTab } from "./_components/settings-tab";
import { TenantDraftsProvider, useHasUnsavedDrafts } from "./_components/tenant-drafts";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes-guard";
import { TENANT_TABS, type TenantTabKey } from "./_components/tenant-tabs";
import type { TenantDetail, TenantPermissions } from "./_components/types";
import { useTenantMutation } from "./_components/use-tenant-mutation";
import { cancelDeletionAction } from "./tenant-actions";

type TabKey = TenantTabKey;

const MENU_TEXT: Record<LifecycleAction, { label: string; description: string }> = {
  suspend: { label: "Suspend", description: "Block access until reactivated" },
  reactivate: { label: "Reactivate", description: "Restore access to the portal and API" },
  archive: { label: "Archive", description: "Stop serving, keep the data" },
  delete: { label: "Delete tenant…", description: "Schedule permanent deletion" },
};

type Props = {
  tenant: TenantDetail;
  etag: string;
  history: UsageDay[];
  /** Active usage notices (limits check), shown under the status banner. */
  notices?: TenantNotice[];
  /** The Usage tab's first period and the Limits tab's usage, read on the server when the page opens on that tab. */
  usage?: UsageDashboardData;
  limitsUsage?: LimitsUsage;
  /** The Database tab's schema and migrations, read on the server when the page opens on it (null: the read failed). */
  database?: TenantDatabase | null;
  events: AuditEventItem[];
  permissions: TenantPermissions;
  timezones: string[];
  initialTab: TabKey;
  /** The Webhooks tab's list and open endpoint, read on the server when the page opens on that tab. */
  webhooks?: { endpoints: EndpointRow[]; openEndpointId: string | null };
  /** The Backups tab's first list (read on the server when the page opens on it) and whether the server can encrypt backups. */
  backups?: { list?: BackupList; encryptionAvailable: boolean };
  /** The Support access tab's requests, read on the server when the page opens on it. */
  supportAccess?: ImpersonationGrantView[];
  /** The Security tab's policy and email domains, read on the server when the page opens on it. */
  security?: SecurityPanelData;
  /** The Billing tab's subscription, quotas and plans, read on the server when the page opens on it. */
  billing?: BillingPanelData;
  now: number;
};

export function TenantDetailClient({ tenant, etag: renderedEtag, history, notices = [], usage, limitsUsage, events, permissions, timezones, initialTab, webhooks, database, backups, supportAccess, security, billing, now }: Props) {
  const t = tenant.tenant;
  // Staff manage a tenant's webhooks with the right to change the tenant; without it the tab is not offered.
  const tabs = TENANT_TABS.filter((x) => (x.key !== "webhooks" || permissions.update) && (x.key !== "audit" || permissions.auditRead) && (x.key !== "database" || permissions.dataRead) && (x.key !== "backups" || permissions.backups) && (x.key !== "support" || permissions.impersonate));
  const [tab, setTab] = useState<TabKey>(initialTab);
  const [dialog, setDialog] = useState<LifecycleAction | null>(null);
  const [provisioningCardDismissed, setProvisioningCardDismissed] = useState(false);
  const [toast, setToast] = useToast();
  // The ETag an edit must match: the one this page was rendered with, or the newer one a save of ours returned.
  const [saved, setSaved] = useState<{ etag: string; basedOn: string } | null>(null);
  const etag = saved && saved.basedOn === renderedEtag ? saved.etag : renderedEtag;

  const chooseTab = (key: TabKey) => {
    setTab(key);
    const url = new URL(window.location.href);
    // A tab's own query (the Audit tab's filters, the open webhook endpoint) does not follow to the next tab.
    url.search = "";
    if (key !== "overview") url.searchParams.set("tab", key);
    window.history.replaceState(null, "", url);
  };

  const onSaved = (newEtag: string, message: string) => {
    setSaved({ etag: newEtag, basedOn: renderedEtag });
    setToast(message);
  };

  const completedAt = tenant.provisioning?.completed_at ? new Date(tenant.provisioning.completed_at).getTime() : null;
  const recentlyProvisioned = t.status === "active" && completedAt !== null && now - completedAt < 10 * 60_000;
  const editable = permissions.update && t.status !== "pending_deletion" && t.status !== "provisioning";
  const readOnlyReason = !permissions.update
    ? "Read-only: your role can view tenants but not change them."
    : t.status === "pending_deletion"
      ? "A tenant scheduled for deletion cannot be edited. Restore it first."
      : "This tenant cannot be edited right now.";

  const lifecycle: DangerItem[] = [];
  if (permissions.suspend && t.status === "active")
    lifecycle.push({ action: "suspend", title: "Suspend", description: "Block access to the portal and API until reactivated. Data is kept.", button: "Suspend tenant", danger: true });
  if (permissions.suspend && (t.status === "suspended" || t.status === "archived"))
    lifecycle.push({ action: "reactivate", title: "Reactivate", description: "Restore access to the portal and API.", button: "Reactivate tenant", danger: false });
  if (permissions.archive && (t.status === "active" || t.status === "suspended"))
    lifecycle.push({ action: "archive", title: "Archive", description: "Stop serving and keep the data, read-only.", button: "Archive tenant", danger: true });
  if (permissions.delete && t.status !== "pending_deletion" && t.status !== "provisioning")
    lifecycle.push({ action: "delete", title: "Delete", description: "Stop serving now and delete everything after a grace period.", button: "Delete tenant…", danger: true });

  const menuItems: MenuItem[] = lifecycle.flatMap((i): MenuItem[] => [
    ...(i.action === "delete" && lifecycle.length > 1 ? [{ key: "sep", separator: true as const }] : []),
    { key: i.action, ...MENU_TEXT[i.action], danger: i.action === "delete", onSelect: () => setDialog(i.action) },
  ]);

  return (
    <TenantDraftsProvider renderedEtag={renderedEtag}>
      <LeaveGuard />
      <div className="mb-2">
        <Link href="/tenants" className="inline-flex items-center gap-1 text-[13px] text-slate-500 hover:text-slate-800">
          <span aria-hidden="true">←</span> Tenants
        </Link>
      </div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 items-center gap-4">
          <TenantAvatar name={t.name} size="lg" />
          <div className="min-w-0">
            <div data-testid="tenant-header" className="flex flex-wrap items-center gap-2">
              <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900">{t.name}</h1>
              <TenantStatusBadge status={t.status} />
              <PlanBadge plan={t.plan} />
              {t.is_trial ? <TrialBadge endsAt={t.trial_ends_at} now={now} /> : null}
            </div>
            <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-[13px] text-slate-500">
              <a href={t.portal_url} target="_blank" rel="noreferrer" className="font-mono hover:text-indigo-600 hover:underline">
                {t.portal_url.replace(/^https?:\/\//, "")}
              </a>
              {t.domain ? <span className="font-mono">{t.domain}</span> : null}
            </p>
          </div>
        </div>
        {/* Up to four actions: on a phone they wrap to a second line rather than push the page sideways. */}
        <div className="flex flex-wrap items-center gap-2">
          {permissions.dataRead && t.status !== "provisioning" ? (
            <Link href={`/tenants/${t.id}/sql`} className={buttonClasses("secondary")} data-testid="tenant-sql-link">
              SQL console
            </Link>
          ) : null}
          {t.status === "provisioning" ? null : (
            <a href={t.portal_url} target="_blank" rel="noreferrer" className={buttonClasses("secondary")}>
              Open portal
            </a>
          )}
          {permissions.backups && t.status !== "provisioning" ? (
            <ExportDataButton tenantId={t.id} tenantName={t.name} latestUrl={tenant.data_export_url} canDownload={permissions.backupsDownload} />
          ) : null}
          {menuItems.length ? (
            <Menu
              label="Tenant actions"
              triggerClassName={buttonClasses("secondary")}
              trigger={
                <>
                  Actions
                  <svg className="size-4 text-slate-400" viewBox="0 0 16 16" fill="none" aria-hidden="true">
                    <path d="m4.5 6.5 3.5 3.5 3.5-3.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
                  </svg>
                </>
              }
              items={menuItems}
            />
          ) : null}
        </div>
      </div>

      <StatusBanner tenant={tenant} permissions={permissions} onReactivate={() => setDialog("reactivate")} onRestored={setToast} />
      <LimitNoticesBanner tenantId={t.id} notices={notices} canDismiss={permissions.update} />

      {t.status === "provisioning" ? (
        <ProvisioningProgress tenant={tenant} />
      ) : (
        <>
          <div className="mb-6">
            <Tabs idPrefix="tenant" label="Tenant sections" items={tabs} value={tab} onChange={chooseTab} />
          </div>
          {/* Forms remount on every new server version; unsaved drafts live above them (TenantDraftsProvider), so a tab switch keeps them. */}
          <TabPanel idPrefix="tenant" tab={tab} key={`${tab}-${renderedEtag}`}>
            {tab === "overview" && recentlyProvisioned && tenant.provisioning && !provisioningCardDismissed ? (
              <RecentProvisioningCard provisioning={tenant.provisioning} onDismiss={() => setProvisioningCardDismissed(true)} />
            ) : null}
            {tab === "overview" ? <OverviewTab tenant={tenant} history={history} events={events} now={now} canReadAudit={permissions.auditRead} /> : null}
            {tab === "members" ? <TenantMessagesCard tenantId={t.id} canSend={permissions.update} onNotice={setToast} /> : null}
            {tab === "members" ? <MembersPanel tenantId={tenant.tenant.id} tenantName={tenant.tenant.name} can={{ update: permissions.update, invite: permissions.update, remove: permissions.update }} now={now} onNotice={setToast} /> : null}
            {tab === "domains" ? <DomainsPanel tenantId={t.id} slug={t.slug} canManage={editable} readOnlyReason={readOnlyReason} onNotice={setToast} /> : null}
            {tab === "security" ? <SecurityPanel tenantId={t.id} initial={security} canManage={editable} asStaff onNotice={setToast} /> : null}
            {tab === "webhooks" ? (
              <WebhooksPanel
                scope={{ kind: "tenant", tenantId: t.id }}
                title="Webhook endpoints"
                description={`URLs that receive ${t.name}'s events as signed POST requests.`}
                initialEndpoints={webhooks?.endpoints}
                initialEndpointId={webhooks?.openEndpointId}
                canManage={permissions.update}
                now={now}
                onNotice={setToast}
              />
            ) : null}
            {tab === "sso" ? <SsoPanel tenantId={t.id} /> : null}
            {tab === "branding" ? <BrandingEditor tenantId={t.id} editable={editable} readOnlyReason={readOnlyReason} onSaved={onSaved} /> : null}
            {tab === "settings" ? (
              <>
                <SettingsTab tenant={tenant} etag={etag} editable={editable} readOnlyReason={readOnlyReason} timezones={timezones} onSaved={onSaved} onOpenDomains={() => chooseTab("domains")} />
                <DangerZone items={lifecycle} onSelect={setDialog} />
              </>
            ) : null}
            {tab === "usage" ? <UsageDashboard tenantId={t.id} initial={usage ?? null} /> : null}
            {tab === "billing" ? <BillingTab tenantId={t.id} initial={billing} canChange={permissions.billing} onNotice={setToast} /> : null}
            {tab === "limits" ? <LimitsTab tenant={tenant} etag={etag} editable={editable} readOnlyReason={readOnlyReason} onSaved={onSaved} limitsUsage={limitsUsage} onNotice={setToast} /> : null}
            {tab === "audit" && permissions.auditRead ? <AuditTab tenantId={t.id} now={now} /> : null}
            {tab === "support" && permissions.impersonate && permissions.staffUserId ? (
              <SupportAccessConsole tenantId={t.id} tenantName={t.name} staffUserId={permissions.staffUserId} initial={supportAccess} now={now} />
            ) : null}
            {tab === "database" && permissions.dataRead ? <DatabasePanel tenantId={t.id} initial={database ?? null} sqlHref={`/tenants/${t.id}/sql`} /> : null}
            {tab === "backups" && permissions.backups ? (
              <BackupsPanel tenant={t} initial={backups?.list} encryptionAvailable={backups?.encryptionAvailable ?? false} canDownload={permissions.backupsDownload} now={now} />
            ) : null}
            {tab === "features" ? <FeaturesTab tenant={tenant} etag={etag} editable={editable} readOnlyReason={readOnlyReason} onSaved={onSaved} /> : null}
          </TabPanel>
        </>
      )}

      <LifecycleDialogs
        tenant={tenant}
        action={dialog}
        onClose={() => setDialog(null)}
        onDone={(m) => {
          setDialog(null);
          setToast(m);
        }}
      />

      <Toast message={toast} />
    </TenantDraftsProvider>
  );
}

function LeaveGuard() {
  return <UnsavedChangesGuard when={useHasUnsavedDrafts()} />;
}

function StatusBanner({ tenant, permissions, onReactivate, onRestored }: { tenant: TenantDetail; permissions: TenantPermissions; onReactivate: () => void; onRestored: (m: string) => void }) {
  const t = tenant.tenant;
  const { pending, failure, run } = useTenantMutation();
  if (t.status === "pending_deletion") {
    return (
      <Alert
        tone="danger"
        role="status"
        className="mb-6"
        title="Scheduled for deletion"
        actions={
          permissions.delete ? (
            <Button variant="secondary" size="sm" loading={pending} onClick={() => run(() => cancelDeletionAction(t.id), () => onRestored("Tenant restored"))}>
              Restore
            </Button>
          ) : null
        }
      >
        This tenant no longer serves requests. It will be permanently deleted on <strong data-testid="final-deletion-date">{formatDateTime(t.final_deletion_date)}</strong>
        {permissions.delete ? "; restore it before then to keep its data." : "."}
        {failure ? <span className="mt-1 block font-medium">{failure.message}</span> : null}
      </Alert>
    );
  }
  if (t.status === "suspended") {
    return (
      <Alert
        tone="warning"
        className="mb-6"
        title="Suspended"
        actions={
          permissions.suspend ? (
            <Button variant="secondary" size="sm" onClick={onReactivate}>
              Reactivate
            </Button>
          ) : null
        }
      >
        Since {formatDateTime(t.suspended_at)}
        {t.suspended_reason ? ` · ${t.suspended_reason}` : ""}. Its users cannot sign in and its API answers 403.
      </Alert>
    );
  }
  if (t.status === "archived") {
    return (
      <Alert tone="info" className="mb-6" title="Archived">
        Archived {formatDateTime(t.archived_at)}. The tenant does not serve requests; its data is kept.
      </Alert>
    );
  }
  return null;
}
