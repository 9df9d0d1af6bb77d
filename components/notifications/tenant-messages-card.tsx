"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useState } from "react";
import { formatDateTime } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Choice } from "@/components/ui/choice";
import { DataTable } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { EmptyState } from "@/components/ui/empty-state";
import type { NotificationView } from "@/lib/notifications/notification-view";
import { fetchApi, postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import { BUILT_IN_ROLE_KEYS, BUILT_IN_ROLES } from "@/lib/tenant-access/permissions";
import { draftBody, EMPTY_DRAFT, MessageFields, type MessageDraft } from "./message-fields";
import { SeverityBadge } from "./severity-badge";

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "—");

/** The console tenant's Members tab: what the tenant's members were sent (latest 5, with counts), and a dialog to notify them, by role. */
export function TenantMessagesCard({ tenantId, canSend, onNotice }: { tenantId: string; canSend: boolean; onNotice: (message: string) => void }) {
  const queryClient = useQueryClient();
  const messages = useQuery({
    queryKey: queryKeys.notifications.messages(tenantId),
    queryFn: ({ signal }) => fetchApi<{ messages: NotificationView[] }>(`/api/v1/tenants/${tenantId}/messages`, { signal }).then((d) => d.messages.slice(0, 5)),
  });
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<MessageDraft>(EMPTY_DRAFT);
  const [roles, setRoles] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const reset = () => {
    setDraft(EMPTY_DRAFT);
    setRoles([]);
    setErrors({});
    setFailure(null);
    setIdempotencyKey(crypto.randomUUID());
  };

  async function send() {
    setPending(true);
    setFailure(null);
    const r = await postApi<{ notification: NotificationView }>(`/api/v1/tenants/${tenantId}/notifications`, { ...draftBody(draft), ...(roles.length ? { roles } : {}) }, { idempotencyKey });
    setPending(false);
    if (!r.ok) {
      setErrors(r.fieldErrors);
      setFailure(Object.keys(r.fieldErrors).length ? "Check the highlighted fields." : r.message);
      return;
    }
    const n = r.data.notification;
    setOpen(false);
    reset();
    await queryClient.invalidateQueries({ queryKey: queryKeys.notifications.messages(tenantId) });
    onNotice(n.status === "scheduled" ? `Notification scheduled for ${formatDateTime(n.send_at)}` : `Notification sent to ${n.recipients} member${n.recipients === 1 ? "" : "s"} (${n.emailed} by mail)`);
  }

  const columns: ColumnDef<NotificationView, unknown>[] = [
    {
      id: "title",
      header: "Message",
      meta: { card: "title" },
      cell: ({ row: { original: n } }) => (
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-slate-900">{n.title}</p>
          <p className="mt-0.5 text-xs text-slate-500">{n.kind === "broadcast" ? "Broadcast" : n.roles ? `To ${n.roles.join(", ")}` : "To every member"}</p>
        </div>
      ),
    },
    { id: "severity", header: "Type", cell: ({ row }) => <SeverityBadge severity={row.original.severity} /> },
    {
      id: "when",
      header: "Sent",
      cell: ({ row: { original: n } }) => (n.status === "sent" ? <span className="text-[13px] whitespace-nowrap text-slate-600">{formatDateTime(n.sent_at)}</span> : <Badge tone="sky">scheduled {formatDateTime(n.send_at)}</Badge>),
    },
    { id: "recipients", header: "Recipients", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => row.original.recipients },
    { id: "emailed", header: "Emailed", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => row.original.emailed },
    { id: "read", header: "Read", meta: { className: "text-right tabular-nums" }, cell: ({ row }) => percent(row.original.read, row.original.recipients) },
  ];

  return (
    <Card className="mb-6">
      <CardHeader
        title="Notifications"
        description="Messages to this tenant's members, in their bell and by mail as their preferences allow."
        actions={
          canSend ? (
            <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
              Notify members
            </Button>
          ) : null
        }
      />
      <DataTable
        label="Notifications sent to this tenant"
        columns={columns}
        data={messages.data}
        getRowId={(n) => n.id}
        skeletonRows={2}
        minWidth="min-w-[640px]"
        empty={<EmptyState title="Nothing sent yet" description="Notifications and broadcasts this tenant receives are listed here." />}
      />
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        className="max-w-2xl"
        title="Notify members"
        description="Everyone, or only members holding the roles you tick."
        footer={
          <DialogActions onCancel={() => setOpen(false)} pending={pending}>
            <Button loading={pending} onClick={send}>
              {draft.sendAt ? "Schedule" : "Send"}
            </Button>
          </DialogActions>
        }
      >
        <div className="space-y-4">
          <fieldset>
            <legend className="mb-1 text-[13px] font-medium text-slate-700">Roles (none ticked: every member)</legend>
            <div className="flex flex-wrap gap-x-3">
              {BUILT_IN_ROLE_KEYS.map((k) => (
                <Choice key={k} label={BUILT_IN_ROLES[k].name} checked={roles.includes(k)} onChange={(e) => setRoles((r) => (e.target.checked ? [...r, k] : r.filter((x) => x !== k)))} />
              ))}
            </div>
            {errors.roles || Object.keys(errors).find((k) => k.startsWith("roles.")) ? <p className="text-xs text-red-600">{errors.roles ?? Object.entries(errors).find(([k]) => k.startsWith("roles."))?.[1]}</p> : null}
          </fieldset>
          <MessageFields idPrefix="tn" draft={draft} onChange={setDraft} errors={errors} />
          {failure ? <Alert tone="danger">{failure}</Alert> : null}
        </div>
      </Dialog>
    </Card>
  );
}
