import { startBulkOperation as contract } from "@/lib/api-contracts/bulk";
import { startBulkOperation } from "@/lib/bulk/start-bulk-operation";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(contract, async ({ req, caller, body }) =>
  success(await startBulkOperation(caller, body, { idempotencyKey: req.headers.get("idempotency-key") }), { status: 202 }),
);
