"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import { formatDate, formatDateTime, formatRelative } from "@/components/console/format";
import { PageHeader } from "@/components/console/page-header";
import { MemberStatusBadge, RoleBadge } from "@/components/members/member-badges";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { EmptyState } from "@/components/ui/empty-state";
import { HydratedFieldset } from "@/components/ui/hydrated-form";
import { Select } from "@/components/ui/select";
import { PLATFORM_ROLE_LABELS, PLATFORM_ROLES, type PlatformRole } from "@/lib/auth/permissions";
import { endUserSessionsAction } from "@/lib/actions/session-actions";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import { PlatformRoleBadge, UserStatusBadge } from "../_components/user-badges";
import { userQueryKeys } from "../_lib/user-query-keys";
import { changePlatformRoleAction, changeUserStatusAction, getUserAction, type UserDetail, type UserView } from "../user-actions";

type Props = { userId: string; canManage: boolean; isSelf: boolean; now: number };

/** One account: its details, its platform access and its memberships across tenants. */
export function UserDetailClient({ userId, canManage, isSelf, now }: Props) {
  const query = useQuery({ queryKey: userQueryKeys.detail(userId), queryFn: () => unwrapAction(getUserAction(userId)) });
  const [statusDialog, setStatusDialog] = useState(false);
  const [endingSessions, setEndingSessions] = useState(false);
  const [toast, setToast] = useState<string | null>(null);

  useEffect(() => {
    if (!toast) return;
    const id = setTimeout(() => setToast(null), 4000);
    return () => clearTimeout(id);
  }, [toast]);

  const data = query.data;
  if (!data) {
    return query.isError ? (
      <Alert tone="danger" title="Could not load this user" actions={<Button size="sm" variant="secondary" onClick={() => query.refetch()}>Retry</Button>}>
        {query.error.message}
      </Alert>
    ) : null;
  }
  const u = data.user;
  const mayChange = canManage && !isSelf;

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href="/users" className="text-[13px] font-medium text-slate-500 hover:text-slate-900 focus-visible:rounded focus-visible:outline-2 focus-visible:outline-indigo-600">
            ← Users
          </Link>
        }
        title={u.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {u.email}
            <PlatformRoleBadge role={u.platform_role} />
            <UserStatusBadge status={u.status} />
          </span>
        }
        actions={
          mayChange ? (
            <>
              <Button variant="secondary" onClick={() => setEndingSessions(true)}>
                End all sessions…
              </Button>
              <Button variant={u.status === "active" ? "danger-outline" : "secondary"} onClick={() => setStatusDialog(true)}>
                {u.status === "active" ? "Suspend account…" : "Reactivate account…"}
              </Button>
            </>
          ) : null
        }
      />

      {u.status === "suspended" ? (
        <Alert tone="warning" title="This account is suspended">
          It cannot sign in to the console or to any tenant. Its memberships and roles are kept until it is reactivated.
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Account" />
          <CardBody>
            <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2.5 text-sm">
              <Field label="Email">{u.email}</Field>
              <Field label="Name">{u.name}</Field>
              <Field label="User id">
                <span className="font-mono text-xs">{u.id}</span>
              </Field>
              <Field label="Last sign-in">{u.last_login_at ? `${formatDateTime(u.last_login_at)} (${formatRelative(u.last_login_at, now)})` : "Never"}</Field>
              <Field label="Created">{formatDateTime(u.created_at)}</Field>
              <Field label="Updated">{formatDateTime(u.updated_at)}</Field>
            </dl>
          </CardBody>
        </Card>

        <PlatformAccessCard user={u} canManage={canManage} isSelf={isSelf} onDone={setToast} />
      </div>

      <MembershipsCard memberships={data.memberships} now={now} />

      <EndSessionsDialog user={u} open={endingSessions} onClose={() => setEndingSessions(false)} onDone={(m) => { setEndingSessions(false); setToast(m); }} />
      <StatusDialog user={u} open={statusDialog} onClose={() => setStatusDialog(false)} onDone={(m) => { setStatusDialog(false); setToast(m); }} />

      <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-6 z-30 flex justify-center px-4">
        {toast ? (
          <div role="status" className="pointer-events-auto flex items-center gap-2 rounded-lg bg-slate-900 px-4 py-2.5 text-sm text-white shadow-lg">
            <svg viewBox="0 0 16 16" className="size-4 text-emerald-400" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
              <path d="m3.5 8.5 3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            {toast}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </>
  );
}

const roleLabel = (r: PlatformRole | null) => (r ? PLATFORM_ROLE_LABELS[r] : "No platform role");

function PlatformAccessCard({ user, canManage, isSelf, onDone }: { user: UserView; canManage: boolean; isSelf: boolean; onDone: (message: string) => void }) {
  // Keyed by the saved role so the picker starts from it again after each change.
  return <PlatformAccessCardInner key={user.platform_role ?? "none"} user={user} canManage={canManage} isSelf={isSelf} onDone={onDone} />;
}

function PlatformAccessCardInner({ user, canManage, isSelf, onDone }: { user: UserView; canManage: boolean; isSelf: boolean; onDone: (message: string) => void }) {
  const [role, setRole] = useState<PlatformRole | null>(user.platform_role);
  const [confirming, setConfirming] = useState(false);
  const { pending, failure, setFailure, run } = useActionMutation(userQueryKeys.all);
  const queryClient = useQueryClient();
  // The saved user goes into the cache at once, so the card restarts from the new role now rather than
  // when the refetch lands, which would reset a choice made in between.
  const saved = (next: UserView) => queryClient.setQueryData<UserDetail>(userQueryKeys.detail(user.id), (old) => (old ? { ...old, user: next } : old));
  const close = () => {
    setFailure(null);
    setConfirming(false);
  };
  const mayChange = canManage && !isSelf;
  return (
    <Card>
      <CardHeader title="Platform access" description="What this account may do in the platform console. Tenant access comes from memberships." />
      <CardBody className="space-y-3">
        {mayChange ? (
          <>
            <div>
              <label htmlFor="platform-role" className="mb-1.5 block text-[13px] font-medium text-slate-700">
                Platform role
              </label>
              <HydratedFieldset className="flex gap-2">
                <Select id="platform-role" value={role ?? ""} onChange={(e) => setRole((e.target.value || null) as PlatformRole | null)} className="flex-1">
                  <option value="">No platform role (tenant member only)</option>
                  {PLATFORM_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {PLATFORM_ROLE_LABELS[r]}
                    </option>
                  ))}
                </Select>
                <Button variant="secondary" disabled={role === user.platform_role} onClick={() => setConfirming(true)}>
                  Change role…
                </Button>
              </HydratedFieldset>
            </div>
            <Dialog
              open={confirming}
              onClose={close}
              title="Change platform role?"
              description={
                <>
                  <strong className="font-medium text-slate-900">{user.email}</strong> goes from {roleLabel(user.platform_role)} to {roleLabel(role)}. It takes effect at their next request.
                </>
              }
              footer={
                <DialogActions onCancel={close} pending={pending}>
                  <Button loading={pending} onClick={() => run(() => changePlatformRoleAction(user.id, role), (d) => { close(); saved(d.user); onDone(`${d.user.email} is now: ${roleLabel(d.user.platform_role)}`); })}>
                    Change role
                  </Button>
                </DialogActions>
              }
            >
              {failure ? <Alert tone="danger">{failure.message}</Alert> : null}
            </Dialog>
          </>
        ) : (
          <div className="flex items-center gap-3">
            <PlatformRoleBadge role={user.platform_role} />
          </div>
        )}
        {isSelf ? <p className="text-[13px] text-slate-500">This is your own account: another platform admin has to change its role or status.</p> : null}
        {!canManage ? <p className="text-[13px] text-slate-500">Read-only: only platform admins change platform roles and account status.</p> : null}
      </CardBody>
    </Card>
  );
}

const STATUS_COPY = {
  suspend: {
    title: "Suspend account?",
    body: (u: UserView) => `${u.email} is signed out of the console and every tenant now and cannot sign in again. Memberships and roles are kept.`,
    confirm: "Suspend account",
    done: (u: UserView) => `${u.email} suspended`,
  },
  reactivate: {
    title: "Reactivate account?",
    body: (u: UserView) => `${u.email} can sign in again, with the platform role and memberships it had.`,
    confirm: "Reactivate account",
    done: (u: UserView) => `${u.email} reactivated`,
  },
} as const;

/** Staff end every session of an account (console and every portal) without suspending it: its holder signs in again. */
function EndSessionsDialog({ user, open, onClose, onDone }: { user: UserView; open: boolean; onClose: () => void; onDone: (message: string) => void }) {
  const { pending, failure, setFailure, run } = useActionMutation(userQueryKeys.all);
  const close = () => {
    setFailure(null);
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      title="End all sessions?"
      description={`${user.email} is signed out of the console and every tenant's portal on every device now. The account stays active: they can sign in again.`}
      confirmLabel="End all sessions"
      pending={pending}
      error={failure?.message}
      onConfirm={() => run(() => endUserSessionsAction(user.id), (d) => { setFailure(null); onDone(`${d.ended} ${d.ended === 1 ? "session" : "sessions"} of ${user.email} ended`); })}
    />
  );
}

function StatusDialog({ user, open, onClose, onDone }: { user: UserView; open: boolean; onClose: () => void; onDone: (message: string) => void }) {
  const kind = user.status === "active" ? "suspend" : "reactivate";
  const copy = STATUS_COPY[kind];
  const { pending, failure, setFailure, run } = useActionMutation(userQueryKeys.all);
  const close = () => {
    setFailure(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      tone={kind === "suspend" ? "danger" : "default"}
      title={copy.title}
      description={copy.body(user)}
      footer={
        <DialogActions onCancel={close} pending={pending}>
          <Button
            variant={kind === "suspend" ? "danger" : "primary"}
            loading={pending}
            onClick={() => run(() => changeUserStatusAction(user.id, kind === "suspend" ? "suspended" : "active"), () => { setFailure(null); onDone(copy.done(user)); })}
          >
            {copy.confirm}
          </Button>
        </DialogActions>
      }
    >
      {failure ? <Alert tone="danger">{failure.message}</Alert> : null}
    </Dialog>
  );
}

function MembershipsCard({ memberships, now }: { memberships: UserDetail["memberships"]; now: number }) {
  return (
    <Card className="overflow-hidden">
      <CardHeader id="memberships-heading" title="Memberships" description={`${memberships.length} tenant${memberships.length === 1 ? "" : "s"}; roles and status are managed on each tenant's Members tab.`} />
      {memberships.length === 0 ? (
        <EmptyState title="No memberships" description="This account belongs to no tenant." />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[680px] text-left text-sm" aria-labelledby="memberships-heading">
            <thead className="border-b border-slate-200 bg-slate-50/80 text-xs font-medium text-slate-500">
              <tr>
                <th scope="col" className="py-2.5 pr-3 pl-5 font-medium">
                  Tenant
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Role
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Joined
                </th>
                <th scope="col" className="py-2.5 pr-5 pl-3 font-medium">
                  Last active
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {memberships.map((m) => (
                <tr key={m.tenant_id} data-testid="membership-row">
                  <td className="py-3 pr-3 pl-5">
                    <Link href={`/tenants/${m.tenant_id}?tab=members`} className="font-medium text-slate-900 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
                      {m.tenant_name}
                    </Link>
                    <p className="font-mono text-xs text-slate-500">{m.tenant_slug}</p>
                  </td>
                  <td className="px-3 py-3">
                    <RoleBadge role={m.role} name={m.role_name} />
                  </td>
                  <td className="px-3 py-3">
                    <MemberStatusBadge status={m.status} />
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap text-slate-500 tabular-nums">{formatDate(m.joined_at)}</td>
                  <td className="py-3 pr-5 pl-3 whitespace-nowrap text-slate-500 tabular-nums">{m.last_active_at ? formatRelative(m.last_active_at, now) : "Never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
