"use client";

import { formatDateTime } from "@/components/console/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ProvisioningSteps } from "./provisioning-steps";
import type { TenantDetail } from "./types";

/** Shown on Overview for a while after provisioning finished, so whoever created the tenant sees what was done; dismissible. */
export function RecentProvisioningCard({ provisioning, onDismiss }: { provisioning: NonNullable<TenantDetail["provisioning"]>; onDismiss: () => void }) {
  return (
    <Card className="mb-6">
      <CardHeader
        title="Provisioning complete"
        description={`All steps finished ${formatDateTime(provisioning.completed_at)}. The tenant is active.`}
        actions={
          <button type="button" onClick={onDismiss} className="rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600" aria-label="Dismiss provisioning summary">
            <svg viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
              <path d="m4.5 4.5 7 7M11.5 4.5l-7 7" strokeLinecap="round" />
            </svg>
          </button>
        }
      />
      <CardBody>
        <ProvisioningSteps steps={provisioning.steps} />
      </CardBody>
    </Card>
  );
}
