"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { formatDateTime } from "@/components/console/format";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Toast, useToast } from "@/components/ui/toast";
import { addDomainAction, listDomainsAction, removeDomainAction, setPrimaryDomainAction, verifyDomainAction, type DomainSetup, type DomainView } from "@/lib/actions/domain-actions";
import { queryKeys } from "@/lib/query/keys";
import { useActionMutation } from "@/lib/query/use-action-mutation";

type Props = {
  tenantId: string;
  slug: string;
  canManage: boolean;
  /** Why the panel is read-only, when it is. */
  readOnlyReason?: string;
  /** Where confirmations go; the panel shows its own toast when the page has none. */
  onNotice?: (message: string) => void;
};

/**
 * A tenant's addresses: the built-in `<slug>.<root>` one, and its custom
 * domains with the DNS records that prove ownership, verification on demand,
 * the primary choice and removal. Used by the console's Domains tab and the
 * portal's Domains page; the services authorise every action again.
 */
export function DomainsPanel({ tenantId, slug, canManage, readOnlyReason, onNotice }: Props) {
  const [toast, setToast] = useToast();
  const notice = onNotice ?? setToast;
  const [removing, setRemoving] = useState<DomainView | null>(null);
  const query = useQuery({ queryKey: queryKeys.domains.tenant(tenantId), queryFn: () => unwrapAction(listDomainsAction(tenantId)) });
  const data = query.data;

  return (
    <div className="space-y-6">
      {query.isError && !data ? (
        <Alert tone="danger" title="Could not load domains" actions={<Button size="sm" variant="secondary" onClick={() => query.refetch()}>Retry</Button>}>
          {query.error.message}
        </Alert>
      ) : null}
      {!canManage && readOnlyReason ? <Alert tone="info">{readOnlyReason}</Alert> : null}

      <Card>
        <CardHeader id="builtin-address-heading" title="Built-in address" description="Always works, whatever happens to the custom domains." />
        <CardBody>
          {data ? <BuiltInAddress slug={slug} setup={data.setup} /> : <Skeleton className="h-6 w-64" />}
        </CardBody>
      </Card>

      <Card>
        <CardHeader id="custom-domains-heading" title="Custom domains" description="Your own host names for this portal. Each one routes once its TXT record proves you own it." />
        <CardBody>
          {!data ? (
            <Skeleton className="h-24 w-full" />
          ) : data.domains.length === 0 ? (
            <p className="py-4 text-center text-sm text-slate-500">No custom domains yet.{canManage ? " Add one below." : ""}</p>
          ) : (
            <ul className="divide-y divide-slate-200" aria-labelledby="custom-domains-heading">
              {data.domains.map((d) => (
                <DomainRow key={d.id} tenantId={tenantId} domain={d} setup={data.setup} canManage={canManage} onNotice={notice} onRemove={() => setRemoving(d)} />
              ))}
            </ul>
          )}
        </CardBody>
      </Card>

      {canManage ? <AddDomainForm tenantId={tenantId} onNotice={notice} /> : null}

      <RemoveDomainDialog
        tenantId={tenantId}
        domain={removing}
        onClose={() => setRemoving(null)}
        onDone={(m) => {
          setRemoving(null);
          notice(m);
        }}
      />
      {onNotice ? null : <Toast message={toast} />}
    </div>
  );
}

function BuiltInAddress({ slug, setup }: { slug: string; setup: DomainSetup }) {
  const host = `${slug}.${setup.rootDomain}`;
  const url = `${setup.scheme}://${host}`;
  return (
    <p className="flex flex-wrap items-center gap-3 text-sm">
      <a href={url} className="font-mono text-indigo-700 hover:underline" data-testid="builtin-address">
        {host}
      </a>
      <Badge tone="green" dot>
        Always on
      </Badge>
      <CopyButton value={url} label="Copy address" />
    </p>
  );
}

const STATUS: Record<DomainView["status"], { label: string; tone: "amber" | "green" | "red" }> = {
  // A failed look while the job still re-checks is not a failure: DNS takes minutes to hours to propagate.
  pending: { label: "Pending verification — checking every minute", tone: "amber" },
  verified: { label: "Verified", tone: "green" },
  failed: { label: "Failed", tone: "red" },
};

type VerifyOutcome = { verified: true; domain: string } | { verified: false; error: string };

function DomainRow({ tenantId, domain: d, setup, canManage, onNotice, onRemove }: { tenantId: string; domain: DomainView; setup: DomainSetup; canManage: boolean; onNotice: (m: string) => void; onRemove: () => void }) {
  const verify = useActionMutation(queryKeys.domains.tenant(tenantId));
  const primary = useActionMutation(queryKeys.domains.tenant(tenantId));
  const [outcome, setOutcome] = useState<VerifyOutcome | null>(null);
  const status = STATUS[d.status];
  const unverified = d.status !== "verified";
  const headingId = useId();

  return (
    <li data-testid="domain-row" data-domain={d.domain} data-status={d.status} aria-labelledby={headingId} className="py-4 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <span id={headingId} className="font-mono text-sm font-semibold break-all text-slate-900">
              {d.domain}
            </span>
            <Badge tone={status.tone} dot>
              {status.label}
            </Badge>
            {d.primary ? <Badge tone="indigo">Primary</Badge> : null}
          </p>
          <p className="mt-1 text-xs text-slate-500 tabular-nums">
            {d.last_checked_at ? `Last checked ${formatDateTime(d.last_checked_at)}` : "Not checked yet"}
            {d.verified_at ? ` · verified ${formatDateTime(d.verified_at)}` : null}
          </p>
          {d.status === "pending" && d.rechecks_until ? (
            <p className="mt-1 text-xs text-slate-600">Atrium looks for the TXT record every minute until {formatDateTime(d.rechecks_until)}; it routes as soon as the record is found.</p>
          ) : null}
          {d.last_error && unverified && !outcome ? (
            <p className={d.status === "pending" ? "mt-1 text-xs text-slate-600" : "mt-1 text-xs text-red-700"} data-testid="domain-last-error">
              {d.status === "pending" ? "Last check" : "Last error"}: {d.last_error}
            </p>
          ) : null}
        </div>
        {canManage ? (
          <div className="flex flex-wrap items-center gap-2">
            {unverified || d.record_missing ? (
              <Button
                size="sm"
                variant={unverified ? "primary" : "secondary"}
                loading={verify.pending}
                onClick={() => {
                  setOutcome(null);
                  verify.run(
                    () => verifyDomainAction(tenantId, d.id),
                    (r) => setOutcome(r.domain.status === "verified" ? { verified: true, domain: r.domain.domain } : { verified: false, error: r.domain.last_error ?? "The record was not found" }),
                  );
                }}
              >
                Verify now
              </Button>
            ) : null}
            {d.status === "verified" && !d.primary ? (
              <Button size="sm" variant="secondary" loading={primary.pending} onClick={() => primary.run(() => setPrimaryDomainAction(tenantId, d.id), () => onNotice(`${d.domain} is now the primary domain`))}>
                Make primary
              </Button>
            ) : null}
            <Button size="sm" variant="danger-ghost" onClick={onRemove}>
              Remove
            </Button>
          </div>
        ) : null}
      </div>

      {d.record_missing && d.record_missing_since ? (
        <Alert tone="warning" className="mt-3" title={`Record missing since ${formatDateTime(d.record_missing_since)}`}>
          The TXT record below was not found at the last checks. Put it back: after 72 hours without it the domain stops being served.
        </Alert>
      ) : null}

      {outcome ? (
        outcome.verified ? (
          <Alert tone="success" className="mt-3" title="Verified" role="status">
            {outcome.domain} now routes to this portal.
          </Alert>
        ) : (
          <Alert tone={d.status === "pending" ? "warning" : "danger"} role="alert" className="mt-3" title="Not verified yet">
            {outcome.error}. DNS changes can take a few minutes to appear{d.status === "pending" ? "; Atrium keeps checking every minute" : "; try again shortly"}.
          </Alert>
        )
      ) : null}
      {verify.failure ? (
        <Alert tone="danger" className="mt-3" title="Could not verify">
          {verify.failure.message}
        </Alert>
      ) : null}
      {primary.failure ? (
        <Alert tone="danger" className="mt-3" title="Could not change the primary domain">
          {primary.failure.message}
        </Alert>
      ) : null}

      {unverified || d.record_missing ? <DnsRecords domain={d} setup={setup} /> : null}
    </li>
  );
}

function DnsRecords({ domain: d, setup }: { domain: DomainView; setup: DomainSetup }) {
  return (
    <div className="mt-3 rounded-md border border-slate-200 bg-slate-50/70">
      <p className="border-b border-slate-200 px-3 py-2 text-xs font-medium text-slate-600">Create these DNS records at your DNS provider</p>
      {/* Phones: each record stacks its type, name and value (long names would otherwise squeeze into one-letter columns). */}
      <table className="block w-full text-left text-[13px] sm:table">
        <caption className="sr-only">DNS records for {d.domain}</caption>
        <thead className="hidden text-xs text-slate-500 sm:table-header-group">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Type
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Value
            </th>
          </tr>
        </thead>
        <tbody className="block divide-y divide-slate-200 align-top sm:table-row-group">
          <RecordRow type="TXT" name={<RecordValue value={d.verification.host} testId="txt-record-name" copyLabel="Copy name" />} value={<RecordValue value={d.verification.value} testId="txt-record-value" copyLabel="Copy value" />} />
          <RecordRow type="CNAME" name={<RecordValue value={d.domain} copyLabel="Copy name" />} value={<RecordValue value={setup.cnameTarget} testId="cname-record-value" copyLabel="Copy target" />} />
        </tbody>
      </table>
      <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-500">
        The TXT record proves the domain is yours; the CNAME sends its traffic here. A domain&apos;s apex cannot hold a CNAME: use your provider&apos;s ALIAS or ANAME record there.
      </p>
    </div>
  );
}

function RecordRow({ type, name, value }: { type: string; name: ReactNode; value: ReactNode }) {
  const cell = "block px-3 py-1.5 sm:table-cell sm:py-2";
  const label = "mb-0.5 block font-sans text-xs text-slate-500 sm:hidden";
  return (
    <tr className="block py-1.5 sm:table-row sm:py-0">
      <td className={cn(cell, "font-mono")}>
        <span className={label}>Type</span>
        {type}
      </td>
      <td className={cell}>
        <span className={label}>Name</span>
        {name}
      </td>
      <td className={cell}>
        <span className={label}>Value</span>
        {value}
      </td>
    </tr>
  );
}

function RecordValue({ value, testId, copyLabel }: { value: string; testId?: string; copyLabel: string }) {
  return (
    <span className="flex items-start gap-2">
      <code data-testid={testId} className="min-w-0 flex-1 font-mono break-all text-slate-800">
        {value}
      </code>
      <CopyButton value={value} label={copyLabel} />
    </span>
  );
}

function AddDomainForm({ tenantId, onNotice }: { tenantId: string; onNotice: (m: string) => void }) {
  const add = useActionMutation(queryKeys.domains.tenant(tenantId));
  const [domain, setDomain] = useState("");
  const [primary, setPrimary] = useState(false);
  const fieldError = add.failure?.fieldErrors["domains.0.domain"] ?? add.failure?.fieldErrors["domain"];
  const primaryId = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.run(
      () => addDomainAction(tenantId, { domain, primary }),
      (r) => {
        setDomain("");
        setPrimary(false);
        onNotice(`${r.domain.domain} added: create its DNS records, then verify it`);
      },
    );
  };

  return (
    <Card>
      <CardHeader id="add-domain-heading" title="Add domain" description="A host name you control, such as portal.example.com. It routes here once verified." />
      <CardBody>
        <form onSubmit={submit} aria-labelledby="add-domain-heading" noValidate className="space-y-4">
          {add.failure && !fieldError ? (
            <Alert tone="danger" title="Could not add the domain">
              {add.failure.message}
            </Alert>
          ) : null}
          <Field id="add-domain-name" label="Domain" error={fieldError} hint="The host name only; a pasted address such as https://portal.example.com/ is reduced to it.">
            {(a11y) => <Input {...a11y} value={domain} onChange={(e) => setDomain(e.target.value)} placeholder="portal.example.com" autoComplete="off" spellCheck={false} required />}
          </Field>
          <label htmlFor={primaryId} className="flex items-center gap-2 text-[13px] text-slate-700">
            <input id={primaryId} type="checkbox" checked={primary} onChange={(e) => setPrimary(e.target.checked)} className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600" />
            Make this the primary domain
          </label>
          <div>
            <Button type="submit" loading={add.pending} disabled={!domain.trim()}>
              Add domain
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

function RemoveDomainDialog({ tenantId, domain, onClose, onDone }: { tenantId: string; domain: DomainView | null; onClose: () => void; onDone: (m: string) => void }) {
  const remove = useActionMutation(queryKeys.domains.tenant(tenantId));
  const close = () => {
    remove.setFailure(null);
    onClose();
  };
  return (
    <Dialog
      open={domain !== null}
      onClose={close}
      tone="danger"
      title={domain ? `Remove ${domain.domain}?` : "Remove domain?"}
      description={
        domain?.primary
          ? "This is the primary domain: it stops serving this portal at once, and links go to the built-in address until another domain is made primary."
          : "It stops serving this portal at once. You can add it again later, but it will need a new verification."
      }
      footer={
        <DialogActions onCancel={close}>
          <Button variant="danger" loading={remove.pending} onClick={() => domain && remove.run(() => removeDomainAction(tenantId, domain.id), (r) => {
                  remove.setFailure(null);
                  onDone(`${r.domain} removed`);
                })}>
            Remove domain
          </Button>
        </DialogActions>
      }
    >
      {remove.failure ? <Alert tone="danger">{remove.failure.message}</Alert> : null}
    </Dialog>
  );
}
