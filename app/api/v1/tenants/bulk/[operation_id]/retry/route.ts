import { retryBulkOperation as contract } from "@/lib/api-contracts/bulk";
import { retryBulkOperation } from "@/lib/bulk/retry-bulk-operation";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(contract, async ({ req, caller, params }) =>
  success(await retryBulkOperation(caller, params.operation_id, { idempotencyKey: req.headers.get("idempotency-key") }), { status: 202 }),
);
