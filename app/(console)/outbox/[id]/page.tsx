import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/console/format";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/authorize";
import { AppError } from "@/lib/http/errors";
import { getOutboxMail } from "@/lib/mail/get-outbox-mail";
import { sameOriginAssetUrls } from "@/lib/mail/same-origin-asset-urls";
import { requireConsoleCaller } from "../../_lib/require-console-caller";
import { MailStatusBadge } from "../_components/mail-status-badge";

export const metadata: Metadata = { title: "Mail" };

const back = (
  <Link href="/outbox" className="text-[13px] font-medium text-slate-500 hover:text-slate-900">
    ← Outbox
  </Link>
);

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-3 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

export default async function OutboxMailPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requireConsoleCaller();
  const { id } = await params;
  if (!can(caller, "tenants:update")) {
    return (
      <div>
        <PageHeader eyebrow={back} title="Mail" />
        <Card>
          <EmptyState
            title="You can't open mail bodies"
            description="An unsent invitation holds a live accept link, so reading it needs the tenants:update permission that inviting needs. (403)"
          />
        </Card>
      </div>
    );
  }
  let mail;
  try {
    mail = await getOutboxMail(caller, id);
  } catch (err) {
    if (err instanceof AppError && (err.code === "not_found" || err.code === "invalid_request")) notFound();
    throw err;
  }
  return (
    <div>
      <PageHeader eyebrow={back} title={mail.subject} description={<>To {mail.to}</>} actions={<MailStatusBadge status={mail.status} />} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <Card>
            <CardHeader title="Links" description="The links in this mail. Open an invitation link in a private window to accept it as the invitee." />
            <CardBody>
              {mail.links.length ? (
                <ul className="space-y-2">
                  {mail.links.map((href) => (
                    <li key={href}>
                      <a href={href} target="_blank" rel="noopener noreferrer" className="font-mono text-xs break-all text-indigo-700 hover:underline">
                        {href}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-[13px] text-slate-500">{mail.text === null ? "The body was cleared after the mail was sent." : "This mail has no links."}</p>
              )}
            </CardBody>
          </Card>
          {mail.html !== null ? (
            <Card>
              <CardHeader title="HTML version" description="Rendered in a sandbox: no scripts, no access to this page." />
              {/* An empty sandbox attribute grants nothing: the mail cannot run script, submit forms or navigate this page. */}
              <iframe sandbox="" srcDoc={sameOriginAssetUrls(mail.html)} title={`HTML version of ${mail.subject}`} className="h-[560px] w-full rounded-b-lg border-0 bg-white" />
            </Card>
          ) : null}
          {mail.text !== null ? (
            <Card>
              <CardHeader title="Text version" />
              <CardBody>
                <pre className="font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-700">{mail.text}</pre>
              </CardBody>
            </Card>
          ) : null}
        </div>
        <Card className="self-start">
          <CardHeader title="Details" />
          <CardBody>
            <dl className="text-[13px]">
              <Field label="Recipient">{mail.to}</Field>
              <Field label="Tenant">{mail.tenant ? <Link href={`/tenants/${mail.tenant.id}`} className="text-indigo-700 hover:underline">{mail.tenant.name}</Link> : "—"}</Field>
              <Field label="Kind">{mail.kind}</Field>
              <Field label="Attempts">{mail.attempts}</Field>
              {mail.last_error ? <Field label="Last error"><span className="font-mono text-xs text-red-700">{mail.last_error}</span></Field> : null}
              <Field label="Created">{formatDateTime(mail.created_at)}</Field>
              <Field label="Sent">{formatDateTime(mail.sent_at)}</Field>
              <Field label="Id"><code className="font-mono text-xs">{mail.id}</code></Field>
            </dl>
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
