import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, formatRelative } from "@/components/console/format";
import { PageHeader } from "@/components/console/page-header";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { listOutbox } from "@/lib/mail/list-outbox";
import { MAIL_STATUSES, type MailStatus } from "@/lib/schemas/mail";
import { requestTime } from "@/lib/request-time";
import { requireConsoleCaller } from "../_lib/require-console-caller";
import { MailStatusBadge } from "./_components/mail-status-badge";

export const metadata: Metadata = { title: "Outbox" };

const FILTERS: { status: MailStatus | null; label: string }[] = [
  { status: null, label: "All" },
  ...MAIL_STATUSES.map((s) => ({ status: s, label: s.charAt(0).toUpperCase() + s.slice(1) })),
];

const MailIcon = () => (
  <svg viewBox="0 0 16 16" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
    <rect x="2" y="3.5" width="12" height="9" rx="1.5" />
    <path d="m2.5 4.5 5.5 4 5.5-4" />
  </svg>
);

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requireConsoleCaller();
  const smtp = Boolean(env.smtpUrl);
  const header = (
    <PageHeader
      title="Outbox"
      description={
        smtp
          ? "Mail Atrium sends (invitations, …), newest first. Sent mail keeps only its recipient and subject."
          : "No SMTP_URL is configured, so mail is kept here instead of being sent. Open one to follow its link."
      }
    />
  );
  if (!can(caller, "tenants:read")) {
    return (
      <div>
        {header}
        <Card>
          <EmptyState icon={<MailIcon />} title="You don't have access to the outbox" description="Reading the outbox needs the tenants:read permission. (403)" />
        </Card>
      </div>
    );
  }
  const raw = (await searchParams).status;
  const status = MAIL_STATUSES.find((s) => s === (Array.isArray(raw) ? raw[0] : raw)) ?? null;
  const { mails } = await listOutbox(caller, status ? { status } : {});
  const now = requestTime();
  return (
    <div>
      {header}
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
          <nav aria-label="Filter by status" className="flex flex-wrap gap-1">
            {FILTERS.map((f) => {
              const active = f.status === status;
              return (
                <Link
                  key={f.label}
                  href={f.status ? `/outbox?status=${f.status}` : "/outbox"}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "rounded-md px-2.5 py-1 text-[13px] font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
                    active ? "bg-slate-100 text-slate-900" : "text-slate-500 hover:bg-slate-50 hover:text-slate-900",
                  )}
                >
                  {f.label}
                </Link>
              );
            })}
          </nav>
          <p className="text-xs text-slate-500">{smtp ? "Delivering through SMTP" : "Outbox mode: nothing is sent"}</p>
        </div>
        {mails.length === 0 ? (
          <EmptyState icon={<MailIcon />} title={status ? `No ${status} mail` : "No mail yet"} description="Invitations sent from a tenant's members page appear here." />
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[820px] text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50/80 text-xs font-medium text-slate-500">
                <tr>
                  <th scope="col" className="py-2.5 pr-3 pl-5 font-medium">
                    To
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Subject
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Tenant
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Status
                  </th>
                  <th scope="col" className="py-2.5 pr-5 pl-3 font-medium">
                    Created
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {mails.map((m) => (
                  <tr key={m.id} className="hover:bg-slate-50/60">
                    <td className="py-3 pr-3 pl-5 font-medium text-slate-900">{m.to}</td>
                    <td className="max-w-sm px-3 py-3">
                      <Link href={`/outbox/${m.id}`} className="block truncate text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
                        {m.subject}
                      </Link>
                    </td>
                    <td className="px-3 py-3 text-slate-600">
                      {m.tenant ? (
                        <Link href={`/tenants/${m.tenant.id}`} className="hover:text-slate-900 hover:underline">
                          {m.tenant.name}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="px-3 py-3">
                      <span className="flex items-center gap-2">
                        <MailStatusBadge status={m.status} />
                        {m.status === "failed" ? <span className="text-xs text-slate-500 tabular-nums">{m.attempts}×</span> : null}
                      </span>
                    </td>
                    <td className="py-3 pr-5 pl-3 whitespace-nowrap text-slate-500 tabular-nums">
                      <time dateTime={m.created_at} title={formatDateTime(m.created_at)}>
                        {formatRelative(m.created_at, now)}
                      </time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
