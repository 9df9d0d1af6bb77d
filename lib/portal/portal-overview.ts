import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import type { TenantPermission } from "@/lib/tenant-access/permissions";
import { resolveTenantAccess, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { PLAN_DEFINITIONS, type Plan } from "@/lib/tenants/plans";

export type DomainSummary = { total: number; verified: number; primary: string | null };
export type ChecklistStep = { key: "invite" | "branding" | "domain" | "api_key"; label: string; href: string; done: boolean };

export type PortalOverview = {
  plan: string;
  /** Null without members:read. */
  people: { members: number; pending: number; seatsUsed: number; seatLimit: number | null } | null;
  /** Null without domains:manage. */
  domains: DomainSummary | null;
  /** Only the steps the member may take. */
  checklist: ChecklistStep[];
};

const STEPS: { key: ChecklistStep["key"]; label: string; href: string; permission: TenantPermission }[] = [
  { key: "invite", label: "Invite a member", href: "/members", permission: "members:invite" },
  { key: "branding", label: "Set your branding", href: "/branding", permission: "branding:update" },
  { key: "domain", label: "Add a custom domain", href: "/domains", permission: "domains:manage" },
  { key: "api_key", label: "Create an API key", href: "/api-keys", permission: "api_keys:manage" },
];

/**
 * The portal's Overview: key figures and the getting-started checklist, each
 * part read only when the actor's permissions would let them open the page it
 * summarises. A step is done once it has happened at least once (an
 * invitation sent, a branding save, a domain added, a key created), so the
 * checklist does not reopen when, say, a key is later revoked.
 */
export async function portalOverview(actor: TenantActor, tenantId: string): Promise<PortalOverview> {
  return withTenantScope(tenantId, async (tx) => {
    const { permissions } = await resolveTenantAccess(tx, actor, tenantId);
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { plan: true, limits: true } });
    if (!tenant) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    const can = (p: TenantPermission) => permissions.has(p);
    const livePending = { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } };

    const [members, pending, invitationsEver, brandingSaves, domains, verified, primary, keysEver] = await Promise.all([
      can("members:read") || can("members:invite") ? tx.membership.count({ where: { tenantId, status: "active" } }) : 0,
      can("members:read") ? tx.tenantInvitation.count({ where: livePending }) : 0,
      can("members:invite") ? tx.tenantInvitation.count({ where: { tenantId } }) : 0,
      can("branding:update") ? tx.tenantBrandingVersion.count({ where: { tenantId } }) : 0,
      can("domains:manage") ? tx.tenantDomain.count({ where: { tenantId } }) : 0,
      can("domains:manage") ? tx.tenantDomain.count({ where: { tenantId, status: "verified" } }) : 0,
      can("domains:manage") ? tx.tenantDomain.findFirst({ where: { tenantId, isPrimary: true, status: "verified" }, select: { domain: true } }) : null,
      can("api_keys:manage") ? tx.apiKey.count({ where: { tenantId } }) : 0,
    ]);
    const limit = (tenant.limits as Record<string, unknown> | null)?.users;
    const done: Record<ChecklistStep["key"], boolean> = { invite: invitationsEver > 0 || members > 1, branding: brandingSaves > 0, domain: domains > 0, api_key: keysEver > 0 };
    return {
      plan: PLAN_DEFINITIONS[tenant.plan as Plan]?.label ?? tenant.plan,
      people: can("members:read") ? { members, pending, seatsUsed: members + pending, seatLimit: typeof limit === "number" ? limit : null } : null,
      domains: can("domains:manage") ? { total: domains, verified, primary: primary?.domain ?? null } : null,
      checklist: STEPS.filter((s) => can(s.permission)).map((s) => ({ key: s.key, label: s.label, href: s.href, done: done[s.key] })),
    };
  });
}
