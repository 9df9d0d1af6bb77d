import { forgetApiKey } from "@/lib/auth/api-key-cache";
import { apiKeyView, type ApiKeyView } from "@/lib/auth/api-keys";
import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Revoking takes effect on the key's next request: this process forgets the verified key when the transaction ends,
 * other processes when the change is announced (lib/auth/api-key-cache.ts).
 */
export async function revokeTenantApiKey(actor: TenantActor, tenantId: string, keyId: string): Promise<ApiKeyView> {
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "api_keys:manage", tx);
    const key = await tx.apiKey.findFirst({ where: { id: keyId, tenantId, scope: "tenant" } });
    if (!key) throw new AppError("not_found", `No API key with id ${keyId} in this tenant`);
    if (key.revokedAt) return apiKeyView(key);
    const row = await tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    await publishEvent(tx, access.auditCaller, { tenantId, action: "api_key.revoked", targetType: "api_key", targetId: keyId, targetLabel: key.name, before: { name: key.name, permissions: key.permissions } });
    return apiKeyView(row);
  }).finally(() => forgetApiKey(keyId));
}
