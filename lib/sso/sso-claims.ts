import type { TenantSsoConnection } from "@/lib/generated/prisma/client";
import { SsoRefusal } from "@/lib/sso/sso-refusal";

export type SsoIdentity = { subject: string; email: string; name: string; groups: string[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The person the provider vouches for, from the mapped claims. The address
 * must be one the provider has verified (`email_verified` true; some
 * providers send the string "true"): an unverified address would let anyone
 * who can type one into the provider's profile become its owner here.
 */
export function identityFromClaims(conn: Pick<TenantSsoConnection, "emailClaim" | "nameClaim" | "groupsClaim">, claims: Record<string, unknown>): SsoIdentity {
  const raw = claims[conn.emailClaim];
  if (typeof raw !== "string" || !EMAIL.test(raw.trim())) throw new SsoRefusal("email_missing", `The claim ${conn.emailClaim} is ${raw === undefined ? "missing" : "not an email address"}`);
  const email = raw.trim().toLowerCase();
  if (claims.email_verified !== true && claims.email_verified !== "true") throw new SsoRefusal("email_not_verified", `email_verified is ${JSON.stringify(claims.email_verified ?? null)} for ${email}`, email);
  const rawName = claims[conn.nameClaim];
  const name = typeof rawName === "string" && rawName.trim() ? rawName.trim().slice(0, 200) : email.split("@")[0];
  const rawGroups = conn.groupsClaim ? claims[conn.groupsClaim] : undefined;
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === "string") : typeof rawGroups === "string" ? [rawGroups] : [];
  return { subject: String(claims.sub), email, name, groups };
}

/** The role a new member joins as: the first mapping (in the order saved) naming one of their groups, else the default. */
export function roleForGroups(conn: Pick<TenantSsoConnection, "groupRoleMap" | "defaultRole">, groups: readonly string[]): string {
  const map = (conn.groupRoleMap ?? {}) as Record<string, string>;
  for (const [group, role] of Object.entries(map)) if (groups.includes(group)) return role;
  return conn.defaultRole;
}
