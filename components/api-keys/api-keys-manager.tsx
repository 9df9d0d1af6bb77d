"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { formatDate, formatDateTime, formatRelative } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, FieldError, Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/action-result";
import type { ApiKeyView } from "@/lib/auth/api-keys";

/** The permissions a new key may be given (those the viewer holds), each with a line of help. */
export type PermissionOption = { key: string; help: string };
type CreateKey = (input: { name: string; permissions: string[] }) => Promise<ActionResult<{ key: string; apiKey: ApiKeyView }>>;
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
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[820px] text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50/80 text-xs font-medium text-slate-500">
                <tr>
                  <th scope="col" className="py-2.5 pr-3 pl-5 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Key
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Permissions
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Created
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Last used
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Status
                  </th>
                  <th scope="col" className="py-2.5 pr-5 pl-3 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.map((k) => (
                  <tr key={k.id} className={k.revoked_at ? "text-slate-400" : undefined}>
                    <td className="py-3 pr-3 pl-5 font-medium text-slate-900">
                      <span className={k.revoked_at ? "text-slate-400 line-through decoration-slate-300" : undefined}>{k.name}</span>
                    </td>
                    <td className="px-3 py-3">
                      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{k.prefix}…</code>
                    </td>
                    <td className="max-w-xs px-3 py-3">
                      <PermissionList permissions={k.permissions} all={allPermissionCount} />
                    </td>
                    <td className="px-3 py-3 whitespace-nowrap text-slate-500 tabular-nums">
                      <time dateTime={k.created_at} title={formatDateTime(k.created_at)}>
                        {formatDate(k.created_at)}
                      </time>
                    </td>
                    <td className="px-3 py-3 whitespace-nowrap text-slate-500">
                      {k.last_used_at ? (
                        <time dateTime={k.last_used_at} title={formatDateTime(k.last_used_at)}>
                          {formatRelative(k.last_used_at, now)}
                        </time>
                      ) : (
                        "Never"
                      )}
                    </td>
                    <td className="px-3 py-3">
                      {k.revoked_at ? (
                        <Badge tone="zinc">Revoked {formatDate(k.revoked_at)}</Badge>
                      ) : (
                        <Badge tone="green" dot>
                          Active
                        </Badge>
                      )}
                    </td>
                    <td className="py-3 pr-5 pl-3 text-right">
                      {k.revoked_at ? null : (
                        <Button variant="danger-ghost" size="sm" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} options={options} createKey={createKey} />
      <RevokeKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} revokeKey={revokeKey} />
    </>
  );
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

function CreateKeyDialog({ open, onClose, options, createKey }: { open: boolean; onClose: () => void; options: PermissionOption[]; createKey: CreateKey }) {
  const heldPermissions = options.map((o) => o.key);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [name, setName] = useState("");
  const [perms, setPerms] = useState<string[]>(heldPermissions);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);

  const close = () => {
    setName("");
    setPerms(heldPermissions);
    setErrors({});
    setMessage(null);
    setCreated(null);
    onClose();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await createKey({ name, permissions: perms });
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
    <Dialog open={open} onClose={close} title="Create API key" className="max-w-lg" description="The key acts with the permissions you choose here; you can only grant permissions you hold.">
      <form id="create-key-form" onSubmit={onSubmit} noValidate className="space-y-4">
        {message ? <Alert tone="danger">{message}</Alert> : null}
        <Field id="key-name" label="Name" error={errors.name} hint="What uses it, e.g. billing-sync or Terraform.">
          {(a) => <Input {...a} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" autoFocus />}
        </Field>
        <fieldset aria-describedby={errors.permissions ? "key-permissions-error" : undefined}>
          <div className="mb-1.5 flex items-center justify-between">
            <legend className="text-[13px] font-medium text-slate-700">Permissions</legend>
            <button
              type="button"
              className="text-xs font-medium text-indigo-700 hover:underline"
              onClick={() => setPerms(perms.length === heldPermissions.length ? [] : heldPermissions)}
            >
              {perms.length === heldPermissions.length ? "Clear all" : "Select all"}
            </button>
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
      <div className="-mx-5 mt-5 -mb-5 flex justify-end gap-2 rounded-b-xl border-t border-slate-200 bg-slate-50 px-5 py-3">
        <Button variant="secondary" onClick={close} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" form="create-key-form" loading={pending}>
          Create key
        </Button>
      </div>
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
