"use client";

import { useRouter } from "next/navigation";
import { useTransition, useState } from "react";
import { Button } from "@/components/ui/button";
import { clockTime, modeLabel } from "@/components/impersonation/grant-status";
import { decideImpersonationAction, endSupportAccessAction, revokeImpersonationAction } from "@/lib/actions/impersonation-actions";
import type { ActionResult } from "@/lib/actions/action-result";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";

function useBannerAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<ActionResult<unknown>>, then: () => void = () => router.refresh()) =>
    startTransition(async () => {
      const r = await action();
      if (!r.ok) setError(r.message);
      else {
        setError(null);
        then();
      }
    });
  return { pending, error, run };
}

const BAR = "border-b px-4 py-2.5 text-[13px] sm:px-6";

/** What platform staff see on every portal page while acting as support. */
export function StaffSupportBanner({
  tenantId,
  tenantName,
  grantId,
  mode,
  expiresAt,
  exitUrl,
}: {
  tenantId: string;
  tenantName: string;
  grantId: string;
  mode: ImpersonationGrantView["mode"];
  expiresAt: string;
  /** Where staff land after "End now": the tenant's Support access tab in the console. */
  exitUrl: string;
}) {
  const { pending, error, run } = useBannerAction();
  return (
    <div role="region" aria-label="Support access" data-testid="staff-support-banner" className={`${BAR} border-amber-300 bg-amber-100 text-amber-950`}>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2">
        <p className="min-w-0 flex-1">
          You are acting for <strong>{tenantName}</strong> as support ({modeLabel(mode).toLowerCase()}), ends at <time dateTime={expiresAt}>{clockTime(expiresAt)}</time>.
          {error ? <span className="ml-2 font-medium text-red-800">{error}</span> : null}
        </p>
        <Button size="sm" variant="secondary" loading={pending} onClick={() => run(() => endSupportAccessAction(tenantId, grantId), () => window.location.assign(exitUrl))}>
          End now
        </Button>
      </div>
    </div>
  );
}

/** What the tenant's members see: support in the portal now (owners may revoke), and owners' pending requests (approve or deny). */
export function TenantSupportNotices({ tenantId, live, pending: requests, canDecide }: { tenantId: string; live: ImpersonationGrantView[]; pending: ImpersonationGrantView[]; canDecide: boolean }) {
  const { pending, error, run } = useBannerAction();
  if (!live.length && !requests.length) return null;
  return (
    <div role="region" aria-label="Atrium support access" data-testid="tenant-support-notices">
      {live.map((g) => (
        <div key={g.id} className={`${BAR} border-sky-200 bg-sky-50 text-sky-950`}>
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2">
            <p className="min-w-0 flex-1">
              Atrium support ({g.staff_email}) is accessing your organisation until <time dateTime={g.expires_at!}>{clockTime(g.expires_at!)}</time> ({g.reason}).
            </p>
            {canDecide ? (
              <Button size="sm" variant="secondary" loading={pending} onClick={() => run(() => revokeImpersonationAction(tenantId, g.id))}>
                Revoke
              </Button>
            ) : null}
          </div>
        </div>
      ))}
      {requests.map((g) => (
        <div key={g.id} className={`${BAR} border-amber-200 bg-amber-50 text-amber-950`} data-testid="support-request-banner">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2">
            <p className="min-w-0 flex-1">
              Atrium support ({g.staff_email}) asks for {modeLabel(g.mode).toLowerCase()} access for {g.duration_minutes} minutes: {g.reason}
            </p>
            <div className="flex gap-2">
              <Button size="sm" loading={pending} onClick={() => run(() => decideImpersonationAction(tenantId, g.id, "approve"))}>
                Approve
              </Button>
              <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => decideImpersonationAction(tenantId, g.id, "deny"))}>
                Deny
              </Button>
            </div>
          </div>
        </div>
      ))}
      {error ? (
        <p role="alert" className={`${BAR} border-red-200 bg-red-50 text-red-900`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
