import { createHash, randomBytes } from "node:crypto";
import { authorize } from "@/lib/auth/authorize";
import { apiKeyCacheGeneration, cachedApiKey, forgetApiKey, rememberApiKey, type ApiKeyRow } from "@/lib/auth/api-key-cache";
import { requireVerifiedEmail } from "@/lib/auth/email-verification/require-verified-email";
import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { PLATFORM_PERMISSIONS, type PlatformPermission } from "@/lib/auth/permissions";
import { publishEvent } from "@/lib/events/publish-event";
import { appPool } from "@/lib/db/pools";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";

const KEY_PREFIX = "atr_";

// 256 bits from the CSPRNG; only the SHA-256 digest is stored, and lookups compare digests.
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export type ApiKeyView = {
  id: string;
  name: string;
  scope: string;
  prefix: string;
  permissions: string[];
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
};

/** A new key: 256 bits from the CSPRNG behind a recognisable prefix, with what is stored of it. */
export function newApiKeySecret(): { secret: string; prefix: string; keyHash: string } {
  const secret = KEY_PREFIX + randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, 12), keyHash: hashApiKey(secret) };
}

export const apiKeyView = (k: {
  id: string;
  name: string;
  scope: string;
  prefix: string;
  permissions: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
}): ApiKeyView => ({
  id: k.id,
  name: k.name,
  scope: k.scope,
  prefix: k.prefix,
  permissions: k.permissions,
  created_at: k.createdAt.toISOString(),
  last_used_at: k.lastUsedAt?.toISOString() ?? null,
  revoked_at: k.revokedAt?.toISOString() ?? null,
  expires_at: k.expiresAt?.toISOString() ?? null,
});

/** Creates a platform key. The secret is in the return value and nowhere else, ever. */
export async function createPlatformApiKey(caller: Caller, input: { name: string; permissions?: PlatformPermission[]; expiresAt?: Date | null }): Promise<{ key: string; apiKey: ApiKeyView }> {
  authorize(caller, "api_keys:manage");
  const permissions = input.permissions ?? [...PLATFORM_PERMISSIONS];
  const beyond = permissions.filter((p) => !caller.permissions.has(p));
  if (beyond.length) throw new AppError("admin_privileges_required", `You cannot grant permissions you do not hold: ${beyond.join(", ")}`, { permissions: beyond });
  const { secret, prefix, keyHash } = newApiKeySecret();
  const apiKey = await withPlatformScope(async (tx) => {
    if (caller.kind === "user") await requireVerifiedEmail(tx, caller.id);
    const row = await tx.apiKey.create({
      data: { id: newId("key"), name: input.name, scope: "platform", tenantId: null, prefix, keyHash, permissions, createdById: caller.id, expiresAt: input.expiresAt ?? null },
    });
    await publishEvent(tx, caller, { tenantId: null, action: "api_key.created", targetType: "api_key", targetId: row.id, targetLabel: row.name, after: { name: row.name, scope: "platform", permissions, expires_at: row.expiresAt?.toISOString() ?? null } });
    // The staff member who made it is told (a stolen session minting keys shows up in their mail); an operator script's key is only audited.
    await raiseSecurityAlert(tx, { userId: caller.kind === "user" ? caller.id : null, kind: "api_key_created", detail: { name: row.name, key_id: row.id, scope: "platform" }, caller });
    return row;
  });
  return { key: secret, apiKey: apiKeyView(apiKey) };
}

export async function listPlatformApiKeys(caller: Caller): Promise<ApiKeyView[]> {
  authorize(caller, "api_keys:manage");
  const rows = await withPlatformScope((tx) => tx.apiKey.findMany({ where: { scope: "platform" }, orderBy: { createdAt: "desc" } }));
  return rows.map(apiKeyView);
}

export async function revokePlatformApiKey(caller: Caller, keyId: string): Promise<ApiKeyView> {
  authorize(caller, "api_keys:manage");
  return withPlatformScope(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId, scope: "platform" } });
    if (!key) throw new AppError("not_found", `No API key with id ${keyId}`);
    if (key.revokedAt) return apiKeyView(key);
    const row = await tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    await publishEvent(tx, caller, { tenantId: null, action: "api_key.revoked", targetType: "api_key", targetId: keyId, targetLabel: key.name, before: { name: key.name } });
    return apiKeyView(row);
  }).finally(() => forgetApiKey(keyId));
}

export type AuthenticatedKey = { id: string; name: string; scope: "platform"; tenantId: null; permissions: string[] } | { id: string; name: string; scope: "tenant"; tenantId: string; permissions: string[] };

/**
 * Bearer secret → the live key with that digest, or null. An expired key is
 * refused here (401) with its date, so its owner knows to make a new one
 * rather than hunt for a typo.
 */
export async function authenticateApiKey(secret: string): Promise<AuthenticatedKey | null> {
  if (!secret.startsWith(KEY_PREFIX) || secret.length > 200) return null;
  const keyHash = hashApiKey(secret);
  let k = cachedApiKey(keyHash);
  if (!k) {
    const generation = apiKeyCacheGeneration();
    // The database function notes last_used_at (at most once a minute, never for an expired key); the app role cannot write api_keys itself.
    const { rows } = await appPool().query<ApiKeyRow>("SELECT * FROM atrium_authenticate_api_key($1)", [keyHash]);
    k = rows[0];
    if (!k) return null;
    if (!k.expires_at || k.expires_at.getTime() > Date.now()) rememberApiKey(keyHash, k, generation);
  }
  if (k.expires_at && k.expires_at.getTime() <= Date.now()) {
    throw new AppError("authentication_required", `This API key (${k.name}) expired on ${k.expires_at.toISOString()}; create a new key`, { expired_at: k.expires_at.toISOString() }, { "WWW-Authenticate": 'Bearer error="invalid_token", error_description="The API key has expired"' });
  }
  if (k.scope === "tenant" && k.tenant_id) return { id: k.id, name: k.name, scope: "tenant", tenantId: k.tenant_id, permissions: k.permissions };
  return { id: k.id, name: k.name, scope: "platform", tenantId: null, permissions: k.permissions };
}

export function platformCallerFromKey(key: AuthenticatedKey, meta: RequestMeta): Caller {
  const permissions = new Set(key.permissions.filter((p): p is PlatformPermission => (PLATFORM_PERMISSIONS as readonly string[]).includes(p)));
  return { kind: "api_key", id: key.id, label: `API key ${key.name}`, permissions, meta };
}
