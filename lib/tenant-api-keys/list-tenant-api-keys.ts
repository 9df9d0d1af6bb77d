import { apiKeyView, type ApiKeyView } from "@/lib/auth/api-keys";
import { withTenantScope } from "@/lib/db/scope";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

export async function listTenantApiKeys(actor: TenantActor, tenantId: string): Promise<ApiKeyView[]> {
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "api_keys:manage", tx);
    const rows = await tx.apiKey.findMany({ where: { tenantId, scope: "tenant" }, orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }] });
    return rows.map(apiKeyView);
  });
}
