import { exportUsers } from "@/lib/api-contracts/list-exports";
import { exportUsersCsv } from "@/lib/csv-export/export-users";
import { csvDownloadResponse } from "@/lib/csv-export/stream-csv";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";

export const GET = apiRoute(exportUsers, async ({ caller, query }) => {
  const filters = parseOrThrow(exportUsers.query, queryObject(query));
  return csvDownloadResponse(await exportUsersCsv(caller, filters), "users");
});
