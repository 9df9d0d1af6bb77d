import { AppError } from "@/lib/http/errors";
import { getTenantSecurityPolicy } from "@/lib/security-policy/get-security-policy";
import { ipInAllowlist } from "@/lib/security-policy/ip-allowlist";

/**
 * Throws 403 ip_not_allowed unless the tenant's allowlist is empty or holds
 * `ip` (clientIp(headers), which honours TRUSTED_PROXY_COUNT). An address that
 * could not be worked out (null) passes only an empty list.
 */
export async function assertIpAllowed(tenantId: string, ip: string | null): Promise<void> {
  const policy = await getTenantSecurityPolicy(tenantId);
  if (ipInAllowlist(policy.ip_allowlist, ip)) return;
  throw new AppError(
    "ip_not_allowed",
    ip ? `Your network address ${ip} is not allowed by this tenant's IP allowlist` : "Your network address could not be determined, and this tenant only allows listed addresses",
    { ip },
  );
}

/** The same check as a boolean, for pages that show an explanation instead of throwing. */
export async function isIpAllowed(tenantId: string, ip: string | null): Promise<boolean> {
  return ipInAllowlist((await getTenantSecurityPolicy(tenantId)).ip_allowlist, ip);
}
