import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { serializeSsoConnection } from "@/lib/sso/serialize-sso-connection";
import { withSsoAccess } from "@/lib/sso/sso-access";
import { defaultSsoRedirectUri } from "@/lib/sso/sso-redirect-uri";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

export async function tenantSlug(tx: Tx, tenantId: string): Promise<string> {
  const t = await tx.tenant.findUnique({ where: { id: tenantId }, select: { slug: true } });
  if (!t) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
  return t.slug;
}

/** The tenant's connection (null when none) and the redirect URI to register at the provider. */
export function getSsoConnection(actor: TenantActor, tenantId: string) {
  return withSsoAccess(actor, tenantId, "read", async (tx) => {
    const row = await tx.tenantSsoConnection.findUnique({ where: { tenantId } });
    return { connection: row ? serializeSsoConnection(row) : null, redirect_uri: defaultSsoRedirectUri(await tenantSlug(tx, tenantId)) };
  });
}
