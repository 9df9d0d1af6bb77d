import { defineRoute } from "@/lib/api-contracts/define-route";
import { exportTenantsQuerySchema } from "@/lib/schemas/tenant";
import { exportUsersQuerySchema } from "@/lib/schemas/users";

const CSV =
  "Streamed as it is read from one snapshot (never held in memory), UTF-8 with a byte order mark (for Excel), CRLF line ends, a header row, ISO 8601 UTC timestamps; a cell starting with = + - @, tab or CR gets a leading ' so a spreadsheet shows it instead of running it. Content-Disposition names the file `<list>-YYYY-MM-DD.csv`; X-Total-Count is the row count as the export began. Audited with the filter and the row count.";

export const exportTenants = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/export",
  tag: "Tenants",
  summary: "Export the tenant list as CSV",
  description: `Every tenant matching the list's filters (status, plan, search) in the list's order (sort, order); no paging. ${CSV} Needs tenants:read.`,
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  query: exportTenantsQuerySchema,
  responses: { 200: { description: "The tenants, streamed", media: ["text/csv"] } },
  errors: [400, 401, 403],
});

export const exportUsers = defineRoute({
  method: "GET",
  path: "/api/v1/users/export",
  tag: "Users",
  summary: "Export the user list as CSV",
  description: `Every account matching the Users list's filters (status, platform_role, search) in its order (sort, order); no paging. ${CSV} Needs tenants:read, as the list.`,
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  query: exportUsersQuerySchema,
  responses: { 200: { description: "The accounts, streamed", media: ["text/csv"] } },
  errors: [400, 401, 403],
});
