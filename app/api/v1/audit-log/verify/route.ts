import { verifyPlatformAuditLog as contract } from "@/lib/api-contracts/audit-verify";
import { verifyPlatformAuditChain } from "@/lib/audit/verify-audit-chain";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(contract, async ({ caller, query }) => {
  const q = parseOrThrow(contract.query, queryObject(query));
  return success(await verifyPlatformAuditChain(caller, q.tenant_id ?? null));
});
