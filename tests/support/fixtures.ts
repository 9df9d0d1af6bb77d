import { randomBytes } from "node:crypto";
import type { Caller } from "@/lib/auth/caller";
import { NO_META } from "@/lib/auth/caller";
import { PLATFORM_ROLE_PERMISSIONS, type PlatformRole } from "@/lib/auth/permissions";
import { createPlatformApiKey } from "@/lib/auth/api-keys";
import { systemCaller } from "@/lib/auth/caller";
import { createTenant } from "@/lib/tenants/create-tenant";
import { provisionTenant } from "@/lib/tenants/provision-tenant";
import type { Plan } from "@/lib/tenants/plans";

/** A short random suffix so parallel test files never collide on slugs or emails. */
export const uniq = (p = "t") => `${p}${randomBytes(4).toString("hex")}`;

export function staffCaller(role: PlatformRole, id = uniq("user_")): Caller {
  return { kind: "user", id, label: `${role}@test`, platformRole: role, permissions: new Set(PLATFORM_ROLE_PERMISSIONS[role]), meta: NO_META };
}

/** A provisioned tenant, created through the real services. */
export async function makeTenant(opts: { name?: string; plan?: Plan; slug?: string } = {}) {
  const slug = opts.slug ?? uniq("acme-");
  const { tenant, admin } = await createTenant(systemCaller("test"), {
    tenant: { name: opts.name ?? `Tenant ${slug}`, slug, plan: opts.plan ?? "professional", admin_user: { email: `owner@${slug}.test`, name: "Owner" } },
  });
  return (await provisionTenant(systemCaller("test"), tenant, admin)).tenant;
}

/** A real platform API key with every permission, or those given. */
export async function makeApiKey(permissions?: Parameters<typeof createPlatformApiKey>[1]["permissions"]) {
  return (await createPlatformApiKey(systemCaller("test"), { name: uniq("key-"), permissions })).key;
}
