import { assertRecentAuthentication } from "@/lib/auth/sessions/recent-auth";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { securityPolicyUpdateSchema } from "@/lib/schemas/security-policy";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";
import { defaultSecurityPolicy } from "@/lib/security-policy/defaults";
import { forgetSecurityPolicy } from "@/lib/security-policy/get-security-policy";
import { ipInAllowlist } from "@/lib/security-policy/ip-allowlist";
import { authorizeSecurityPolicy, metaOf } from "@/lib/security-policy/policy-access";
import { policyFromRow, rowFromPolicy } from "@/lib/security-policy/policy-row";
import { policyView, type SecurityPolicyView } from "@/lib/security-policy/show-security-policy";
import type { TenantSecurityPolicy } from "@/lib/security-policy/types";
import { lockTenant } from "@/lib/tenant-access/tenant-lock";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/** The fields whose values differ, for the audit row's before/after (the whole policy would bury the change). */
function changedFields(before: TenantSecurityPolicy, after: TenantSecurityPolicy): (keyof TenantSecurityPolicy)[] {
  return (Object.keys(after) as (keyof TenantSecurityPolicy)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

const pick = (p: TenantSecurityPolicy, keys: (keyof TenantSecurityPolicy)[]) => Object.fromEntries(keys.map((k) => [k, p[k]]));

/**
 * PUT /tenants/{id}/security: a full or partial update (fields left out keep
 * their value). Every bad field is named in one 400 and nothing is written.
 * Members and tenant keys must keep their own address inside a new allowlist
 * (ip_allowlist_lockout) — platform staff never sign in on the portal, so they
 * cannot lock themselves out (the console warns them instead).
 */
export async function updateSecurityPolicy(actor: TenantActor, tenantId: string, body: unknown): Promise<SecurityPolicyView> {
  // Authorised before the body is read, so a caller without the permission learns nothing about the contract.
  await withTenantScope(tenantId, (tx) => authorizeSecurityPolicy(actor, tenantId, "change", tx));
  const update = parseOrThrow(securityPolicyUpdateSchema, body);
  await assertRecentAuthentication(actor, "change the security policy");
  const ip = metaOf(actor).ip;
  const view = await withTenantScope(tenantId, async (tx) => {
    const access = await authorizeSecurityPolicy(actor, tenantId, "change", tx);
    // One change at a time per tenant: each audit row's "before" is what the previous change left.
    await lockTenant(tx, tenantId);
    const row = await tx.tenantSecurityPolicy.findUnique({ where: { tenantId } });
    const before = row ? policyFromRow(row) : defaultSecurityPolicy();
    const after: TenantSecurityPolicy = { ...before, ...update };
    if (actor.kind !== "platform" && update.ip_allowlist && !ipInAllowlist(after.ip_allowlist, ip)) {
      throw new AppError(
        "ip_allowlist_lockout",
        ip
          ? `ip_allowlist: your current address ${ip} is not in the new list; add it (for example ${ip}/${ip.includes(":") ? 128 : 32}) or you would lock yourself out`
          : "ip_allowlist: your current address could not be determined, so a list that excludes everyone else would lock you out too",
        [{ path: "ip_allowlist", message: ip ? `Your current address ${ip} must be inside the list` : "Your current address is unknown" }],
      );
    }
    const changed = changedFields(before, after);
    if (changed.length === 0) return policyView(tenantId, before, row?.updatedAt ?? null, ip);
    const updatedBy = actor.kind === "platform" ? actor.caller.id : actor.kind === "member" ? actor.userId : actor.id;
    const saved = await tx.tenantSecurityPolicy.upsert({
      where: { tenantId },
      create: { tenantId, ...rowFromPolicy(after), updatedBy },
      update: { ...rowFromPolicy(after), updatedBy, updatedAt: new Date() },
    });
    await publishEvent(tx, access.auditCaller, {
      tenantId,
      action: "security.policy_updated",
      targetType: "security_policy",
      targetId: tenantId,
      targetLabel: "Security policy",
      before: pick(before, changed),
      after: pick(after, changed),
    });
    await raiseSecurityAlert(tx, { tenantId, kind: "security_policy_changed", caller: access.auditCaller, detail: { changed: changed.join(", "), ip: ip ?? "unknown" } });
    return policyView(tenantId, after, saved.updatedAt, ip);
    // Changes queue on the tenant lock: under a burst a caller waits its turn for a connection rather than failing.
  }, { maxWait: 15_000, timeout: 15_000 });
  forgetSecurityPolicy(tenantId);
  return view;
}
