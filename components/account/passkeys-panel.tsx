"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { usePasskeyRegistration } from "@/components/account/use-passkey-registration";
import { deletePasskey } from "@/components/auth/passkey-ceremony";
import { useReauthentication } from "@/components/auth/reauthenticate-dialog";
import { usePasskeysSupported } from "@/components/auth/passkey-sign-in-button";
import { formatDate, formatDateTime, formatRelative } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input } from "@/components/ui/input";
import { Toast, useToast } from "@/components/ui/toast";
import { fetchApi } from "@/lib/query/fetch-api";
import type { PasskeySummary } from "@/lib/schemas/passkeys";

const LIST_PATH = "/api/account/passkeys";
const queryKey = ["account", "passkeys"] as const;

/**
 * The account's passkeys on this host (Security page, console and portal):
 * list, add (the browser makes the key; the server checks and stores it),
 * remove. The first list comes from the server render.
 */
export function PasskeysPanel({ initial, rpId, now }: { initial: PasskeySummary[]; rpId: string; now: number }) {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey, queryFn: ({ signal }) => fetchApi<{ passkeys: PasskeySummary[] }>(LIST_PATH, { signal }).then((d) => d.passkeys), initialData: initial, staleTime: 30_000 });
  const supported = usePasskeysSupported();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<PasskeySummary | null>(null);
  const [toast, setToast] = useToast();
  const refresh = () => queryClient.invalidateQueries({ queryKey });
  const columns = useMemo(() => passkeyColumns({ now, onRemove: setRemoving }), [now]);
  const passkeys = list.data;

  return (
    <>
      <Card>
        <CardHeader
          id="passkeys"
          title="Passkeys"
          description={
            <>
              Sign in with your fingerprint, face, screen lock or a security key instead of a password, or use one as your second factor. Passkeys made here work only on <span className="font-medium text-slate-700">{rpId}</span>.
            </>
          }
          actions={
            <Button size="sm" onClick={() => setAdding(true)} disabled={!supported} title={supported ? undefined : "This browser cannot create passkeys"}>
              <svg viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
                <path d="M8 3.5v9M3.5 8h9" strokeLinecap="round" />
              </svg>
              Add a passkey
            </Button>
          }
        />
        {passkeys.length === 0 ? (
          <EmptyState
            icon={
              <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
                <circle cx="7.5" cy="6" r="3" />
                <path d="M2.5 16.5c0-2.8 2.2-5 5-5 1.1 0 2.1.3 2.9.9" strokeLinecap="round" />
                <circle cx="14.5" cy="11.5" r="2" />
                <path d="M14.5 13.5v4l1.2-1-1.2-1.2" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
            }
            title="No passkeys on this site yet"
            description={supported ? "Add one to sign in without typing your password." : "This browser cannot create passkeys. Try a current version of Chrome, Safari, Edge or Firefox."}
          />
        ) : (
          <DataTable label="Passkeys" columns={columns} data={passkeys} getRowId={(p) => p.id} rowTestId="passkey-row" minWidth="min-w-[640px]" />
        )}
      </Card>
      <AddPasskeyDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(p) => {
          setAdding(false);
          setToast(`Passkey “${p.name}” added`);
          void refresh();
        }}
      />
      <RemovePasskeyDialog
        passkey={removing}
        onClose={() => setRemoving(null)}
        onRemoved={(p) => {
          setRemoving(null);
          setToast(`Passkey “${p.name}” removed`);
          void refresh();
        }}
      />
      <Toast message={toast} />
    </>
  );
}

function passkeyColumns({ now, onRemove }: { now: number; onRemove: (p: PasskeySummary) => void }): ColumnDef<PasskeySummary, unknown>[] {
  const when = (iso: string, relative: boolean) => (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {relative ? formatRelative(iso, now) : formatDate(iso)}
    </time>
  );
  return [
    { id: "name", header: "Name", meta: { card: "title", className: "font-medium text-slate-900" }, cell: ({ row }) => row.original.name },
    {
      id: "kind",
      header: "Kind",
      cell: ({ row: { original: p } }) => (p.backed_up ? <Badge tone="sky">Synced passkey</Badge> : <Badge tone="slate">On one device</Badge>),
    },
    { id: "created_at", header: "Added", meta: { className: "whitespace-nowrap text-slate-500 tabular-nums" }, cell: ({ row }) => when(row.original.created_at, false) },
    {
      id: "last_used_at",
      header: "Last used",
      meta: { className: "whitespace-nowrap text-slate-500" },
      cell: ({ row: { original: p } }) => (p.last_used_at ? when(p.last_used_at, true) : "Never"),
    },
    {
      id: "actions",
      header: "Actions",
      meta: { card: "actions", srOnlyHeader: true, className: "text-right" },
      cell: ({ row: { original: p } }) => (
        <Button variant="danger-ghost" size="sm" onClick={() => onRemove(p)} aria-label={`Remove passkey ${p.name}`}>
          Remove
        </Button>
      ),
    },
  ];
}

function AddPasskeyDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (p: PasskeySummary) => void }) {
  const { name, setName, nameError, message, pending, onSubmit, reset } = usePasskeyRegistration(onAdded);

  const close = () => {
    reset();
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={pending ? () => {} : close}
      title="Add a passkey"
      className="max-w-md"
      description="Your browser will ask you to confirm with your fingerprint, face, screen lock or security key."
      footer={
        <DialogActions onCancel={close} pending={pending}>
          <Button type="submit" form="add-passkey-form" loading={pending}>
            {pending ? "Waiting for your device…" : "Continue"}
          </Button>
        </DialogActions>
      }
    >
      <form id="add-passkey-form" onSubmit={onSubmit} noValidate className="space-y-4">
        {message ? <Alert tone="danger">{message}</Alert> : null}
        <Field id="passkey-name" label="Name" error={nameError} hint="So you can tell your passkeys apart, e.g. Work laptop or YubiKey.">
          {(a) => <Input {...a} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoComplete="off" autoFocus />}
        </Field>
      </form>
    </Dialog>
  );
}

function RemovePasskeyDialog({ passkey, onClose, onRemoved }: { passkey: PasskeySummary | null; onClose: () => void; onRemoved: (p: PasskeySummary) => void }) {
  const withReauthentication = useReauthentication();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const onConfirm = async () => {
    if (!passkey) return;
    setPending(true);
    setError(null);
    // Staff (and members whose tenant asks) confirm it's them when their sign-in is over 10 minutes old.
    const r = await withReauthentication(() => deletePasskey(passkey.id));
    if (r.ok) onRemoved(passkey);
    else setError(r.message);
    setPending(false);
  };
  return (
    <ConfirmDialog
      open={passkey !== null}
      onClose={close}
      title={`Remove “${passkey?.name ?? ""}”?`}
      description="You will no longer be able to sign in with this passkey. The device may keep it until you delete it there too."
      confirmLabel="Remove passkey"
      pending={pending}
      error={error}
      onConfirm={onConfirm}
    />
  );
}
