import { exportTenants } from "@/lib/api-contracts/list-exports";
import { exportTenantsCsv } from "@/lib/csv-export/export-tenants";
import { csvDownloadResponse } from "@/lib/csv-export/stream-csv";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";

export const GET = apiRoute(exportTenants, async ({ caller, query }) => {
  const filters = parseOrThrow(exportTenants.query, queryObject(query));
  return csvDownloadResponse(await exportTenantsCsv(caller, filters), "tenants");
});
