import { assertRecentAuthentication } from "@/lib/auth/sessions/recent-auth";
import { apiKeyView, newApiKeySecret, type ApiKeyView } from "@/lib/auth/api-keys";
import { publishEvent } from "@/lib/events/publish-event";
import { authorize } from "@/lib/auth/authorize";
import { requireVerifiedEmail } from "@/lib/auth/email-verification/require-verified-email";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { apiKeyExpiresAt } from "@/lib/schemas/api-key-expiry";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";
import { createTenantApiKeySchema } from "@/lib/schemas/tenant-api-keys";
import { BUILT_IN_ROLES } from "@/lib/tenant-access/permissions";
import { authorizeTenant, platformActor, requireHolds, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Mints a key bound to one tenant, carrying a subset of the creator's own
 * permissions there. The secret is in the return value and nowhere else.
 */
export async function createTenantApiKey(actor: TenantActor, tenantId: string, input: unknown): Promise<{ key: string; apiKey: ApiKeyView }> {
  // A key minting keys would outlive its own revocation through its children.
  if (actor.kind === "api_key") throw new AppError("admin_privileges_required", "API keys cannot create API keys; a member or platform staff must", { permission: "api_keys:manage" });
  const body = parseOrThrow(createTenantApiKeySchema, input);
  const { secret, prefix, keyHash } = newApiKeySecret();
  const expiresAt = apiKeyExpiresAt(body);
  const row = await withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "api_keys:manage", tx);
    requireHolds(access, body.permissions, "create a key with these permissions");
    await assertRecentAuthentication(actor, "create an API key");
    if (actor.kind === "member") await requireVerifiedEmail(tx, actor.userId);
    const created = await tx.apiKey.create({
      data: { id: newId("key"), name: body.name, scope: "tenant", tenantId, prefix, keyHash, permissions: body.permissions, createdById: access.auditCaller.id, createdByMember: actor.kind === "member", expiresAt },
    });
    await publishEvent(tx, access.auditCaller, { tenantId, action: "api_key.created", targetType: "api_key", targetId: created.id, targetLabel: created.name, after: { name: created.name, scope: "tenant", permissions: body.permissions, expires_at: expiresAt?.toISOString() ?? null } });
    // A key acts without a password: the tenant's owners hear of every new one.
    await raiseSecurityAlert(tx, { tenantId, kind: "api_key_created", detail: { name: created.name, key_id: created.id, created_by: access.auditCaller.label, permissions: body.permissions.length }, caller: access.auditCaller });
    return created;
  });
  return { key: secret, apiKey: apiKeyView(row) };
}

/** For operators (the CLI): the tenant named by slug; without permissions, the admin role's. */
export async function createTenantApiKeyForSlug(caller: Caller, slug: string, input: { name: string; permissions?: string[]; expires_in_days?: number }): Promise<{ key: string; apiKey: ApiKeyView }> {
  authorize(caller, "tenants:update");
  const tenant = await withPlatformScope((tx) => tx.tenant.findUnique({ where: { slug }, select: { id: true } }));
  if (!tenant) throw new AppError("tenant_not_found", `No tenant with slug ${slug}`);
  return createTenantApiKey(platformActor(caller), tenant.id, { name: input.name, permissions: input.permissions ?? [...BUILT_IN_ROLES.admin.permissions], expires_in_days: input.expires_in_days });
}
