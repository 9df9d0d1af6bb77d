import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { readSecurityPolicy } from "@/lib/security-policy/get-security-policy";

/** The part after the last "@", lower case. */
export const emailDomainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

/**
 * Refuses (400 email_domain_not_allowed, naming each domain and field) addresses
 * outside the tenant's allowed_invitation_domains when that list is not empty.
 * Exact domains: acme.com does not admit eu.acme.com, which must be listed too.
 * Read in the caller's transaction, so a policy change and an invitation never
 * pass each other.
 */
export async function assertEmailDomainsAllowed(tx: Tx, tenantId: string, emails: { email: string; path: string }[]): Promise<void> {
  const allowed = (await readSecurityPolicy(tx, tenantId)).allowed_invitation_domains;
  if (allowed.length === 0) return;
  const refused = emails.filter((e) => !allowed.includes(emailDomainOf(e.email)));
  if (refused.length === 0) return;
  const domains = [...new Set(refused.map((e) => emailDomainOf(e.email)))];
  throw new AppError(
    "email_domain_not_allowed",
    `${domains.join(", ")} ${domains.length > 1 ? "are" : "is"} not among this tenant's allowed email domains (${allowed.join(", ")})`,
    refused.map((e) => ({ path: e.path, message: `${emailDomainOf(e.email)} is not an allowed email domain` })),
  );
}
