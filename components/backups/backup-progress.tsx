"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { ProgressBar } from "@/components/ui/progress-bar";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { BackupView } from "@/lib/schemas/backups";
import { formatMb, isRunning, stepLabel } from "./backup-format";

/** One backup, polled every second while it runs. */
export function useBackup(tenantId: string, initial: BackupView) {
  return useQuery({
    queryKey: queryKeys.backups.detail(tenantId, initial.backup_id),
    queryFn: ({ signal }) => fetchApi<BackupView>(`/api/v1/tenants/${tenantId}/backups/${initial.backup_id}`, { signal }),
    initialData: initial,
    initialDataUpdatedAt: 0,
    refetchInterval: (q) => (q.state.data && isRunning(q.state.data.status) ? 1000 : false),
    refetchIntervalInBackground: true,
  });
}

/** The live progress of a backup just started, then what it produced. */
export function BackupProgress({ tenantId, initial }: { tenantId: string; initial: BackupView }) {
  const queryClient = useQueryClient();
  const { data: b, error } = useBackup(tenantId, initial);
  const running = isRunning(b.status);

  // The list shows the finished backup's size and verification as soon as it is done.
  useEffect(() => {
    if (!running) void queryClient.invalidateQueries({ queryKey: queryKeys.backups.list(tenantId) });
  }, [running, queryClient, tenantId]);

  return (
    <div className="space-y-4" data-testid="backup-progress" data-status={b.status}>
      <ProgressBar
        label="Backup progress"
        value={b.progress.percentage}
        tone={b.status === "failed" ? "red" : b.status === "completed" ? "green" : "indigo"}
        text={b.status === "completed" ? "100% · Completed" : b.status === "failed" ? "Failed" : `${b.progress.percentage}% · ${stepLabel(b.progress.current_step)}`}
      />
      {b.status === "completed" && b.result ? (
        <Alert tone="success" title="Backup completed">
          {b.result.tables_backed_up} tables, {b.result.rows_backed_up.toLocaleString("en-US")} rows, {formatMb(b.result.compressed_size_mb)} stored
          {b.verification ? ` · integrity ${b.verification.integrity_check}` : ""}.
        </Alert>
      ) : null}
      {b.status === "failed" ? (
        <Alert tone="danger" title="The backup failed">
          {b.error ?? "No reason was recorded."}
        </Alert>
      ) : null}
      {running ? <p className="text-xs text-slate-500">You can close this dialog: the backup goes on, and the list shows its progress.</p> : null}
      {error ? (
        <Alert tone="warning" role="status">
          Could not check progress: {error.message}
        </Alert>
      ) : null}
    </div>
  );
}
