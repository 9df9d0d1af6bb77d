"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { BackupView } from "@/lib/schemas/backups";
import { BackUpNowDialog } from "./back-up-now-dialog";
import { backupColumns } from "./backup-columns";
import { isRunning } from "./backup-format";
import { RestoreDialog } from "./restore-dialog";

export type BackupList = { backups: BackupView[]; total: number };

export type BackupsTenant = { id: string; name: string; slug: string; schema_name: string };

/**
 * A tenant's backups: the list (server-rendered first, then polled every
 * second while one runs), "Back up now", restore and download.
 */
export function BackupsPanel({ tenant, initial, encryptionAvailable, canDownload, now }: { tenant: BackupsTenant; initial?: BackupList; encryptionAvailable: boolean; canDownload: boolean; now: number }) {
  const list = useQuery({
    queryKey: queryKeys.backups.list(tenant.id),
    queryFn: ({ signal }) => fetchApi<BackupList>(`/api/v1/tenants/${tenant.id}/backups`, { signal }),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.backups.some((b) => isRunning(b.status)) ? 1000 : false),
  });
  const [backingUp, setBackingUp] = useState(false);
  const [restoring, setRestoring] = useState<BackupView | null>(null);
  const columns = useMemo(() => backupColumns({ canDownload, tenantId: tenant.id, onRestore: setRestoring }), [canDownload, tenant.id]);

  return (
    <Card>
      <CardHeader
        title="Backups"
        description="Copies of the tenant's settings and database schema. Restore one beside the live schema to inspect it, or over it to roll back."
        actions={<Button onClick={() => setBackingUp(true)}>Back up now</Button>}
      />
      {list.isError && !list.data ? (
        <div className="p-5">
          <Alert tone="danger" title="Backups could not be loaded">
            {list.error.message}
          </Alert>
        </div>
      ) : (
        <DataTable
          label="Backups"
          columns={columns}
          data={list.data?.backups}
          getRowId={(b) => b.backup_id}
          rowTestId="backup-row"
          breakpoint="lg"
          minWidth="min-w-[900px]"
          empty={<EmptyState title="No backups yet" description={`"Back up now" takes the first one. Backups are kept for their retention period, then pruned.`} />}
        />
      )}
      <BackUpNowDialog tenantId={tenant.id} tenantName={tenant.name} open={backingUp} onClose={() => setBackingUp(false)} encryptionAvailable={encryptionAvailable} />
      {restoring ? <RestoreDialog tenant={tenant} backup={restoring} onClose={() => setRestoring(null)} now={now} /> : null}
    </Card>
  );
}
