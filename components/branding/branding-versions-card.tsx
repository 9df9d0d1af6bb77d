"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { formatDateTime } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Skeleton } from "@/components/ui/skeleton";
import { listBrandingVersionsAction, type BrandingVersionView } from "@/lib/actions/branding-actions";
import type { ActionFailure } from "@/lib/actions/action-result";
import { brandingKeys } from "@/components/branding/branding-draft";

/** Every saved version, newest first; an older one can be made current again (as a new version). */
export function BrandingVersionsCard({
  tenantId,
  canRevert,
  hasUnsavedChanges,
  reverting,
  revertFailure,
  onRevert,
}: {
  tenantId: string;
  canRevert: boolean;
  hasUnsavedChanges: boolean;
  reverting: boolean;
  revertFailure: ActionFailure | null;
  onRevert: (version: number, done: () => void) => void;
}) {
  const [confirming, setConfirming] = useState<BrandingVersionView | null>(null);
  const versions = useQuery({ queryKey: brandingKeys.versions(tenantId), queryFn: () => unwrapAction(listBrandingVersionsAction(tenantId)) });
  const list = versions.data?.versions;

  return (
    <Card>
      <CardHeader title="Version history" description="Every save is kept. Reverting saves the chosen version again as the newest." />
      {versions.isError && !list ? (
        <div className="p-4">
          <Alert tone="danger" title="Could not load the versions" actions={<Button size="sm" variant="secondary" onClick={() => versions.refetch()}>Retry</Button>}>
            {versions.error.message}
          </Alert>
        </div>
      ) : !list ? (
        <div className="p-4">
          <Skeleton className="h-16 w-full" />
        </div>
      ) : list.length === 0 ? (
        <p className="px-5 py-6 text-center text-[13px] text-slate-500">No saved versions yet. The first save starts the history.</p>
      ) : (
        <ol className="divide-y divide-slate-100" aria-label="Branding versions">
          {list.map((v) => (
            <li key={v.version} data-testid="branding-version" data-version={v.version} data-current={v.current || undefined} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-3 text-[13px]">
              <span className="font-semibold text-slate-900 tabular-nums">v{v.version}</span>
              <span className="text-slate-500">{formatDateTime(v.created_at)}</span>
              <span className="min-w-0 truncate text-slate-600">{v.created_by.label}</span>
              {v.reverted_from ? <span className="text-xs text-slate-500">restored v{v.reverted_from}</span> : null}
              <span className="ml-auto flex items-center gap-2">
                {v.current ? <Badge tone="green">Current</Badge> : null}
                {canRevert && !v.current ? (
                  <Button size="sm" variant="secondary" onClick={() => setConfirming(v)} aria-label={`Revert to version ${v.version}`}>
                    Revert
                  </Button>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? `Revert to version ${confirming.version}?` : ""}
        description={
          <>
            The branding becomes what it was in version {confirming?.version}, saved as a new version; nothing is lost from the history.
            {hasUnsavedChanges ? " Your unsaved changes in the form will be discarded." : ""}
          </>
        }
        footer={
          <DialogActions onCancel={() => setConfirming(null)}>
            <Button loading={reverting} onClick={() => confirming && onRevert(confirming.version, () => setConfirming(null))}>
              Revert
            </Button>
          </DialogActions>
        }
      >
        {revertFailure ? (
          <Alert tone="danger" className="mb-1">
            {revertFailure.message}
          </Alert>
        ) : null}
      </Dialog>
    </Card>
  );
}
