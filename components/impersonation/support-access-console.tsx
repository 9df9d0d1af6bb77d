"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { grantIsLive } from "@/components/impersonation/grant-status";
import { GrantsTable } from "@/components/impersonation/grants-table";
import { RequestAccessDialog } from "@/components/impersonation/request-access-dialog";
import { openPortalAsSupportAction, revokeImpersonationAction } from "@/lib/actions/impersonation-actions";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";

/**
 * The console's Support access tab: ask the owners, follow the answer, open
 * the portal as support under one's own approved grant, revoke or withdraw.
 */
export function SupportAccessConsole({ tenantId, tenantName, staffUserId, initial, now }: { tenantId: string; tenantName: string; staffUserId: string; initial?: ImpersonationGrantView[]; now: number }) {
  const [requesting, setRequesting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { data } = useQuery({
    queryKey: queryKeys.impersonation.tenant(tenantId),
    queryFn: ({ signal }) => fetchApi<{ requests: ImpersonationGrantView[] }>(`/api/v1/tenants/${tenantId}/impersonation-requests`, { signal }).then((d) => d.requests),
    initialData: initial,
    // The owners answer from elsewhere: look again every 15 s while the tab is open.
    refetchInterval: 15_000,
  });
  const { pending, failure, run } = useActionMutation(queryKeys.impersonation.tenant(tenantId));
  const open = (g: ImpersonationGrantView) => run(() => openPortalAsSupportAction(tenantId, g.id), ({ url }) => window.location.assign(url));
  const revoke = (g: ImpersonationGrantView) => run(() => revokeImpersonationAction(tenantId, g.id), () => setNotice(g.status === "requested" ? "Request withdrawn." : "Support access revoked; its sessions ended."));
  const actions = useCallback(
    (g: ImpersonationGrantView) => {
      const live = grantIsLive(g, Date.now());
      const mine = g.staff_user_id === staffUserId;
      return (
        <>
          {live && mine ? (
            <Button size="sm" onClick={() => open(g)} disabled={pending}>
              Open portal as support
            </Button>
          ) : null}
          {live || g.status === "requested" ? (
            <Button size="sm" variant="danger-ghost" onClick={() => revoke(g)} disabled={pending} aria-label={`${g.status === "requested" ? "Withdraw" : "Revoke"} the request of ${g.staff_email}`}>
              {g.status === "requested" ? "Withdraw" : "Revoke"}
            </Button>
          ) : null}
        </>
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- open/revoke read only stable ids and the mutation's pending flag
    [pending, staffUserId, tenantId],
  );
  return (
    <>
      <Card>
        <CardHeader
          title="Support access"
          description="Enter this tenant's portal as support, once its owners approve. Everything done there is audited as you, acting for the tenant under the request."
          actions={<Button onClick={() => setRequesting(true)}>Request access</Button>}
        />
        {failure ? (
          <Alert tone="danger" className="mx-4 mb-3 sm:mx-6">
            {failure.message}
          </Alert>
        ) : null}
        {notice ? (
          <Alert tone="success" className="mx-4 mb-3 sm:mx-6">
            {notice}
          </Alert>
        ) : null}
        {data && data.length === 0 ? (
          <EmptyState title="No support access requests" description="Ask when a ticket needs you to see the tenant's portal as its owners do." />
        ) : (
          <GrantsTable grants={data ?? []} now={now} actions={actions} />
        )}
      </Card>
      <RequestAccessDialog
        open={requesting}
        onClose={() => setRequesting(false)}
        tenantId={tenantId}
        tenantName={tenantName}
        onRequested={(g) => setNotice(g.status === "approved" ? "Approved at once by the tenant's policy: you can open the portal." : "Request sent; the owners have been emailed.")}
      />
    </>
  );
}
