"use client";

import { useUrlIntent } from "@/components/command-palette/use-url-intent";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { formatDate, formatDateTime } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { EmptyState } from "@/components/ui/empty-state";
import { FieldError, controlClasses } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useClock } from "@/components/ui/use-clock";
import { queryKeys } from "@/lib/query/keys";
import { inviteMembersAction, listInvitationsAction, resendInvitationAction, revokeInvitationAction, type InvitationView, type InviteResult, type RoleView } from "@/lib/actions/member-actions";
import { InvitationStatusBadge, RoleBadge } from "./member-badges";
import { RoleOptions } from "./role-options";
import { unwrapAction, useMemberMutation } from "./use-member-mutation";

const EXPIRY_CHOICES = [1, 3, 7, 14, 30] as const;

/** Splits pasted text on commas, semicolons, spaces and new lines; keeps each address once. */
export function parseEmails(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))];
}

/** Whole minutes (at least 1) until a resend is allowed, or null when it is allowed now (or the time is not known yet). */
function minutesUntil(iso: string | null, now: number | null): number | null {
  if (!iso || now === null) return null;
  const ms = Date.parse(iso) - now;
  return ms > 0 ? Math.max(1, Math.ceil(ms / 60_000)) : null;
}

/** Open invitations (pending and expired) with resend and revoke, and the invite dialog. */
export function InvitationsCard({ tenantId, tenantName, roles, canUpdate, onNotice }: { tenantId: string; tenantName: string; roles: RoleView[]; canUpdate: boolean; onNotice: (message: string) => void }) {
  const [inviting, setInviting] = useState(false);
  // The command palette's "Invite member" opens Members with ?invite=1.
  useUrlIntent("invite", () => {
    if (canUpdate) setInviting(true);
  });
  const [revoking, setRevoking] = useState<InvitationView | null>(null);
  const resend = useMemberMutation(tenantId);
  const [resendingId, setResendingId] = useState<string | null>(null);
  const invitations = useQuery({ queryKey: queryKeys.members.invitations(tenantId), queryFn: () => unwrapAction(listInvitationsAction(tenantId)) });
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name ?? id;
  const list = invitations.data?.invitations;
  // Resends are limited per invitee: the list says until when, the clock counts it down.
  const now = useClock();

  const columns: ColumnDef<InvitationView, unknown>[] = [
    {
      id: "email",
      header: "Email",
      meta: { card: "title", skeleton: "w-48" },
      cell: ({ row: { original: inv } }) => (
        <>
          <p className="truncate text-sm font-medium text-slate-900">{inv.email}</p>
          <p className="text-xs text-slate-500">Invited {formatDate(inv.created_at)}</p>
        </>
      ),
    },
    { id: "role", header: "Role", cell: ({ row: { original: inv } }) => <RoleBadge role={inv.role} name={roleName(inv.role)} /> },
    { id: "status", header: "Status", cell: ({ row: { original: inv } }) => <InvitationStatusBadge status={inv.status} /> },
    {
      id: "expires_at",
      header: "Expires",
      meta: { skeleton: "w-24" },
      cell: ({ row: { original: inv } }) => (
        <span className={cn("text-xs tabular-nums", inv.status === "expired" ? "text-red-600" : "text-slate-500")} title={formatDateTime(inv.expires_at)}>
          {inv.status === "expired" ? `Expired ${formatDateTime(inv.expires_at)}` : formatDateTime(inv.expires_at)}
        </span>
      ),
    },
    ...(canUpdate
      ? [
          {
            id: "actions",
            header: "Actions",
            meta: { card: "actions", srOnlyHeader: true, className: "text-right" },
            cell: ({ row: { original: inv } }) => {
              const waitMinutes = minutesUntil(inv.resend_available_at, now);
              return (
              <div className="flex items-center justify-end gap-1">
                {waitMinutes !== null ? (
                  <span id={`resend-wait-${inv.id}`} data-testid="resend-wait" className="px-1 text-xs text-slate-500 tabular-nums">
                    You can resend in {waitMinutes} min
                  </span>
                ) : null}
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Resend invitation to ${inv.email}`}
                  aria-describedby={waitMinutes !== null ? `resend-wait-${inv.id}` : undefined}
                  loading={resend.pending && resendingId === inv.id}
                  disabled={resend.pending || waitMinutes !== null}
                  onClick={() => {
                    setResendingId(inv.id);
                    resend.run(
                      async () => {
                        const r = await resendInvitationAction(tenantId, inv.id);
                        // Someone else resent it a moment ago: fetch the list again so the countdown shows.
                        if (!r.ok && r.code === "rate_limit_exceeded") void invitations.refetch();
                        return r;
                      },
                      (d) => onNotice(`A new invitation was emailed to ${d.invitation.email}; the previous link no longer works`),
                    );
                  }}
                >
                  Resend
                </Button>
                <Button variant="danger-ghost" size="sm" aria-label={`Revoke invitation to ${inv.email}`} onClick={() => setRevoking(inv)}>
                  Revoke
                </Button>
              </div>
              );
            },
          } satisfies ColumnDef<InvitationView, unknown>,
        ]
      : []),
  ];

  return (
    <section aria-labelledby="invitations-heading">
      <Card>
        <CardHeader
          id="invitations-heading"
          title="Invitations"
          description="Pending and expired invitations. Accepted ones appear under Members; revoked ones are no longer listed."
          actions={
            canUpdate ? (
              <Button size="sm" onClick={() => setInviting(true)}>
                <svg viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
                  <path d="M8 3.5v9M3.5 8h9" strokeLinecap="round" />
                </svg>
                Invite members
              </Button>
            ) : null
          }
        />
        {resend.failure ? (
          <div className="px-5 pt-4">
            <Alert tone="danger" title="The invitation was not resent" actions={<Button size="sm" variant="ghost" onClick={() => resend.setFailure(null)}>Dismiss</Button>}>
              {resend.failure.message}
            </Alert>
          </div>
        ) : null}
        {invitations.isError && !list ? (
          <div className="px-5 py-4">
            <Alert tone="danger" title="Could not load invitations" actions={<Button size="sm" variant="secondary" onClick={() => invitations.refetch()}>Retry</Button>}>
              {invitations.error.message}
            </Alert>
          </div>
        ) : list?.length === 0 ? (
          <EmptyState title="No open invitations" description={canUpdate ? "Invite people by email; they join with the role you choose when they accept." : "Nobody has been invited, or every invitation was accepted or revoked."} />
        ) : (
          <DataTable label="Open invitations" columns={columns} data={list} getRowId={(inv) => inv.id} rowTestId="invitation-row" skeletonRows={2} minWidth="min-w-[720px]" />
        )}
      </Card>

      <InviteDialog key={inviting ? "open" : "closed"} open={inviting} tenantId={tenantId} tenantName={tenantName} roles={roles} onClose={() => setInviting(false)} onNotice={onNotice} />
      <RevokeDialog tenantId={tenantId} invitation={revoking} onClose={() => setRevoking(null)} onDone={(m) => { setRevoking(null); onNotice(m); }} />
    </section>
  );
}

const RESULT_TEXT: Record<InviteResult["status"], { label: string; tone: string }> = {
  invited: { label: "Invitation emailed", tone: "text-emerald-700" },
  already_member: { label: "Already a member", tone: "text-slate-500" },
  already_invited: { label: "Already invited", tone: "text-amber-700" },
};

function InviteDialog({ open, tenantId, tenantName, roles, onClose, onNotice }: { open: boolean; tenantId: string; tenantName: string; roles: RoleView[]; onClose: () => void; onNotice: (m: string) => void }) {
  const [text, setText] = useState("");
  const [role, setRole] = useState("member");
  const [days, setDays] = useState("7");
  const [localError, setLocalError] = useState<string | null>(null);
  const [sent, setSent] = useState<string[]>([]);
  const [results, setResults] = useState<InviteResult[] | null>(null);
  const { pending, failure, setFailure, run } = useMemberMutation(tenantId);
  const emails = parseEmails(text);
  const close = () => {
    setFailure(null);
    onClose();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (emails.length === 0) {
      setLocalError("Enter at least one email address");
      return;
    }
    setLocalError(null);
    setSent(emails);
    run(
      () => inviteMembersAction(tenantId, { emails, role, expires_in_days: Number(days) }),
      (d) => {
        setResults(d.results);
        const n = d.results.filter((r) => r.status === "invited").length;
        if (n > 0) onNotice(`${n} invitation${n === 1 ? "" : "s"} created`);
      },
    );
  };

  // Field errors name the address by its index ("emails.2"), so show the address itself.
  const emailErrors = failure
    ? Object.entries(failure.fieldErrors)
        .filter(([k]) => k.startsWith("emails"))
        .map(([k, msg]) => {
          const i = Number(k.split(".")[1]);
          return Number.isInteger(i) && sent[i] ? `${sent[i]}: ${msg}` : msg;
        })
    : [];

  if (results) {
    const invited = results.filter((r) => r.status === "invited").length;
    return (
      <Dialog
        open={open}
        onClose={close}
        title="Invitations created"
        className="max-w-xl"
        description={`${invited} of ${results.length} address${results.length === 1 ? "" : "es"} invited. Each invitee gets an email with a link to join.`}
        footer={<Button onClick={close}>Done</Button>}
      >
        <ul className="max-h-[55vh] space-y-3 overflow-y-auto" aria-label="Invitation results">
          {results.map((r) => (
            <li key={r.email} data-testid="invite-result" className="rounded-md border border-slate-200 p-3">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
                <span className="min-w-0 truncate text-sm font-medium text-slate-900">{r.email}</span>
                <span className={cn("text-xs font-medium", RESULT_TEXT[r.status].tone)}>{RESULT_TEXT[r.status].label}</span>
              </div>
              {r.status === "invited" ? (
                <p className="mt-0.5 text-xs text-slate-500">Expires {formatDateTime(r.invitation.expires_at)}</p>
              ) : (
                <p className="mt-0.5 text-xs text-slate-500">{r.message}</p>
              )}
            </li>
          ))}
        </ul>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Invite members"
      className="max-w-lg"
      description={`Invite people to ${tenantName}. They join with the role you choose when they accept.`}
      footer={
        <DialogActions onCancel={close} pending={pending}>
          <Button type="submit" form="invite-form" loading={pending}>
            {emails.length > 1 ? `Invite ${emails.length} people` : "Invite"}
          </Button>
        </DialogActions>
      }
    >
      <form id="invite-form" onSubmit={onSubmit} noValidate className="space-y-4">
        {failure && emailErrors.length === 0 ? (
          failure.code === "rate_limit_exceeded" ? (
            // The message says how many per hour and when to try again; nobody in the batch was invited.
            <Alert tone="warning" role="alert" title="Invitation limit reached: nobody was invited">
              {failure.message}
            </Alert>
          ) : (
            <Alert tone="danger">{failure.message}</Alert>
          )
        ) : null}
        <div>
          <label htmlFor="invite-emails" className="mb-1.5 block text-[13px] font-medium text-slate-700">
            Email addresses
          </label>
          <textarea
            id="invite-emails"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={4}
            placeholder={"ana@example.com, ben@example.com\ncarla@example.com"}
            className={cn(controlClasses(Boolean(localError || emailErrors.length)), "resize-y font-mono text-[13px]")}
            aria-describedby="invite-emails-hint invite-emails-error"
            aria-invalid={Boolean(localError || emailErrors.length) || undefined}
            spellCheck={false}
            autoCapitalize="none"
          />
          <p id="invite-emails-hint" className="mt-1.5 text-xs text-slate-500">
            Separate addresses with commas or new lines; up to 50 at a time.{emails.length ? ` ${emails.length} address${emails.length === 1 ? "" : "es"}.` : ""}
          </p>
          <FieldError id="invite-emails-error" message={localError ?? (emailErrors.length ? emailErrors.join("; ") : undefined)} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="invite-role" className="mb-1.5 block text-[13px] font-medium text-slate-700">
              Role
            </label>
            <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value)} invalid={Boolean(failure?.fieldErrors.role)}>
              <RoleOptions roles={roles} />
            </Select>
            <FieldError id="invite-role-error" message={failure?.fieldErrors.role} />
          </div>
          <div>
            <label htmlFor="invite-expiry" className="mb-1.5 block text-[13px] font-medium text-slate-700">
              Link expires in
            </label>
            <Select id="invite-expiry" value={days} onChange={(e) => setDays(e.target.value)}>
              {EXPIRY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {d} day{d === 1 ? "" : "s"}
                </option>
              ))}
            </Select>
          </div>
        </div>
      </form>
    </Dialog>
  );
}

function RevokeDialog({ tenantId, invitation, onClose, onDone }: { tenantId: string; invitation: InvitationView | null; onClose: () => void; onDone: (m: string) => void }) {
  const { pending, failure, setFailure, run } = useMemberMutation(tenantId);
  const close = () => {
    setFailure(null);
    onClose();
  };
  return (
    <ConfirmDialog
      open={invitation !== null}
      onClose={close}
      title="Revoke invitation?"
      description={invitation ? <>The link sent to <strong className="font-medium text-slate-900">{invitation.email}</strong> stops working at once. You can invite them again later.</> : null}
      confirmLabel="Revoke invitation"
      pending={pending}
      error={failure?.message}
      onConfirm={() =>
        invitation &&
        run(
          () => revokeInvitationAction(tenantId, invitation.id),
          () => {
            setFailure(null);
            onDone(`Invitation to ${invitation.email} revoked`);
          },
        )
      }
    />
  );
}
