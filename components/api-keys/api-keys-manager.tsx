"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition, type FormEvent } from "react";
import { formatDate, formatDateTime, formatRelative } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, FieldError, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/actions/action-result";
import type { ApiKeyView } from "@/lib/auth/api-keys";
import { API_KEY_EXPIRY_CHOICES } from "@/lib/schemas/api-key-expiry";
import { useReauthentication } from "@/components/auth/reauthenticate-dialog";

/** The permissions a new key may be given (those the viewer holds), each with a line of help. */
export type PermissionOption = { key: string; help: string };
type CreateKey = (input: { name: string; permissions: string[]; expires_in_days: number | null }) => Promise<ActionResult<{ key: string; apiKey: ApiKeyView }>>;
type RevokeKey = (id: string) => Promise<ActionResult<ApiKeyView>>;

/** Platform keys in the console and a tenant's keys in its portal: list, create (shown once), revoke. */
export function ApiKeysManager({
  title,
  keys,
  options,
  allPermissionCount,
  createKey,
  revokeKey,
  now,
}: {
  title: string;
  keys: ApiKeyView[];
  options: PermissionOption[];
  allPermissionCount: number;
  createKey: CreateKey;
  revokeKey: RevokeKey;
  now: number;
}) {
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const active = keys.filter((k) => !k.revoked_at).length;
  const columns = useMemo(() => keyColumns({ now, allPermissionCount, onRevoke: setRevoking }), [now, allPermissionCount]);

  return (
    <>
      <Card>
        <CardHeader
          title={title}
          description={`${active} active · ${keys.length - active} revoked`}
          actions={
            <Button onClick={() => setCreating(true)}>
              <svg viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
                <path d="M8 3.5v9M3.5 8h9" strokeLinecap="round" />
              </svg>
              Create API key
            </Button>
          }
        />
        {keys.length === 0 ? (
          <EmptyState
            icon={
              <svg viewBox="0 0 16 16" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
                <circle cx="5.5" cy="10.5" r="2.5" />
                <path d="m7.5 8.5 5-5M11 5l1.5 1.5" strokeLinecap="round" />
              </svg>
            }
            title="No API keys yet"
            description="Create a key for each script or service, with only the permissions it needs."
          />
        ) : (
          <DataTable
            label={title}
            columns={columns}
            data={keys}
            getRowId={(k) => k.id}
            rowTestId="api-key-row"
            rowClassName={(k) => (k.revoked_at ? "text-slate-500" : undefined)}
            minWidth="min-w-[820px]"
          />
        )}
      </Card>
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} options={options} createKey={createKey} />
      <RevokeKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} revokeKey={revokeKey} />
    </>
  );
}

function keyColumns({ now, allPermissionCount, onRevoke }: { now: number; allPermissionCount: number; onRevoke: (k: ApiKeyView) => void }): ColumnDef<ApiKeyView, unknown>[] {
  return [
    {
      id: "name",
      header: "Name",
      meta: { card: "title", className: "font-medium text-slate-900" },
      cell: ({ row: { original: k } }) => <span className={k.revoked_at ? "font-medium text-slate-500 line-through decoration-slate-400" : "font-medium text-slate-900"}>{k.name}</span>,
    },
    { id: "prefix", header: "Key", cell: ({ row }) => <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{row.original.prefix}…</code> },
    { id: "permissions", header: "Permissions", meta: { className: "max-w-xs" }, cell: ({ row }) => <PermissionList permissions={row.original.permissions} all={allPermissionCount} /> },
    {
      id: "created_at",
      header: "Created",
      meta: { className: "whitespace-nowrap text-slate-500 tabular-nums" },
      cell: ({ row: { original: k } }) => (
        <time dateTime={k.created_at} title={formatDateTime(k.created_at)}>
          {formatDate(k.created_at)}
        </time>
      ),
    },
    {
      id: "last_used_at",
      header: "Last used",
      meta: { className: "whitespace-nowrap text-slate-500" },
      cell: ({ row: { original: k } }) =>
        k.last_used_at ? (
          <time dateTime={k.last_used_at} title={formatDateTime(k.last_used_at)}>
            {formatRelative(k.last_used_at, now)}
          </time>
        ) : (
          "Never"
        ),
    },
    {
      id: "expires_at",
      header: "Expires",
      meta: { className: "whitespace-nowrap text-slate-500 tabular-nums" },
      cell: ({ row: { original: k } }) =>
        k.expires_at ? (
          <time dateTime={k.expires_at} title={formatDateTime(k.expires_at)}>
            {formatDate(k.expires_at)}
          </time>
        ) : (
          "Never"
        ),
    },
    {
      id: "status",
      header: "Status",
      cell: ({ row: { original: k } }) =>
        k.revoked_at ? (
          <Badge tone="zinc">Revoked {formatDate(k.revoked_at)}</Badge>
        ) : k.expires_at && Date.parse(k.expires_at) <= now ? (
          <Badge tone="amber">Expired</Badge>
        ) : (
          <Badge tone="green" dot>
            Active
          </Badge>
        ),
    },
    {
      id: "actions",
      header: "Actions",
      meta: { card: "actions", srOnlyHeader: true, className: "text-right" },
      cell: ({ row: { original: k } }) =>
        k.revoked_at ? null : (
          <Button variant="danger-ghost" size="sm" onClick={() => onRevoke(k)} aria-label={`Revoke ${k.name}`}>
            Revoke
          </Button>
        ),
    },
  ];
}

function PermissionList({ permissions, all }: { permissions: string[]; all: number }) {
  if (new Set(permissions).size >= all) return <Badge tone="indigo">All permissions</Badge>;
  return (
    <div className="flex flex-wrap gap-1">
      {permissions.map((p) => (
        <span key={p} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600">
          {p}
        </span>
      ))}
    </div>
  );
}

// Keys that never expire outlive the scripts they were made for; 90 days unless chosen otherwise.
const DEFAULT_EXPIRY_DAYS = 90;

function CreateKeyDialog({ open, onClose, options, createKey }: { open: boolean; onClose: () => void; options: PermissionOption[]; createKey: CreateKey }) {
  const withReauthentication = useReauthentication();
  const heldPermissions = options.map((o) => o.key);
  const readOnly = heldPermissions.filter((p) => p.endsWith(":read"));
  const presets = [
    { label: "Read-only", permissions: readOnly },
    { label: "Full access", permissions: heldPermissions },
    { label: "None", permissions: [] as string[] },
  ];
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [name, setName] = useState("");
  // Nothing ticked at first: least privilege is the default, not something to remember.
  const [perms, setPerms] = useState<string[]>([]);
  const [expiry, setExpiry] = useState<string>(String(DEFAULT_EXPIRY_DAYS));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);

  const close = () => {
    setName("");
    setPerms([]);
    setExpiry(String(DEFAULT_EXPIRY_DAYS));
    setErrors({});
    setMessage(null);
    setCreated(null);
    onClose();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await withReauthentication(() => createKey({ name, permissions: perms, expires_in_days: expiry === "never" ? null : Number(expiry) }));
      if (!r.ok) {
        setErrors(r.fieldErrors);
        setMessage(Object.keys(r.fieldErrors).length ? null : r.message);
        return;
      }
      setErrors({});
      setMessage(null);
      setCreated({ key: r.data.key, name: r.data.apiKey.name });
      router.refresh();
    });
  };

  if (created) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title="Copy your new API key"
        className="max-w-lg"
        description={`“${created.name}” was created. This is the only time the key is shown.`}
        footer={<Button onClick={close}>Done</Button>}
      >
        <Alert tone="warning" className="mb-3">
          Copy the key now and store it in a secret manager. Atrium keeps only a hash, so it cannot show it again; if it is lost, revoke it and create another.
        </Alert>
        <div className="flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 p-2">
          <code data-testid="new-api-key" className="min-w-0 flex-1 px-1 font-mono text-[13px] break-all text-slate-900 select-all">
            {created.key}
          </code>
          <CopyButton value={created.key} />
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create API key"
      className="max-w-lg"
      description="The key acts with the permissions you choose here; you can only grant permissions you hold."
      footer={
        <DialogActions onCancel={close} pending={pending}>
          <Button type="submit" form="create-key-form" loading={pending}>
            Create key
          </Button>
        </DialogActions>
      }
    >
      <form id="create-key-form" onSubmit={onSubmit} noValidate className="space-y-4">
        {message ? <Alert tone="danger">{message}</Alert> : null}
        <div className="grid gap-4 sm:grid-cols-[1fr_11rem]">
          <Field id="key-name" label="Name" error={errors.name} hint="What uses it, e.g. billing-sync or Terraform.">
            {(a) => <Input {...a} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" autoFocus />}
          </Field>
          <Field id="key-expiry" label="Expires" error={errors.expires_in_days ?? errors.expires_at} hint="Expired keys are refused.">
            {(a) => (
              <Select id={a.id} aria-describedby={a["aria-describedby"]} invalid={a.invalid} value={expiry} onChange={(e) => setExpiry(e.target.value)}>
                {API_KEY_EXPIRY_CHOICES.map((d) => (
                  <option key={d} value={String(d)}>
                    In {d} days
                  </option>
                ))}
                <option value="never">Never</option>
              </Select>
            )}
          </Field>
        </div>
        <fieldset aria-describedby={errors.permissions ? "key-permissions-error" : undefined}>
          <div className="mb-1.5 flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
            <legend className="text-[13px] font-medium text-slate-700">Permissions</legend>
            <div className="flex gap-3" role="group" aria-label="Permission presets">
              {presets.map((preset) =>
                preset.label === "Read-only" && preset.permissions.length === 0 ? null : (
                  <button key={preset.label} type="button" className="text-xs font-medium text-indigo-700 hover:underline" onClick={() => setPerms(preset.permissions)}>
                    {preset.label}
                  </button>
                ),
              )}
            </div>
          </div>
          <div className="grid gap-0.5 rounded-md border border-slate-200 p-1.5 sm:grid-cols-2">
            {options.map(({ key: p, help }) => (
              <label key={p} className="flex cursor-pointer items-start gap-2 rounded px-2 py-1.5 hover:bg-slate-50">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-indigo-600"
                  checked={perms.includes(p)}
                  onChange={(e) => setPerms(e.target.checked ? [...perms, p] : perms.filter((x) => x !== p))}
                />
                <span className="min-w-0">
                  <span className="block font-mono text-xs text-slate-800">{p}</span>
                  <span className="block text-xs text-slate-500">{help}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id="key-permissions-error" message={errors.permissions} />
        </fieldset>
      </form>
    </Dialog>
  );
}

function RevokeKeyDialog({ apiKey, onClose, revokeKey }: { apiKey: ApiKeyView | null; onClose: () => void; revokeKey: RevokeKey }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <ConfirmDialog
      open={apiKey !== null}
      onClose={close}
      title="Revoke API key?"
      description={
        apiKey ? (
          <>
            Requests using <strong className="font-medium text-slate-900">{apiKey.name}</strong> (<code className="font-mono text-xs">{apiKey.prefix}…</code>) will be refused at once. This
            cannot be undone.
          </>
        ) : null
      }
      confirmLabel="Revoke key"
      pending={pending}
      error={error}
      onConfirm={() =>
        startTransition(async () => {
          const r = await revokeKey(apiKey!.id);
          if (!r.ok) {
            setError(r.message);
            return;
          }
          close();
          router.refresh();
        })
      }
    />
  );
}
