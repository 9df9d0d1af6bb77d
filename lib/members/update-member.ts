import { withTenantScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { memberIdSchema, updateMemberSchema } from "@/lib/schemas/members";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { authorizeTenantChange } from "@/lib/tenant-access/tenant-lock";
import { applyMemberRole } from "@/lib/members/change-member-role";
import { applyMemberStatus } from "@/lib/members/change-member-status";

/**
 * Role and/or status in one transaction: both apply or neither. A status the
 * member already has is not an error here (the request states the wanted end
 * state); each actual change is audited on its own.
 */
export async function updateMember(actor: TenantActor, tenantId: string, rawUserId: unknown, input: unknown) {
  const userId = parseOrThrow(memberIdSchema, rawUserId);
  const body = parseOrThrow(updateMemberSchema, input);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenantChange(actor, tenantId, "members:update", tx);
    // Reactivation first and suspension last, so a role change in between applies to an active member.
    let result = body.status === "active" ? await applyMemberStatus(tx, access, tenantId, userId, "active", { unchangedOk: true }) : null;
    if (body.role !== undefined) result = await applyMemberRole(tx, access, tenantId, userId, body.role);
    if (body.status === "suspended") result = await applyMemberStatus(tx, access, tenantId, userId, "suspended", { unchangedOk: true });
    return result!;
  });
}
