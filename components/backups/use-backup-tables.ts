"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { BackupView } from "@/lib/schemas/backups";

export type BackupTable = { name: string; rows: number | null };

/** The tables a backup's manifest lists, for choosing a selective restore. */
export function useBackupTables(tenantId: string, backup: BackupView) {
  return useQuery({
    queryKey: [...queryKeys.backups.detail(tenantId, backup.backup_id), "tables"],
    queryFn: async ({ signal }): Promise<BackupTable[]> => {
      const detail = await fetchApi<BackupView & { manifest?: { tables?: { name: string; rows?: number | null }[] } }>(`/api/v1/tenants/${tenantId}/backups/${backup.backup_id}`, { signal });
      return (detail.manifest?.tables ?? []).map((t) => ({ name: t.name, rows: t.rows ?? null }));
    },
    staleTime: Infinity,
  });
}
