import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { countCsvRows, streamPlatformCsv, type CsvSelect, type CsvStream } from "@/lib/csv-export/stream-csv";
import { tenantsCsvSelect, type TenantExportFilters } from "@/lib/csv-export/tenants-csv";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";

/** The filter as given, for the audit event: only what was set. */
export const describeFilters = (f: Record<string, unknown>) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));

/**
 * Every tenant the list shows with these filters, as a streamed CSV; the
 * export is audited (tenants.exported, with the filter and the row count)
 * before the first row leaves.
 */
export async function exportTenantsCsv(caller: Caller, filters: TenantExportFilters): Promise<CsvStream> {
  authorize(caller, "tenants:read");
  const select = tenantsCsvSelect(filters);
  // Audited before the first row leaves, with the count as the export begins; the file is read from its own snapshot just after.
  const rowCount = await withPlatformScope(async (tx) => {
    const rows = await countCsvRows(tx, select as CsvSelect<unknown>);
    await publishEvent(tx, caller, {
      tenantId: null,
      action: "tenants.exported",
      targetType: "tenant_list",
      targetId: null,
      targetLabel: "Tenant list",
      after: { format: "csv", filter: describeFilters(filters), rows },
    });
    return rows;
  });
  return { body: await streamPlatformCsv(select), rowCount };
}
