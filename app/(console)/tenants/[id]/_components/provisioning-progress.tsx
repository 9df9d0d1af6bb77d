"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { formatDateTime } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { buttonClasses, Spinner } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ApiError, fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import { provisioningFailureAction } from "../tenant-actions";
import { ProvisioningSteps, STEP_LABELS } from "./provisioning-steps";
import type { TenantDetail } from "./types";

/** Live provisioning steps, polled from the API every 700 ms until they are done (or rolled back). */
export function ProvisioningProgress({ tenant }: { tenant: TenantDetail }) {
  const id = tenant.tenant.id;
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.tenants.detail(id),
    queryFn: ({ signal }) => fetchApi<TenantDetail>(`/api/v1/tenants/${id}`, { signal }),
    initialData: tenant,
    initialDataUpdatedAt: 0,
    refetchInterval: (q) => (q.state.error || q.state.data?.tenant.status !== "provisioning" ? false : 700),
    refetchIntervalInBackground: true,
    retry: false,
  });
  const data = query.data;
  const rolledBack = query.error instanceof ApiError && query.error.status === 404;
  const finished = data.tenant.status !== "provisioning";

  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);

  useEffect(() => {
    if (rolledBack) queryClient.invalidateQueries({ queryKey: queryKeys.tenants.lists() });
  }, [rolledBack, queryClient]);

  const steps = data.provisioning?.steps ?? [];

  return (
    <Card>
      <CardHeader
        title={rolledBack ? "Provisioning failed" : finished ? "Provisioning complete" : "Provisioning tenant"}
        description={rolledBack ? "Everything done so far was undone." : finished ? "The tenant is active. Loading its dashboard…" : "Setting up the tenant's database and admin. This takes a few seconds."}
        actions={!rolledBack && !finished ? <Spinner className="size-4 text-indigo-600" /> : null}
      />
      <CardBody className="py-5">
        {rolledBack ? (
          <RolledBack id={id} />
        ) : (
          <>
            <ProvisioningSteps steps={steps} />
            {data.provisioning?.started_at ? <p className="mt-4 text-xs text-slate-500">Started {formatDateTime(data.provisioning.started_at)}</p> : null}
            {query.error && !rolledBack ? (
              <Alert tone="warning" className="mt-4">
                Could not check progress: {query.error.message}
              </Alert>
            ) : null}
          </>
        )}
      </CardBody>
    </Card>
  );
}

function RolledBack({ id }: { id: string }) {
  const [reason, setReason] = useState<{ step: string | null; error: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    provisioningFailureAction(id).then((r) => {
      if (live && r.ok) setReason(r.data);
    });
    return () => {
      live = false;
    };
  }, [id]);
  return (
    <div className="space-y-4">
      <Alert tone="danger" title="The tenant could not be provisioned">
        A step failed, so its schema, admin account and record were removed; nothing was left half-made.
        {reason?.step ? (
          <span className="mt-1 block">
            Failed at <strong>{STEP_LABELS[reason.step]?.label ?? reason.step}</strong>
            {reason.error ? `: ${reason.error}` : ""}
          </span>
        ) : null}
      </Alert>
      <div className="flex gap-2">
        <Link href="/tenants/new" className={buttonClasses("primary")}>
          Try again
        </Link>
        <Link href="/tenants" className={buttonClasses("secondary")}>
          Back to tenants
        </Link>
      </div>
    </div>
  );
}
