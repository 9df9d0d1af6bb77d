/** The query API's request and answer as the page sends and reads them (lib/schemas/sql-query.ts is the contract). */
export type { SqlQueryRequestInput as SqlQueryRequest, SqlQueryResponse as SqlQueryResult } from "@/lib/schemas/sql-query";
