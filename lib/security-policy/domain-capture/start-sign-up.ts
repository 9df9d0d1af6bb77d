import { z } from "zod";
import { issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { primaryDomainHost } from "@/lib/domains/primary-domain";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { assertIpAllowed } from "@/lib/security-policy/assert-ip-allowed";
import { emailDomainOf } from "@/lib/security-policy/assert-email-domain-allowed";
import { captureFor } from "@/lib/security-policy/domain-capture/capture-domains";
import { signUpEmail } from "@/lib/security-policy/domain-capture/sign-up-email";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-base-url";
import type { PortalTenant } from "@/lib/tenancy/resolve-host";

export const SIGN_UP_TTL_MINUTES = 30;
const PER_IP_PER_HOUR = 20;
const PER_EMAIL_PER_HOUR = 3;

const startSchema = z.object({ email: z.string().trim().pipe(z.email("Enter a valid email address").max(254)).transform((e) => e.toLowerCase()) });

/**
 * Domain capture, step 1: an address on one of the tenant's capturing domains
 * gets a single-use link (one-time token "sign_up", 30 minutes) by mail. The
 * answer does not say whether an account or membership exists already; it
 * does say when the domain does not capture (that list is public: it is shown
 * on the sign-up page). Throttled per address and per IP. The link and the
 * token's host are the tenant's stored origin (primary domain or
 * <slug>.<root>), never the request's Host.
 */
export async function startSignUp(tenant: PortalTenant, input: unknown, ip: string | null): Promise<{ sent_to: string }> {
  const { email } = parseOrThrow(startSchema, input);
  await assertIpAllowed(tenant.id, ip);
  await enforceRateLimit(`sign_up:ip:${ip ?? "unknown"}`, PER_IP_PER_HOUR, 3600, "sign-up requests from this address");
  await enforceRateLimit(`sign_up:email:${email}`, PER_EMAIL_PER_HOUR, 3600, "sign-up links for this email address");
  const company = (tenant.branding as { company_name?: string }).company_name ?? tenant.name;
  await withTenantScope(tenant.id, async (tx) => {
    if (!(await captureFor(tx, tenant.id, email))) {
      throw new AppError("email_domain_not_allowed", `Addresses on ${emailDomainOf(email)} cannot sign up here; ask an administrator of ${company} for an invitation`, [
        { path: "email", message: `${emailDomainOf(email)} is not a domain that can sign up here` },
      ]);
    }
    const accountExists = (await tx.user.count({ where: { email } })) > 0;
    const base = tenantBaseUrl({ slug: tenant.slug, primaryDomain: await primaryDomainHost(tx, tenant.id) });
    const token = await issueOneTimeToken({ purpose: "sign_up", host: new URL(base).host, ttlSeconds: SIGN_UP_TTL_MINUTES * 60, email, tenantId: tenant.id });
    const link = `${base}/sign-up/complete?token=${encodeURIComponent(token)}`;
    await enqueueMail(tx, { tenantId: tenant.id, to: email, kind: "sign_up_verification", ...signUpEmail({ company, link, accountExists, ttlMinutes: SIGN_UP_TTL_MINUTES }) });
  });
  return { sent_to: email };
}
