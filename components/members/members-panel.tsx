"use client";

import { useUrlIntent } from "@/components/command-palette/use-url-intent";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { formatDate, formatRelative } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { EmptyState } from "@/components/ui/empty-state";
import { Menu, type MenuItem } from "@/components/ui/menu";
import { ListFilterStatus } from "@/components/ui/list-filter-status";
import { SearchBox } from "@/components/ui/search-box";
import { Select } from "@/components/ui/select";
import { Pagination } from "@/components/ui/pagination";
import { SearchIcon } from "@/components/ui/search-icon";
import { queryKeys, type MemberListParams } from "@/lib/query/keys";
import { changeMemberRoleAction, changeMemberStatusAction, listMembersAction, listRolesAction, removeMemberAction, type MemberView, type RoleView } from "@/lib/actions/member-actions";
import { InvitationsCard } from "./invitations-card";
import { MEMBERS_FIRST_PAGE } from "./members-first-page";
import { MemberStatusBadge, RoleBadge } from "./member-badges";
import { RoleOptions } from "./role-options";
import { unwrapAction, useMemberMutation } from "./use-member-mutation";

type SortKey = MemberListParams["sort"];
type RowDialog = { kind: "role" | "suspend" | "remove"; member: MemberView } | null;

const DEFAULT_PARAMS = MEMBERS_FIRST_PAGE;

/** The columns, declared once: the table from `lg` up, one card per member below it. `rowMenu` null: no actions column. */
function memberColumns({ now, rowMenu }: { now: number; rowMenu: ((m: MemberView) => MenuItem[]) | null }): ColumnDef<MemberView, unknown>[] {
  return [
    {
      id: "name",
      header: "Name",
      meta: { card: "title", sortKey: "name", skeleton: "w-32" },
      cell: ({ row: { original: m } }) => (
        <div className="flex items-center gap-3">
          <MemberAvatar name={m.name} />
          <span className="truncate font-medium text-slate-900">{m.name}</span>
        </div>
      ),
    },
    // On a card the address sits under the name, in line with it (past the avatar).
    { id: "email", header: "Email", meta: { card: "title", sortKey: "email", skeleton: "w-40" }, cell: ({ row }) => <span className="block truncate text-slate-600 max-lg:pl-11 max-lg:text-[13px]">{row.original.email}</span> },
    { id: "role", header: "Role", meta: { skeleton: "w-16" }, cell: ({ row: { original: m } }) => <RoleBadge role={m.role} name={m.role_name} /> },
    { id: "status", header: "Status", meta: { skeleton: "w-16" }, cell: ({ row }) => <MemberStatusBadge status={row.original.status} /> },
    { id: "created_at", header: "Joined", meta: { sortKey: "created_at", className: "whitespace-nowrap text-slate-500 tabular-nums" }, cell: ({ row }) => formatDate(row.original.joined_at) },
    {
      id: "last_active_at",
      header: "Last active",
      meta: { className: "whitespace-nowrap text-slate-500 tabular-nums", skeleton: "w-16" },
      cell: ({ row: { original: m } }) => (m.last_active_at ? formatRelative(m.last_active_at, now) : "Never"),
    },
    ...(rowMenu
      ? [
          {
            id: "actions",
            header: "Actions",
            meta: { card: "actions", srOnlyHeader: true, className: "text-right", skeleton: "w-6" },
            cell: ({ row }) => <RowMenu member={row.original} items={rowMenu(row.original)} />,
          } satisfies ColumnDef<MemberView, unknown>,
        ]
      : []),
  ];
}

/** What the viewer may do here; it only shapes the controls (the services decide). */
export type MemberCapabilities = { update: boolean; invite: boolean; remove: boolean };

/** A tenant's members and open invitations: the console's Members tab and the portal's Members page. */
export function MembersPanel({ tenantId, tenantName, can, now, onNotice }: { tenantId: string; tenantName: string; can: MemberCapabilities; now: number; onNotice: (message: string) => void }) {
  const canUpdate = can.update || can.remove;
  const [params, setParams] = useState<MemberListParams>(DEFAULT_PARAMS);
  const [searchInput, setSearchInput] = useState("");
  // A member picked in the command palette arrives as ?search=<email>: the box starts with it.
  useUrlIntent("search", setSearchInput);
  const [dialog, setDialog] = useState<RowDialog>(null);
  const reactivate = useMemberMutation(tenantId);

  const update = (next: Partial<MemberListParams>) =>
    setParams((p) => {
      const merged = { ...p, ...next };
      for (const k of ["search", "status", "role"] as const) if (!merged[k]) delete merged[k];
      return merged;
    });

  // Debounced search: the query follows the box 300 ms after typing stops.
  useEffect(() => {
    const wanted = searchInput.trim();
    if (wanted === (params.search ?? "")) return;
    const t = setTimeout(() => update({ search: wanted || undefined, page: 1 }), 300);
    return () => clearTimeout(t);
  }, [searchInput, params.search]);

  const members = useQuery({
    queryKey: queryKeys.members.list(tenantId, params),
    queryFn: () => unwrapAction(listMembersAction(tenantId, params)),
    placeholderData: keepPreviousData,
  });
  const roles = useQuery({ queryKey: queryKeys.members.roles(tenantId), queryFn: () => unwrapAction(listRolesAction(tenantId)), staleTime: 60_000 });
  const roleList = roles.data?.roles ?? [];

  const data = members.data;
  const filtered = Boolean(params.search || params.status || params.role);
  const clearFilters = () => {
    setSearchInput("");
    update({ search: undefined, status: undefined, role: undefined, page: 1 });
  };
  const onSort = (sort: SortKey, order: "asc" | "desc") => update({ sort, order, page: 1 });

  const rowMenu = (m: MemberView): MenuItem[] => [
    ...(can.update
      ? [
          { key: "role", label: "Change role…", description: "Pick a built-in or custom role", onSelect: () => setDialog({ kind: "role", member: m }) },
          m.status === "active"
            ? { key: "suspend", label: "Suspend…", description: "Block sign-in, keep the membership", onSelect: () => setDialog({ kind: "suspend", member: m }) }
            : {
                key: "reactivate",
                label: "Reactivate",
                description: "Restore access; takes a seat",
                onSelect: () => reactivate.run(() => changeMemberStatusAction(tenantId, m.user_id, "active"), () => onNotice(`${m.name} reactivated`)),
              },
        ]
      : []),
    ...(can.update && can.remove ? [{ key: "sep", separator: true as const }] : []),
    ...(can.remove ? [{ key: "remove", label: "Remove member…", description: "End the membership", danger: true, onSelect: () => setDialog({ kind: "remove", member: m }) }] : []),
  ];

  const columns = memberColumns({ now, rowMenu: canUpdate ? rowMenu : null });

  return (
    <div className="space-y-8">
      <section aria-labelledby="members-heading">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
          <h2 id="members-heading" className="text-sm font-semibold text-slate-900">
            Members
          </h2>
          {data ? (
            <p className="text-[13px] text-slate-500 tabular-nums" data-testid="member-count">
              {data.pagination.total_count} {filtered ? "matching" : "in total"}
            </p>
          ) : null}
        </div>

        <div className="mb-4 flex flex-col gap-2 lg:flex-row lg:items-center">
          <SearchBox id="member-search" label="Search members" value={searchInput} onChange={setSearchInput} placeholder="Search by name or email" className="lg:max-w-sm" />
          <div className="flex gap-2">
            <Select aria-label="Filter by role" value={params.role ?? ""} onChange={(e) => update({ role: e.target.value || undefined, page: 1 })} className="w-full lg:w-44">
              <option value="">All roles</option>
              {roleList.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </Select>
            <Select
              aria-label="Filter by status"
              value={params.status ?? ""}
              onChange={(e) => update({ status: (e.target.value || undefined) as MemberListParams["status"], page: 1 })}
              className="w-full lg:w-40"
            >
              <option value="">All statuses</option>
              <option value="active">Active</option>
              <option value="suspended">Suspended</option>
            </Select>
          </div>
          <ListFilterStatus updating={members.isFetching && Boolean(data)} filtered={filtered} onClear={clearFilters} breakpoint="lg" />
        </div>

        {reactivate.failure ? (
          <Alert tone="danger" className="mb-4" title="The change was not made" actions={<Button size="sm" variant="ghost" onClick={() => reactivate.setFailure(null)}>Dismiss</Button>}>
            {reactivate.failure.message}
          </Alert>
        ) : null}

        {members.isError && !data ? (
          <Alert tone="danger" title="Could not load members" actions={<Button size="sm" variant="secondary" onClick={() => members.refetch()}>Retry</Button>}>
            {members.error.message}
          </Alert>
        ) : (
          <Card>
            <DataTable
              label="Members"
              columns={columns}
              data={data?.members}
              getRowId={(m) => m.user_id}
              sort={{ sort: params.sort, order: params.order }}
              onSort={onSort}
              rowTestId="member-row"
              busy={members.isFetching}
              dimmed={members.isPlaceholderData}
              breakpoint="lg"
            />
            {data && data.members.length === 0 ? (
              params.page > 1 && data.pagination.total_count > 0 ? (
                <EmptyState title="Nothing on this page" description={`The results end on page ${data.pagination.total_pages}.`} action={<Button variant="secondary" onClick={() => update({ page: 1 })}>Go to the first page</Button>} />
              ) : filtered ? (
                <EmptyState icon={<SearchIcon />} title="No members match these filters" description="Try another search term, or clear the filters to see every member." action={<Button variant="secondary" onClick={clearFilters}>Clear filters</Button>} />
              ) : (
                <EmptyState icon={<PeopleIcon />} title="No members yet" description="Invite people below; they join when they accept." />
              )
            ) : null}
            {data && data.members.length > 0 ? <Pagination pagination={data.pagination} noun="member" label="Members pagination" onPage={(page) => update({ page })} /> : null}
          </Card>
        )}
        {!canUpdate ? <p className="mt-3 text-[13px] text-slate-500">Read-only: your role can view members but not change them.</p> : null}
      </section>

      <InvitationsCard tenantId={tenantId} tenantName={tenantName} roles={roleList} canUpdate={can.invite} onNotice={onNotice} />

      <ChangeRoleDialog tenantId={tenantId} member={dialog?.kind === "role" ? dialog.member : null} roles={roleList} onClose={() => setDialog(null)} onDone={(m) => { setDialog(null); onNotice(m); }} />
      <ConfirmMemberDialog tenantId={tenantId} tenantName={tenantName} kind="suspend" member={dialog?.kind === "suspend" ? dialog.member : null} onClose={() => setDialog(null)} onDone={(m) => { setDialog(null); onNotice(m); }} />
      <ConfirmMemberDialog tenantId={tenantId} tenantName={tenantName} kind="remove" member={dialog?.kind === "remove" ? dialog.member : null} onClose={() => setDialog(null)} onDone={(m) => { setDialog(null); onNotice(m); }} />
    </div>
  );
}

function ChangeRoleDialog({ tenantId, member, roles, onClose, onDone }: { tenantId: string; member: MemberView | null; roles: RoleView[]; onClose: () => void; onDone: (message: string) => void }) {
  // Keyed by member so each opening starts from that member's current role.
  return <ChangeRoleDialogInner key={member?.user_id ?? "closed"} tenantId={tenantId} member={member} roles={roles} onClose={onClose} onDone={onDone} />;
}

function ChangeRoleDialogInner({ tenantId, member, roles, onClose, onDone }: { tenantId: string; member: MemberView | null; roles: RoleView[]; onClose: () => void; onDone: (message: string) => void }) {
  const [role, setRole] = useState(member?.role ?? "");
  const { pending, failure, setFailure, run } = useMemberMutation(tenantId);
  const close = () => {
    setFailure(null);
    onClose();
  };
  const chosen = roles.find((r) => r.id === role);
  return (
    <Dialog
      open={member !== null}
      onClose={close}
      title="Change role"
      description={member ? <>Choose what <strong className="font-medium text-slate-900">{member.name}</strong> ({member.email}) can do in this tenant.</> : null}
      footer={
        <DialogActions onCancel={close} pending={pending}>
          <Button
            loading={pending}
            disabled={!member || !role || role === member.role}
            onClick={() => member && run(() => changeMemberRoleAction(tenantId, member.user_id, { role }), (d) => onDone(`${d.member.name} is now ${d.member.role_name}`))}
          >
            Change role
          </Button>
        </DialogActions>
      }
    >
      <div className="space-y-3">
        {failure ? <Alert tone="danger">{failure.message}</Alert> : null}
        <div>
          <label htmlFor="member-role" className="mb-1.5 block text-[13px] font-medium text-slate-700">
            Role
          </label>
          <Select id="member-role" value={role} onChange={(e) => setRole(e.target.value)} aria-describedby="member-role-hint">
            <RoleOptions roles={roles} />
          </Select>
          <p id="member-role-hint" className="mt-1.5 text-xs text-slate-500">
            {chosen?.description || "\u00a0"}
          </p>
        </div>
      </div>
    </Dialog>
  );
}

const CONFIRM = {
  suspend: {
    title: "Suspend member?",
    body: (m: MemberView, tenant: string) => `${m.name} (${m.email}) can no longer sign in to ${tenant}. The membership and role are kept until you reactivate it.`,
    confirm: "Suspend member",
    done: (m: MemberView) => `${m.name} suspended`,
  },
  remove: {
    title: "Remove member?",
    body: (m: MemberView, tenant: string) => `${m.name} (${m.email}) loses access to ${tenant} and their membership is deleted. Their user account stays; you can invite them again later.`,
    confirm: "Remove member",
    done: (m: MemberView) => `${m.name} removed`,
  },
} as const;

function ConfirmMemberDialog({ tenantId, tenantName, kind, member, onClose, onDone }: { tenantId: string; tenantName: string; kind: keyof typeof CONFIRM; member: MemberView | null; onClose: () => void; onDone: (message: string) => void }) {
  const copy = CONFIRM[kind];
  const { pending, failure, setFailure, run } = useMemberMutation(tenantId);
  const close = () => {
    setFailure(null);
    onClose();
  };
  return (
    <ConfirmDialog
      open={member !== null}
      onClose={close}
      title={copy.title}
      description={member ? copy.body(member, tenantName) : null}
      confirmLabel={copy.confirm}
      pending={pending}
      error={failure?.message}
      onConfirm={() => {
        if (!member) return;
        const done = () => {
          setFailure(null);
          onDone(copy.done(member));
        };
        if (kind === "suspend") run(() => changeMemberStatusAction(tenantId, member.user_id, "suspended"), done);
        else run(() => removeMemberAction(tenantId, member.user_id), done);
      }}
    />
  );
}

function RowMenu({ member, items }: { member: MemberView; items: MenuItem[] }) {
  return (
    <Menu
      label={`Actions for ${member.name}`}
      triggerClassName="inline-flex size-8 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
      trigger={
        <svg viewBox="0 0 16 16" className="size-4" fill="currentColor" aria-hidden="true">
          <circle cx="3.5" cy="8" r="1.25" />
          <circle cx="8" cy="8" r="1.25" />
          <circle cx="12.5" cy="8" r="1.25" />
        </svg>
      }
      items={items}
    />
  );
}



function MemberAvatar({ name }: { name: string }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  return (
    <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600" aria-hidden="true">
      {initials || "?"}
    </span>
  );
}

function PeopleIcon(): ReactNode {
  return (
    <svg viewBox="0 0 16 16" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="6" cy="5.5" r="2.25" />
      <path d="M2 13c.4-2.2 2-3.5 4-3.5s3.6 1.3 4 3.5M10.5 3.5a2.25 2.25 0 0 1 0 4.25M12 9.8c1 .5 1.8 1.6 2 3.2" strokeLinecap="round" />
    </svg>
  );
}
