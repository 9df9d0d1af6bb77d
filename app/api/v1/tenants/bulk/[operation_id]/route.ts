import { getBulkOperation as contract } from "@/lib/api-contracts/bulk";
import { getBulkOperation } from "@/lib/bulk/read-bulk-operation";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(contract, async ({ caller, params, query }) => success(await getBulkOperation(caller, params.operation_id, parseOrThrow(contract.query, queryObject(query)))));
