import type { Metadata } from "next";
import Link from "next/link";
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
import { OutboxTable } from "./_components/outbox-table";

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
          <OutboxTable mails={mails} now={now} />
        )}
      </Card>
    </div>
  );
}
