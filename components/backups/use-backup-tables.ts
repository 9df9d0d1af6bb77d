"use client";

import { useQuery } from "@tanstack/react-query";
import { backupTablesAction } from "@/lib/actions/backup-actions";
import { queryKeys } from "@/lib/query/keys";

/** The tables a backup's manifest lists, for choosing a selective restore (a backup never changes, so read once). */
export function useBackupTables(tenantId: string, backupId: string) {
  return useQuery({
    queryKey: [...queryKeys.backups.detail(tenantId, backupId), "tables"],
    queryFn: async () => {
      const r = await backupTablesAction(tenantId, backupId);
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
    staleTime: Infinity,
  });
}
