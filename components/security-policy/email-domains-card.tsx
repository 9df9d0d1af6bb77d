"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { HydratedForm } from "@/components/ui/hydrated-form";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { addEmailDomainAction, removeEmailDomainAction, setCaptureRoleAction, verifyEmailDomainAction } from "@/lib/actions/security-policy-actions";
import { queryKeys } from "@/lib/query/keys";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import type { EmailDomainView } from "@/lib/security-policy/email-domains/serialize-email-domain";

type Props = {
  tenantId: string;
  domains: EmailDomainView[];
  roles: { key: string; name: string }[];
  canManage: boolean;
  onNotice: (message: string) => void;
};

/** The TXT record to publish, each part copyable: phones get it stacked, not a wide table. */
function TxtInstructions({ d }: { d: EmailDomainView }) {
  return (
    <dl className="mt-1 grid gap-1 text-xs text-slate-600">
      <div className="flex min-w-0 flex-wrap items-center gap-1">
        <dt className="font-medium">TXT name</dt>
        <dd className="min-w-0 font-mono break-all text-slate-800">{d.verification.host}</dd>
        <CopyButton value={d.verification.host} label="Copy name" />
      </div>
      <div className="flex min-w-0 flex-wrap items-center gap-1">
        <dt className="font-medium">Value</dt>
        <dd className="min-w-0 font-mono break-all text-slate-800">{d.verification.value}</dd>
        <CopyButton value={d.verification.value} label="Copy value" />
      </div>
    </dl>
  );
}

/**
 * Email domains the tenant proves by TXT record (the custom-domain proof).
 * A verified one may capture sign-ups: people with an address on it can
 * create an account on the portal and join in the chosen role.
 */
export function EmailDomainsCard({ tenantId, domains, roles, canManage, onNotice }: Props) {
  const key = queryKeys.security.tenant(tenantId);
  const add = useActionMutation(key);
  const row = useActionMutation(key);
  const remove = useActionMutation(key);
  const [busyDomain, setBusyDomain] = useState<string | null>(null);
  const [removing, setRemoving] = useState<EmailDomainView | null>(null);
  const [newDomain, setNewDomain] = useState("");

  const columns: ColumnDef<EmailDomainView, unknown>[] = [
    {
      id: "domain",
      header: "Domain",
      meta: { card: "title" },
      cell: ({ row: { original: d } }) => (
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium break-all text-slate-900">{d.domain}</span>
            {d.status === "verified" ? <Badge tone="green">Verified</Badge> : <Badge tone="amber">Pending</Badge>}
          </div>
          {d.status === "pending" ? <TxtInstructions d={d} /> : null}
          {d.last_error && d.status === "pending" ? <p className="mt-1 text-xs text-red-700">{d.last_error}</p> : null}
        </div>
      ),
    },
    {
      id: "capture",
      header: "New sign-ups join as",
      cell: ({ row: { original: d } }) =>
        d.status !== "verified" ? (
          <span className="text-xs text-slate-500">After verification</span>
        ) : (
          <Select
            aria-label={`Sign-ups from ${d.domain} join as`}
            value={d.capture_role ?? ""}
            disabled={!canManage || (row.pending && busyDomain === d.domain)}
            onChange={(e) => {
              setBusyDomain(d.domain);
              const capture_role = e.target.value || null;
              row.run(
                () => setCaptureRoleAction(tenantId, d.domain, { capture_role }),
                () => onNotice(capture_role ? `People with an address on ${d.domain} can now sign up` : `${d.domain} no longer captures sign-ups`),
              );
            }}
          >
            <option value="">Nobody (no sign-up)</option>
            {roles.map((r) => (
              <option key={r.key} value={r.key}>
                {r.name}
              </option>
            ))}
          </Select>
        ),
    },
    ...(canManage
      ? [
          {
            id: "actions",
            header: "Actions",
            meta: { card: "actions", srOnlyHeader: true, className: "text-right" },
            cell: ({ row: { original: d } }) => (
              <div className="flex justify-end gap-1">
                {d.status === "pending" ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    aria-label={`Verify ${d.domain}`}
                    loading={row.pending && busyDomain === d.domain}
                    onClick={() => {
                      setBusyDomain(d.domain);
                      row.run(
                        () => verifyEmailDomainAction(tenantId, d.domain),
                        (r) => onNotice(r.email_domain.status === "verified" ? `${d.domain} is verified` : `${d.domain} is not verified yet: ${r.email_domain.last_error ?? "record not found"}`),
                      );
                    }}
                  >
                    Verify
                  </Button>
                ) : null}
                <Button size="sm" variant="danger-ghost" aria-label={`Remove ${d.domain}`} onClick={() => setRemoving(d)}>
                  Remove
                </Button>
              </div>
            ),
          } satisfies ColumnDef<EmailDomainView, unknown>,
        ]
      : []),
  ];

  return (
    <section aria-labelledby="email-domains-heading">
      <Card>
        <CardHeader
          id="email-domains-heading"
          title="Email domains"
          description="Prove you own a domain with a DNS TXT record; then people with an address on it can create an account here and join in the role you choose."
        />
        {row.failure ? (
          <div className="px-5 pt-4">
            <Alert tone="danger" actions={<Button size="sm" variant="ghost" onClick={() => row.setFailure(null)}>Dismiss</Button>}>
              {row.failure.message}
            </Alert>
          </div>
        ) : null}
        {domains.length === 0 ? (
          <p className="px-5 py-6 text-center text-sm text-slate-500">No email domains yet.</p>
        ) : (
          <DataTable label="Email domains" columns={columns} data={domains} getRowId={(d) => d.domain} rowTestId="email-domain-row" minWidth="min-w-[640px]" />
        )}
        {canManage ? (
          <CardBody className="border-t border-slate-200">
            <HydratedForm
              className="flex flex-wrap items-end gap-3"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                add.run(
                  () => addEmailDomainAction(tenantId, { domain: newDomain }),
                  (r) => {
                    setNewDomain("");
                    onNotice(`${r.email_domain.domain} added: publish its TXT record, then verify`);
                  },
                );
              }}
            >
              <Field id="new-email-domain" label="Add an email domain" error={add.failure?.fieldErrors.domain ?? add.failure?.message} className="min-w-0 flex-[1_1_16rem]">
                {(a11y) => <Input {...a11y} name="domain" placeholder="acme.com" value={newDomain} onChange={(e) => setNewDomain(e.target.value)} autoComplete="off" />}
              </Field>
              <Button type="submit" loading={add.pending} disabled={!newDomain.trim()}>
                Add domain
              </Button>
            </HydratedForm>
          </CardBody>
        ) : null}
      </Card>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.setFailure(null);
        }}
        title={`Remove ${removing?.domain ?? ""}?`}
        description="Sign-ups from this domain stop at once. People who already joined stay members."
        confirmLabel="Remove domain"
        pending={remove.pending}
        error={remove.failure?.message}
        onConfirm={() => {
          const d = removing;
          if (!d) return;
          remove.run(
            () => removeEmailDomainAction(tenantId, d.domain),
            () => {
              setRemoving(null);
              onNotice(`${d.domain} removed`);
            },
          );
        }}
      />
    </section>
  );
}
