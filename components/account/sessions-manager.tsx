"use client";

import { useQuery } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { formatDateTime, formatRelative } from "@/components/console/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { endOtherOwnSessionsAction, endOwnSessionAction, listOwnSessionsAction } from "@/lib/actions/session-actions";
import type { SessionView } from "@/lib/auth/sessions/list-own-sessions";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import { queryKeys } from "@/lib/query/keys";

const METHOD_LABELS: Record<SessionView["method"], string> = {
  password: "Password",
  passkey: "Passkey",
  sso: "Single sign-on",
  break_glass: "Password (break-glass)",
  impersonation: "Support access",
};
const FACTOR_LABELS: Record<NonNullable<SessionView["second_factor"]>, string> = { totp: "authenticator code", recovery_code: "recovery code", passkey: "passkey" };

async function loadSessions(): Promise<SessionView[]> {
  const r = await listOwnSessionsAction();
  if (!r.ok) throw new Error(r.message);
  return r.data;
}

/**
 * "Your sessions": where this account is signed in (here: the console, or
 * this organisation's portal), with a way to sign any of them out, or all but
 * this one. The first list comes from the server; after a change it is read again.
 */
export function SessionsManager({ initial, now }: { initial: SessionView[]; now: number }) {
  const router = useRouter();
  const sessions = useQuery({ queryKey: queryKeys.ownSessions, queryFn: loadSessions, initialData: initial });
  const [ending, setEnding] = useState<SessionView | null>(null);
  const [endingOthers, setEndingOthers] = useState(false);
  const one = useActionMutation(queryKeys.ownSessions);
  const others = useActionMutation(queryKeys.ownSessions);
  const columns = useMemo(() => sessionColumns({ now, onEnd: setEnding }), [now]);
  const list = sessions.data ?? [];
  const otherCount = list.filter((s) => !s.current).length;

  const signOutHere = async () => {
    // Signing out through next-auth clears this browser's cookie and deletes the session record.
    await signOut({ redirect: false });
    router.replace("/login");
    router.refresh();
  };

  return (
    <>
      <Card>
        <CardHeader
          title="Your sessions"
          description={`${list.length} signed-in ${list.length === 1 ? "session" : "sessions"}. Sign out any you don't recognise.`}
          actions={
            <Button variant="secondary" disabled={otherCount === 0} onClick={() => setEndingOthers(true)}>
              Sign out all other sessions
            </Button>
          }
        />
        <DataTable label="Your sessions" columns={columns} data={sessions.data} getRowId={(s) => s.id} rowTestId="session-row" minWidth="min-w-[680px]" />
      </Card>
      <ConfirmDialog
        open={ending !== null}
        onClose={() => {
          setEnding(null);
          one.setFailure(null);
        }}
        title={ending?.current ? "Sign out of this browser?" : "Sign out this session?"}
        description={
          ending?.current
            ? "You will be signed out here and taken to the sign-in page."
            : `${ending?.device ?? "This device"}${ending?.ip ? ` (${ending.ip})` : ""} will be signed out at its next request.`
        }
        confirmLabel="Sign out"
        pending={one.pending}
        error={one.failure?.message}
        onConfirm={() => {
          if (!ending) return;
          if (ending.current) return void signOutHere();
          one.run(() => endOwnSessionAction(ending.id), () => setEnding(null));
        }}
      />
      <ConfirmDialog
        open={endingOthers}
        onClose={() => {
          setEndingOthers(false);
          others.setFailure(null);
        }}
        title="Sign out all other sessions?"
        description={`${otherCount} other ${otherCount === 1 ? "session" : "sessions"} will be signed out. You stay signed in here.`}
        confirmLabel="Sign out others"
        pending={others.pending}
        error={others.failure?.message}
        onConfirm={() => others.run(() => endOtherOwnSessionsAction(), () => setEndingOthers(false))}
      />
    </>
  );
}

function DeviceIcon({ type }: { type: SessionView["device_type"] }) {
  return (
    <svg viewBox="0 0 16 16" className="size-4 shrink-0 text-slate-400" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      {type === "mobile" || type === "tablet" ? (
        <>
          <rect x="4.5" y="1.5" width="7" height="13" rx="1.5" />
          <path d="M7 12.5h2" strokeLinecap="round" />
        </>
      ) : (
        <>
          <rect x="1.5" y="2.5" width="13" height="9" rx="1.25" />
          <path d="M5.5 14h5M8 11.5V14" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}

function sessionColumns({ now, onEnd }: { now: number; onEnd: (s: SessionView) => void }): ColumnDef<SessionView, unknown>[] {
  const when = (iso: string, relative: boolean) => (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {relative ? formatRelative(iso, now) : formatDateTime(iso)}
    </time>
  );
  return [
    {
      id: "device",
      header: "Device",
      meta: { card: "title" },
      cell: ({ row: { original: s } }) => (
        <span className="flex flex-wrap items-center gap-2">
          <DeviceIcon type={s.device_type} />
          <span className="font-medium text-slate-900">{s.device}</span>
          {s.current ? (
            <Badge tone="green" dot>
              This browser
            </Badge>
          ) : null}
        </span>
      ),
    },
    {
      id: "ip",
      header: "IP address",
      meta: { className: "whitespace-nowrap text-slate-600" },
      cell: ({ row }) => (row.original.ip ? <span className="font-mono text-xs">{row.original.ip}</span> : "Unknown"),
    },
    {
      id: "method",
      header: "Signed in with",
      meta: { className: "text-slate-600" },
      cell: ({ row: { original: s } }) => (s.second_factor ? `${METHOD_LABELS[s.method]} + ${FACTOR_LABELS[s.second_factor]}` : METHOD_LABELS[s.method]),
    },
    { id: "created_at", header: "Signed in", meta: { className: "whitespace-nowrap text-slate-500 tabular-nums" }, cell: ({ row }) => when(row.original.created_at, false) },
    { id: "last_seen_at", header: "Last seen", meta: { className: "whitespace-nowrap text-slate-500" }, cell: ({ row }) => (row.original.current ? "Now" : when(row.original.last_seen_at, true)) },
    {
      id: "actions",
      header: "Actions",
      meta: { card: "actions", srOnlyHeader: true, className: "text-right" },
      cell: ({ row: { original: s } }) => (
        <Button variant="secondary" size="sm" onClick={() => onEnd(s)} aria-label={s.current ? "Sign out of this browser" : `Sign out ${s.device}${s.ip ? ` at ${s.ip}` : ""}`}>
          Sign out
        </Button>
      ),
    },
  ];
}
