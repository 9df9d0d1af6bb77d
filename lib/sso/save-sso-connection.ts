import { publishEvent } from "@/lib/events/publish-event";
import { env } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { saveSsoConnectionSchema } from "@/lib/schemas/sso";
import { tenantSlug } from "@/lib/sso/get-sso-connection";
import { auditedConnection, serializeSsoConnection } from "@/lib/sso/serialize-sso-connection";
import { withSsoAccess } from "@/lib/sso/sso-access";
import { defaultSsoRedirectUri } from "@/lib/sso/sso-redirect-uri";
import { roleExists } from "@/lib/tenant-access/role-permissions";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { sealSecret } from "@/lib/webhooks/secret-box";

const field = (path: string, message: string) => new AppError("invalid_request", `${path}: ${message}`, [{ path, message }]);

/**
 * Creates or replaces the tenant's identity provider. The client secret is
 * required the first time and kept when left out afterwards; it is sealed and
 * never returned. Roles must exist, and owner is never handed out by single
 * sign-on (owners make owners). Network-free: POST …/sso/test checks discovery.
 */
export async function saveSsoConnection(actor: TenantActor, tenantId: string, input: unknown) {
  const body = parseOrThrow(saveSsoConnectionSchema, input);
  if (new URL(body.issuer).protocol !== "https:" && !env.ssoAllowInsecureIssuers) throw field("issuer", "Must be an https URL");
  const secret = body.client_secret?.trim() ? sealSecret(body.client_secret.trim()) : null;
  return withSsoAccess(actor, tenantId, "write", async (tx, auditCaller) => {
    for (const [path, role] of [["default_role", body.default_role] as const, ...Object.entries(body.group_role_map).map(([g, r]) => [`group_role_map.${g}`, r] as const)]) {
      if (role === "owner") throw field(path, "Single sign-on never grants the owner role; an owner makes owners");
      if (!(await roleExists(tx, tenantId, role))) throw field(path, `Unknown role ${role}`);
    }
    const before = await tx.tenantSsoConnection.findUnique({ where: { tenantId } });
    if (!before && !secret) throw field("client_secret", "Required when the connection is first configured");
    const data = {
      displayName: body.display_name,
      issuer: body.issuer,
      clientId: body.client_id,
      scopes: body.scopes,
      emailClaim: body.email_claim,
      nameClaim: body.name_claim,
      groupsClaim: body.groups_claim,
      groupRoleMap: body.group_role_map,
      defaultRole: body.default_role,
      jitEnabled: body.jit_enabled,
      enabled: body.enabled,
      updatedAt: new Date(),
      ...(secret ? { clientSecretSealed: secret } : {}),
    };
    const row = before ? await tx.tenantSsoConnection.update({ where: { tenantId }, data }) : await tx.tenantSsoConnection.create({ data: { tenantId, ...data, clientSecretSealed: secret! } });
    await publishEvent(tx, auditCaller, {
      tenantId,
      action: "sso.connection_updated",
      targetType: "sso_connection",
      targetId: tenantId,
      targetLabel: row.displayName,
      before: before ? auditedConnection(before) : null,
      after: { ...auditedConnection(row), client_secret_changed: secret !== null },
    });
    return { connection: serializeSsoConnection(row), redirect_uri: defaultSsoRedirectUri(await tenantSlug(tx, tenantId)) };
  });
}
