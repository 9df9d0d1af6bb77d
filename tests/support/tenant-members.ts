import { NO_META } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { newId } from "@/lib/ids";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { uniq } from "./fixtures";
import { ownerQuery } from "./db";

/** A user with a membership in `tenantId`, written directly (as the seed does), for tests that need someone to act. */
export async function addMember(tenantId: string, role: string, opts: { status?: "active" | "suspended"; email?: string; name?: string } = {}) {
  const email = opts.email ?? `${uniq("m")}@members.test`;
  const id = newId("user");
  await withPlatformScope(async (tx) => {
    await tx.user.create({ data: { id, email, name: opts.name ?? `Member ${email}` } });
    await tx.membership.create({ data: { tenantId, userId: id, role, status: opts.status ?? "active" } });
  });
  return { id, email };
}

export const memberActor = (tenantId: string, userId: string): TenantActor => ({ kind: "member", tenantId, userId, label: `${userId}@test`, meta: NO_META });

export async function ownerOf(tenantId: string): Promise<string> {
  const rows = await ownerQuery<{ user_id: string }>("SELECT user_id FROM memberships WHERE tenant_id = $1 AND role = 'owner' ORDER BY joined_at LIMIT 1", [tenantId]);
  return rows[0].user_id;
}

export async function membership(tenantId: string, userId: string) {
  return (await ownerQuery<{ role: string; status: string }>("SELECT role, status FROM memberships WHERE tenant_id = $1 AND user_id = $2", [tenantId, userId]))[0];
}

export async function setUserLimit(tenantId: string, users: number | null) {
  await ownerQuery("UPDATE tenants SET limits = jsonb_set(limits, '{users}', $2::jsonb) WHERE id = $1", [tenantId, JSON.stringify(users)]);
}

/** Runs `p` and returns the AppError code it rejected with (or "ok"). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}
