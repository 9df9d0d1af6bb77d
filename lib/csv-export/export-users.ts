import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { describeFilters } from "@/lib/csv-export/export-tenants";
import { countCsvRows, streamPlatformCsv, type CsvSelect, type CsvStream } from "@/lib/csv-export/stream-csv";
import { usersCsvSelect, type UserExportFilters } from "@/lib/csv-export/users-csv";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";

/** Every account the Users list shows with these filters, as a streamed CSV, audited first (users.exported) like the tenant export. */
export async function exportUsersCsv(caller: Caller, filters: UserExportFilters): Promise<CsvStream> {
  // The Users list's own permission (reading accounts is part of reading tenants).
  authorize(caller, "tenants:read");
  const select = usersCsvSelect(filters);
  // Audited before the first row leaves, with the count as the export begins; the file is read from its own snapshot just after.
  const rowCount = await withPlatformScope(async (tx) => {
    const rows = await countCsvRows(tx, select as CsvSelect<unknown>);
    await publishEvent(tx, caller, {
      tenantId: null,
      action: "users.exported",
      targetType: "user_list",
      targetId: null,
      targetLabel: "User list",
      after: { format: "csv", filter: describeFilters(filters), rows },
    });
    return rows;
  });
  return { body: await streamPlatformCsv(select), rowCount };
}
