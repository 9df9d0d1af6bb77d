"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { dismissNoticeAction } from "@/lib/actions/limit-actions";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import type { TenantNotice } from "@/lib/schemas/limits";

const TONE = { warning: "warning", critical: "danger", exceeded: "danger" } as const;
const TITLE = { warning: "Approaching a limit", critical: "Close to a limit", exceeded: "Limit reached" } as const;
const when = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });

/**
 * The tenant's usage notices (raised by the limits check), shown in the portal
 * and on the console's tenant page; rendered on the server, dismissed here by
 * whoever may (settings:update or staff with tenants:update) for everyone.
 */
export function LimitNoticesBanner({ tenantId, notices, canDismiss, usageHref }: { tenantId: string; notices: TenantNotice[]; canDismiss: boolean; usageHref?: string }) {
  const [shown, setShown] = useState(notices);
  const { pending, failure, run } = useActionMutation(["tenant-notices", tenantId]);
  if (!shown.length) return null;
  return (
    <section aria-label="Usage notices" data-testid="limit-notices" className="mb-6 space-y-2">
      {shown.map((n) => (
        <Alert
          key={n.id}
          tone={TONE[n.severity]}
          // Announced politely: the banner is there on arrival, not a sudden event.
          role="status"
          title={TITLE[n.severity]}
          actions={
            canDismiss ? (
              <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(() => dismissNoticeAction(tenantId, n.id), () => setShown((s) => s.filter((x) => x.id !== n.id)))} aria-label={`Dismiss: ${n.message}`}>
                Dismiss
              </Button>
            ) : null
          }
        >
          <p>
            {n.message} <span className="whitespace-nowrap opacity-80">({when.format(new Date(n.created_at))})</span>
            {usageHref ? (
              <>
                {" "}
                <a href={usageHref} className="font-medium underline underline-offset-2">
                  See usage
                </a>
              </>
            ) : null}
          </p>
        </Alert>
      ))}
      {failure ? (
        <p role="alert" className="text-[13px] text-red-700">
          {failure.message}
        </p>
      ) : null}
    </section>
  );
}
