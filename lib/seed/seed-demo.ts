import { randomBytes } from "node:crypto";
import { systemCaller } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { publishEvent } from "@/lib/events/publish-event";
import { withPlatformScope } from "@/lib/db/scope";
import { newId } from "@/lib/ids";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { createTenant } from "@/lib/tenants/create-tenant";
import { provisionTenant } from "@/lib/tenants/provision-tenant";
import { updateTenant } from "@/lib/tenants/update-tenant";
import { createStaffUser } from "@/lib/users/create-staff-user";
import { seedDemoUsage } from "@/lib/seed/seed-demo-usage";
import { seedTenantAccessDemo } from "@/lib/seed/seed-tenant-access";
import type { Plan } from "@/lib/tenants/plans";

type DemoTenant = { name: string; slug: string; plan: Plan; trialDays?: number; color: string; size: number; suspended?: boolean; members: [string, string][] };

const DEMO_TENANTS: DemoTenant[] = [
  { name: "Acme Corporation", slug: "acme", plan: "professional", color: "#0b5fff", size: 1, members: [["Jane Admin", "admin"], ["Marco Manager", "manager"], ["Mia Member", "member"], ["Victor Viewer", "viewer"]] },
  { name: "Globex Industries", slug: "globex", plan: "enterprise", color: "#0f766e", size: 3, members: [["Hank Scorpio", "admin"], ["Grace Lead", "manager"], ["Ben Builder", "member"], ["Ola Ops", "member"], ["Rita Reader", "viewer"]] },
  { name: "Initech", slug: "initech", plan: "basic", trialDays: 14, color: "#b45309", size: 0.3, suspended: true, members: [["Bill Lumbergh", "admin"], ["Peter Gibbons", "member"], ["Milton Waddams", "viewer"]] },
];

/**
 * Demo data for `npm run dev`: a platform admin (plus an operator and an
 * auditor), three tenants created through the real services (so they have
 * schemas, owners and audit trails), members in several roles, and 90 days of
 * usage events (lib/seed/seed-demo-usage.ts, through the ingest). Safe to run twice: what exists is left alone. Tenant owners and
 * members share one password (the staff password) so every portal can be tried.
 */
export async function seedDemo(opts: { adminEmail: string; adminPassword: string; staffPassword?: string; log?: (m: string) => void }) {
  const log = opts.log ?? (() => undefined);
  const staffPassword = opts.staffPassword ?? randomBytes(12).toString("base64url");
  const memberPassword = staffPassword;
  const system = systemCaller("seed");
  await createStaffUser(system, { email: opts.adminEmail, name: "Platform Admin", password: opts.adminPassword, platform_role: "admin" });
  for (const [email, name, role] of [["operator@atrium.local", "Olive Operator", "operator"], ["auditor@atrium.local", "Arthur Auditor", "auditor"]] as const) {
    const exists = await withPlatformScope((tx) => tx.user.findUnique({ where: { email } }));
    if (!exists) await createStaffUser(system, { email, name, password: staffPassword, platform_role: role });
  }

  for (const [index, d] of DEMO_TENANTS.entries()) {
    const existing = await withPlatformScope((tx) => tx.tenant.findUnique({ where: { slug: d.slug } }));
    if (existing) continue;
    const ownerEmail = `owner@${d.slug}.example`;
    const { tenant, admin } = await createTenant(system, {
      tenant: { name: d.name, slug: d.slug, plan: d.plan, trial_days: d.trialDays, admin_user: { email: ownerEmail, name: `${d.name.split(" ")[0]} Owner`, password: memberPassword }, branding: { primary_color: d.color, company_name: d.name } },
    });
    await provisionTenant(system, tenant, admin);
    const memberHash = await hashPassword(memberPassword);
    await withPlatformScope(async (tx) => {
      for (const [name, role] of d.members) {
        const email = `${name.split(" ")[0].toLowerCase()}@${d.slug}.example`;
        const user = await tx.user.create({ data: { id: newId("user"), email, name, passwordHash: memberHash } });
        const joinedAt = new Date(Date.now() - (20 + Math.floor(Math.random() * 60)) * 86_400_000);
        await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role, joinedAt, lastActiveAt: new Date(Date.now() - Math.floor(Math.random() * 5) * 86_400_000) } });
        await publishEvent(tx, system, { tenantId: tenant.id, action: "member.joined", targetType: "user", targetId: user.id, targetLabel: email, after: { email, role } });
      }
    });
    await seedDemoUsage(tenant.id, { slug: d.slug, size: d.size, members: d.members.length + 1, seed: index + 7 });
    await updateTenant(system, tenant.id, { settings: { timezone: index === 1 ? "Europe/London" : "America/New_York" } });
    if (d.suspended) await changeTenantStatus(system, tenant.id, "suspend", { reason: "Invoice overdue" });
    log(`seeded tenant ${d.slug} (${d.plan})`);
  }

  const acme = await withPlatformScope((tx) => tx.tenant.findUnique({ where: { slug: "acme" }, select: { id: true } }));
  if (acme) await seedTenantAccessDemo(acme.id, "acme.example");
}
