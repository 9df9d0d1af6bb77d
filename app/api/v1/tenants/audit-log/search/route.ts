import { searchTenantsAuditLog } from "@/lib/api-contracts/audit";
import { platformAuditLogRoute } from "@/lib/audit/platform-audit-log-route";

export const GET = platformAuditLogRoute(searchTenantsAuditLog);
