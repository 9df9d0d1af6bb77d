"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { BulkItemStatus, BulkOperationDetail } from "@/lib/schemas/bulk";

export const isFinished = (d: Pick<BulkOperationDetail, "status"> | undefined) => d !== undefined && (d.status === "completed" || d.status === "failed");

/** An operation's progress and first page of items (of one status), polled every second until it has finished. */
export function useBulkOperation(id: string | null, status?: BulkItemStatus) {
  return useQuery({
    queryKey: queryKeys.bulkOperation(id ?? "none", status),
    queryFn: ({ signal }) => fetchApi<BulkOperationDetail>(`/api/v1/tenants/bulk/${id}?page_size=50${status ? `&status=${status}` : ""}`, { signal }),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && isFinished(q.state.data) ? false : 1000),
    refetchIntervalInBackground: true,
  });
}
