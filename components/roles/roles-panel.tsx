"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { unwrapAction, useMemberMutation } from "@/components/members/use-member-mutation";
import { RoleOptions } from "@/components/members/role-options";
import { PermissionChecklist, PermissionChips } from "@/components/tenant-access/permission-checklist";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Toast, useToast } from "@/components/ui/toast";
import { createRoleAction, deleteRoleAction, listRolesAction, previewRoleChangeAction, updateRoleAction, type MemberPermissionChange, type RoleView } from "@/lib/actions/member-actions";
import { queryKeys } from "@/lib/query/keys";
import { OWNER_ONLY_PERMISSIONS, TENANT_PERMISSION_INFO, type TenantPermission } from "@/lib/tenant-access/permissions";
import { useReauthentication } from "@/components/auth/reauthenticate-dialog";

const permissionLabel = (p: string) => TENANT_PERMISSION_INFO[p as TenantPermission]?.label ?? p;

type Editing = { mode: "create" } | { mode: "edit"; role: RoleView } | null;

/** Built-in roles (read-only) and the tenant's custom roles, with create, edit (after a preview of its effects) and delete. */
export function RolesPanel({ tenantId, canManage, myPermissions }: { tenantId: string; canManage: boolean; myPermissions: readonly string[] }) {
  const [toast, setToast] = useToast();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<RoleView | null>(null);
  const roles = useQuery({ queryKey: queryKeys.members.roles(tenantId), queryFn: () => unwrapAction(listRolesAction(tenantId)) });
  const list = roles.data?.roles;
  const builtIn = list?.filter((r) => r.built_in) ?? [];
  const custom = list?.filter((r) => !r.built_in) ?? [];

  return (
    <div className="space-y-8">
      {roles.isError && !list ? (
        <Alert tone="danger" title="Could not load roles" actions={<Button size="sm" variant="secondary" onClick={() => roles.refetch()}>Retry</Button>}>
          {roles.error.message}
        </Alert>
      ) : null}
      <section aria-labelledby="custom-roles-heading">
        <div className="mb-3 flex items-center justify-between gap-3">
          <div>
            <h2 id="custom-roles-heading" className="text-sm font-semibold text-slate-900">
              Custom roles
            </h2>
            <p className="text-[13px] text-slate-500">Roles made here from the permissions below.</p>
          </div>
          {canManage ? <Button onClick={() => setEditing({ mode: "create" })}>New role</Button> : null}
        </div>
        {!list ? (
          <Skeleton className="h-24 w-full" />
        ) : custom.length === 0 ? (
          <Card className="px-5 py-8 text-center text-sm text-slate-500">No custom roles yet.{canManage ? " Create one when the built-in roles do not fit." : ""}</Card>
        ) : (
          <ul className="space-y-3" aria-label="Custom roles">
            {custom.map((r) => (
              <RoleCard key={r.id} role={r} actions={canManage ? <><Button size="sm" variant="secondary" onClick={() => setEditing({ mode: "edit", role: r })}>Edit</Button><Button size="sm" variant="danger-ghost" onClick={() => setDeleting(r)}>Delete</Button></> : null} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="builtin-roles-heading">
        <h2 id="builtin-roles-heading" className="text-sm font-semibold text-slate-900">
          Built-in roles
        </h2>
        <p className="mb-3 text-[13px] text-slate-500">Always available; they cannot be changed.</p>
        {!list ? (
          <Skeleton className="h-40 w-full" />
        ) : (
          <ul className="space-y-3" aria-label="Built-in roles">
            {builtIn.map((r) => (
              <RoleCard key={r.id} role={r} />
            ))}
          </ul>
        )}
      </section>

      {editing ? (
        <RoleEditor
          key={editing.mode === "edit" ? editing.role.id : "new"}
          tenantId={tenantId}
          role={editing.mode === "edit" ? editing.role : null}
          myPermissions={myPermissions}
          onClose={() => setEditing(null)}
          onDone={(m) => {
            setEditing(null);
            setToast(m);
          }}
        />
      ) : null}
      <DeleteRoleDialog
        tenantId={tenantId}
        role={deleting}
        roles={list ?? []}
        onClose={() => setDeleting(null)}
        onDone={(m) => {
          setDeleting(null);
          setToast(m);
        }}
      />
      <Toast message={toast} />
    </div>
  );
}

function RoleCard({ role, actions }: { role: RoleView; actions?: React.ReactNode }) {
  return (
    <li data-testid="role-card" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            {role.name}
            {role.built_in ? <Badge tone="slate">Built-in</Badge> : <Badge tone="indigo">Custom</Badge>}
          </p>
          {role.description ? <p className="mt-0.5 text-[13px] text-slate-500">{role.description}</p> : null}
          <p className="mt-1 text-xs text-slate-500 tabular-nums">
            {role.member_count} member{role.member_count === 1 ? "" : "s"}
          </p>
        </div>
        {actions ? <div className="flex items-center gap-1">{actions}</div> : null}
      </div>
      <div className="mt-3">
        <PermissionChips permissions={role.permissions} />
      </div>
    </li>
  );
}

function RoleEditor({ tenantId, role, myPermissions, onClose, onDone }: { tenantId: string; role: RoleView | null; myPermissions: readonly string[]; onClose: () => void; onDone: (m: string) => void }) {
  const [name, setName] = useState(role?.name ?? "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [permissions, setPermissions] = useState<Set<string>>(new Set(role?.permissions ?? []));
  const [preview, setPreview] = useState<MemberPermissionChange[] | null>(null);
  const { pending, failure, setFailure, run } = useMemberMutation(tenantId);
  const body = { name, description, permissions: [...permissions] };
  const grantable = (p: TenantPermission) => !OWNER_ONLY_PERMISSIONS.includes(p) && myPermissions.includes(p);
  const blockedReason = (p: TenantPermission) => (OWNER_ONLY_PERMISSIONS.includes(p) ? "Only the built-in owner role carries this" : "You do not hold this permission yourself");

  const save = () =>
    role
      ? run(() => updateRoleAction(tenantId, role.id, body), (d) => onDone(`Role ${d.role.name} saved${d.changes.length ? `; ${d.changes.length} member${d.changes.length === 1 ? "" : "s"} affected` : ""}`))
      : run(() => createRoleAction(tenantId, body), (d) => onDone(`Role ${d.role.name} created`));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!role || role.member_count === 0 || preview) return save();
    // Before changing a role people hold, show them who gains and who loses what.
    run(
      () => previewRoleChangeAction(tenantId, role.id, { permissions: [...permissions] }),
      (d) => (d.changes.length ? setPreview(d.changes) : save()),
    );
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={preview ? "Review the effect of this change" : role ? `Edit ${role.name}` : "New role"}
      className="max-w-2xl"
      description={preview ? "These members hold the role; saving changes what they can do at once." : "Give the role a name and choose what it may do."}
      footer={
        <>
          <Button variant="secondary" onClick={preview ? () => setPreview(null) : onClose} disabled={pending}>
            {preview ? "Back" : "Cancel"}
          </Button>
          <Button type="submit" form="role-form" loading={pending}>
            {preview ? "Save role" : role && role.member_count > 0 ? "Review changes" : role ? "Save role" : "Create role"}
          </Button>
        </>
      }
    >
      <form id="role-form" onSubmit={onSubmit} noValidate className="space-y-4">
        {failure && !failure.fieldErrors.name ? <Alert tone="danger">{failure.message}</Alert> : null}
        {preview ? (
          <ul className="max-h-[50vh] divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200" aria-label="Effect on members" data-testid="role-change-preview">
            {preview.map((c) => (
              <li key={c.user_id} className="px-3 py-2.5">
                <p className="text-sm font-medium text-slate-900">
                  {c.name} <span className="font-normal text-slate-500">{c.email}</span>
                </p>
                {c.gains.length ? <p className="mt-0.5 text-xs text-emerald-700">Gains: {c.gains.map(permissionLabel).join(", ")}</p> : null}
                {c.loses.length ? <p className="mt-0.5 text-xs text-red-700">Loses: {c.loses.map(permissionLabel).join(", ")}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="role-name" label="Name" error={failure?.fieldErrors.name}>
                {(a) => <Input {...a} value={name} onChange={(e) => { setName(e.target.value); setFailure(null); }} maxLength={64} autoFocus />}
              </Field>
              <Field id="role-description" label="Description" optional error={failure?.fieldErrors.description}>
                {(a) => <Input {...a} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />}
              </Field>
            </div>
            <PermissionChecklist idPrefix="role-perm" value={permissions} onChange={(p) => { setPermissions(p); setPreview(null); }} grantable={grantable} blockedReason={blockedReason} />
          </>
        )}
      </form>
    </Dialog>
  );
}

function DeleteRoleDialog({ tenantId, role, roles, onClose, onDone }: { tenantId: string; role: RoleView | null; roles: RoleView[]; onClose: () => void; onDone: (m: string) => void }) {
  const withReauthentication = useReauthentication();
  const [replacement, setReplacement] = useState("member");
  const { pending, failure, setFailure, run } = useMemberMutation(tenantId);
  const close = () => {
    setFailure(null);
    onClose();
  };
  const others = roles.filter((r) => r.id !== role?.id && r.id !== "owner");
  return (
    <ConfirmDialog
      open={role !== null}
      onClose={close}
      title={role ? `Delete ${role.name}?` : "Delete role"}
      description={role && role.member_count > 0 ? `${role.member_count} member${role.member_count === 1 ? " holds" : "s hold"} this role. Choose the role they move to.` : "Nobody holds this role. It will be removed."}
      confirmLabel="Delete role"
      pending={pending}
      error={failure?.message}
      onConfirm={() => role && run(() => withReauthentication(() => deleteRoleAction(tenantId, role.id, { replacement_role: replacement })), (d) => onDone(`Role ${role.name} deleted${d.members_moved ? `; ${d.members_moved} moved` : ""}`))}
    >
      {role && role.member_count > 0 ? (
        <div>
          <label htmlFor="replacement-role" className="mb-1.5 block text-[13px] font-medium text-slate-700">
            Move its members to
          </label>
          <Select id="replacement-role" value={replacement} onChange={(e) => setReplacement(e.target.value)}>
            <RoleOptions roles={others} />
          </Select>
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
