"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { grantIsLive } from "@/components/impersonation/grant-status";
import { GrantsTable } from "@/components/impersonation/grants-table";
import { decideImpersonationAction, revokeImpersonationAction } from "@/lib/actions/impersonation-actions";
import type { ActionResult } from "@/lib/actions/action-result";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";

/** The owners' list: approve or deny what awaits them, revoke what is running. */
export function SupportAccessPortal({ tenantId, grants, now }: { tenantId: string; grants: ImpersonationGrantView[]; now: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    (action: () => Promise<ActionResult<unknown>>) =>
      startTransition(async () => {
        const r = await action();
        setError(r.ok ? null : r.message);
        router.refresh();
      }),
    [router],
  );
  const actions = useCallback(
    (g: ImpersonationGrantView) =>
      g.status === "requested" ? (
        <>
          <Button size="sm" disabled={pending} onClick={() => run(() => decideImpersonationAction(tenantId, g.id, "approve"))} aria-label={`Approve the request of ${g.staff_email}`}>
            Approve
          </Button>
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => decideImpersonationAction(tenantId, g.id, "deny"))} aria-label={`Deny the request of ${g.staff_email}`}>
            Deny
          </Button>
        </>
      ) : grantIsLive(g, Date.now()) ? (
        <Button size="sm" variant="danger-ghost" disabled={pending} onClick={() => run(() => revokeImpersonationAction(tenantId, g.id))} aria-label={`Revoke the access of ${g.staff_email}`}>
          Revoke
        </Button>
      ) : null,
    [pending, run, tenantId],
  );
  return (
    <Card>
      {error ? (
        <Alert tone="danger" className="m-4">
          {error}
        </Alert>
      ) : null}
      {grants.length === 0 ? (
        <EmptyState title="No requests yet" description="When Atrium support asks to enter your portal, the request appears here and the owners are emailed." />
      ) : (
        <GrantsTable grants={grants} now={now} actions={actions} />
      )}
    </Card>
  );
}
