import { verifyTenantAuditLog as contract } from "@/lib/api-contracts/audit-verify";
import { verifyTenantAuditChain } from "@/lib/audit/verify-audit-chain";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(contract, async ({ actor, params }) => success(await verifyTenantAuditChain(actor, params.id)));
