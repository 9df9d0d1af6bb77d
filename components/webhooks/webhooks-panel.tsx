"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Toast, useToast } from "@/components/ui/toast";
import { queryKeys } from "@/lib/query/keys";
import { AddEndpointDialog } from "./add-endpoint-dialog";
import { EndpointDetail } from "./endpoint-detail";
import { EndpointList } from "./endpoint-list";
import { useWebhookOps, type WebhookScope } from "./use-webhook-ops";
import { endpointRows, type EndpointRow } from "./webhook-ops";

const PARAM = "endpoint";

type Props = {
  scope: WebhookScope;
  title: string;
  description: string;
  /** The list as the server read it, so the first screen needs no request (a tab opened later loads it). */
  initialEndpoints?: EndpointRow[];
  /** The endpoint the address names (`?endpoint=`), opened at once. */
  initialEndpointId?: string | null;
  canManage: boolean;
  now: number;
  /** Where confirmations go; the panel shows its own toast when the page has none. */
  onNotice?: (message: string) => void;
};

/**
 * A scope's webhook endpoints (a tenant's, or the platform's): the list, the
 * add dialog, and one endpoint's page, which the address names so it can be
 * shared and the back button returns to the list. Used by the portal's
 * Webhooks page, the console's tenant tab and the console's platform page.
 */
export function WebhooksPanel({ scope, title, description, initialEndpoints, initialEndpointId, canManage, now, onNotice }: Props) {
  const ops = useWebhookOps(scope);
  const scopeKey = scope.kind === "tenant" ? scope.tenantId : "platform";
  const [toast, setToast] = useToast();
  const notice = onNotice ?? setToast;
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(initialEndpointId ?? null);
  const list = useQuery({
    queryKey: queryKeys.webhooks.list(scopeKey),
    queryFn: async () => endpointRows(await unwrapAction(ops.list()), await unwrapAction(ops.summaries())),
    initialData: initialEndpoints,
  });

  useEffect(() => {
    const onPop = () => setOpenId(new URL(window.location.href).searchParams.get(PARAM));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const open = useCallback((id: string | null) => {
    setOpenId(id);
    const url = new URL(window.location.href);
    if (id) url.searchParams.set(PARAM, id);
    else url.searchParams.delete(PARAM);
    // Next's router follows history.pushState, so the page's other URL state stays in step.
    window.history.pushState(null, "", url);
    window.scrollTo({ top: 0 });
  }, []);

  return (
    <div className="space-y-6">
      {openId ? (
        <EndpointDetail
          key={openId}
          endpointId={openId}
          initial={list.data?.find((e) => e.id === openId)}
          ops={ops}
          scopeKey={scopeKey}
          canManage={canManage}
          onBack={() => open(null)}
          onNotice={notice}
        />
      ) : (
        <>
          {list.isError ? (
            <Alert tone="danger" title="Could not refresh the endpoints" actions={<Button size="sm" variant="secondary" onClick={() => list.refetch()}>Retry</Button>}>
              {list.error.message}
            </Alert>
          ) : null}
          <EndpointList title={title} description={description} endpoints={list.data} canManage={canManage} onAdd={() => setAdding(true)} onOpen={open} now={now} />
        </>
      )}
      {canManage ? <AddEndpointDialog open={adding} onClose={() => setAdding(false)} onOpenEndpoint={open} ops={ops} scopeKey={scopeKey} /> : null}
      {onNotice ? null : <Toast message={toast} />}
    </div>
  );
}
