import { withTenantScope } from "@/lib/db/scope";
import type { TenantSsoConnection } from "@/lib/generated/prisma/client";
import { getTenantSecurityPolicy } from "@/lib/security-policy/get-security-policy";
import { SsoRefusal } from "@/lib/sso/sso-refusal";

/** The tenant's connection, whatever its state (the login page and the flow read it; no caller to authorise). */
export function readSsoConnection(tenantId: string): Promise<TenantSsoConnection | null> {
  return withTenantScope(tenantId, (tx) => tx.tenantSsoConnection.findUnique({ where: { tenantId } }));
}

/** The connection a sign-in may use now: configured, enabled, and allowed by the tenant's security policy. */
export async function usableSsoConnection(tenantId: string): Promise<TenantSsoConnection> {
  const [row, policy] = await Promise.all([readSsoConnection(tenantId), getTenantSecurityPolicy(tenantId)]);
  if (!row || !row.enabled) throw new SsoRefusal("sso_disabled", row ? "The connection is disabled" : "No identity provider is configured");
  if (!policy.allowed_sign_in_methods.includes("sso")) throw new SsoRefusal("sso_not_allowed", `Allowed sign-in methods: ${policy.allowed_sign_in_methods.join(", ")}`);
  return row;
}

/** What the portal's login page offers: the SSO button (when usable) and whether passwords are closed to all but owners. */
export async function portalSignInOptions(tenantId: string): Promise<{ sso: { displayName: string } | null; passwordAllowed: boolean; passkeyAllowed: boolean; ssoRequired: boolean }> {
  const [row, policy] = await Promise.all([readSsoConnection(tenantId), getTenantSecurityPolicy(tenantId)]);
  const ssoAllowed = policy.allowed_sign_in_methods.includes("sso");
  const passwordAllowed = policy.allowed_sign_in_methods.includes("password");
  const passkeyAllowed = policy.allowed_sign_in_methods.includes("passkey");
  return { sso: row?.enabled && ssoAllowed ? { displayName: row.displayName } : null, passwordAllowed, passkeyAllowed, ssoRequired: ssoAllowed && !passwordAllowed && !passkeyAllowed };
}
