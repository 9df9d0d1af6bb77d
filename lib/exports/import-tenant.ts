import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { newDomainId, newVerificationToken } from "@/lib/domains/serialize-domain";
import { publishEvent } from "@/lib/events/publish-event";
import type { ArchivedControlPlane } from "@/lib/exports/archive-format";
import { findImportConflicts } from "@/lib/exports/import-conflicts";
import { loadTenantTables } from "@/lib/exports/load-tenant-tables";
import { parseControlPlane } from "@/lib/exports/parse-control-plane";
import { verifyArchive } from "@/lib/exports/read-archive";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, type ErrorDetail } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { DAY_MS, hashInvitationToken, newInvitationId, newInvitationToken } from "@/lib/invitations/invitation-token";
import { newRoleId } from "@/lib/roles/serialize-role";
import type { ImportTenantQuery } from "@/lib/schemas/tenant-exports";
import { PROVISIONING_STEPS, serializeTenant, type ProvisioningState } from "@/lib/tenants/serialize-tenant";
import { schemaNameFromSlug } from "@/lib/tenants/slug";
import { dropTenantDbRole, provisionTenantDbRole } from "@/lib/tenants/tenant-db-role";
import { applyTenantMigrations } from "@/lib/tenant-migrations/run-tenant-migrations";
import { createTenantSchema, dropTenantSchema } from "@/lib/tenants/tenant-schema";
import { closeTenantPool } from "@/lib/dataplane/tenant-pools";

const INVITATION_DAYS = 7;

const conflicts = (details: ErrorDetail[]) =>
  new AppError("import_conflicts", `The archive cannot be imported as it is: ${details.map((d) => d.message).join("; ")}. Nothing was written.`, details);

/** What no archive carries, so what an import never creates (and says so). */
function skippedOf(control: Map<string, string[]>, notCarried: number) {
  const count = (e: string) => control.get(e)?.length ?? 0;
  return [
    { entity: "api_keys", count: count("api_keys"), reason: "API keys are not carried (their hashes are never exported); create new keys for the imported tenant" },
    { entity: "webhook_endpoints", count: 0, reason: "Webhook endpoints and their signing secrets are never exported; add them again" },
    { entity: "assets", count: count("assets"), reason: "Uploaded logos and favicons are not in exports; upload them again (logo_url and favicon_url are cleared)" },
    { entity: "alert_thresholds", count: count("alert_thresholds"), reason: "Alert thresholds start from the defaults" },
    { entity: "invitations", count: notCarried, reason: "Accepted, revoked or expired invitations are history of the source; invitation tokens are never exported" },
  ].filter((s) => s.count > 0 || s.entity === "api_keys" || s.entity === "webhook_endpoints");
}

/**
 * POST /tenants/import. In order: the archive is verified (manifest and
 * every SHA-256), its control plane parsed, and every conflict with this
 * environment reported together (409) — nothing is written before that.
 * Then the tenant row and its control plane are created with new ids (in
 * `provisioning` state, so a crash mid-way is rolled back by the stale
 * provisioning sweep), the schema is made by this environment's tenant
 * migrations, and the tables are loaded with COPY in one transaction. Any
 * failure from there drops the schema and its role and deletes the rows:
 * all or nothing. Members are linked to existing users by email; unknown
 * ones get a pending invitation (not emailed).
 */
export async function importTenant(caller: Caller, archive: string, input: ImportTenantQuery) {
  authorize(caller, "backups:manage");
  authorize(caller, "tenants:create");
  const verified = await verifyArchive(archive);
  const cp = parseControlPlane(verified.control);
  const source = cp.tenant[0];
  const slug = input.slug;
  const schemaName = schemaNameFromSlug(slug);
  const found = await findImportConflicts(verified.manifest, cp, slug, schemaName);
  if (found.length) throw conflicts(found);

  const tenantId = newId("tenant");
  const { tenant, linked, invited, notCarried } = await createControlPlane(caller, tenantId, slug, schemaName, input.name ?? source.name, cp);
  let schemaCreated = false;
  try {
    await createTenantSchema(schemaName);
    schemaCreated = true;
    await applyTenantMigrations(schemaName);
    await provisionTenantDbRole(tenantId);
    const tables = await loadTenantTables(archive, tenantId, schemaName, verified.manifest, verified.tables);
    const active = await withPlatformScope(async (tx) => {
      const state = tenant.provisioning as unknown as ProvisioningState;
      const now = new Date().toISOString();
      const done: ProvisioningState = { ...state, status: "completed", completed_at: now, steps: state.steps.map((s) => ({ ...s, status: "completed", completed_at: now })) };
      const row = await tx.tenant.update({ where: { id: tenantId }, data: { status: "active", provisioning: done as unknown as Prisma.InputJsonValue, version: { increment: 1 }, updatedAt: new Date() } });
      await publishEvent(tx, caller, {
        tenantId,
        action: "tenant.imported",
        targetType: "tenant",
        targetId: tenantId,
        targetLabel: row.name,
        after: { slug, source_tenant_id: source.id, source_slug: source.slug, exported_at: verified.manifest.created_at, members_linked: linked, members_invited: invited, tables: tables.length, rows: tables.reduce((n, t) => n + t.rows, 0) },
      });
      return row;
    });
    return {
      tenant: serializeTenant(active),
      source: { tenant_id: source.id, slug: source.slug, exported_at: verified.manifest.created_at },
      members_linked: linked,
      members_invited: invited,
      roles: cp.roles.length,
      domains: cp.domains.length,
      tables,
      skipped: skippedOf(verified.control, notCarried),
    };
  } catch (err) {
    await undoImport(caller, tenantId, schemaName, schemaCreated, { slug, source_tenant_id: source.id, error: (err as Error).message.slice(0, 500) });
    throw err;
  }
}

/** Removes every trace of a failed import — the schema, its roles, the tenant's rows (their children cascade) — and audits the failure, as a failed provisioning is. */
async function undoImport(caller: Caller, tenantId: string, schemaName: string, schemaCreated: boolean, failure: { slug: string; source_tenant_id: string; error: string }) {
  await closeTenantPool(tenantId);
  if (schemaCreated) await dropTenantSchema(schemaName);
  await dropTenantDbRole(tenantId);
  await withPlatformScope(async (tx) => {
    await tx.tenantBrandingVersion.deleteMany({ where: { tenantId } });
    await tx.tenant.deleteMany({ where: { id: tenantId, status: "provisioning" } });
    await publishEvent(tx, caller, { tenantId, action: "tenant.import_failed", targetType: "tenant", targetId: tenantId, targetLabel: failure.slug, after: failure });
  });
}

async function createControlPlane(caller: Caller, tenantId: string, slug: string, schemaName: string, name: string, cp: ArchivedControlPlane) {
  const source = cp.tenant[0];
  const roleIds = new Map(cp.roles.map((r) => [r.id, newRoleId()]));
  const roleOf = (role: string) => roleIds.get(role) ?? role;
  // Uploaded assets are not carried: links to them would point at the source's files.
  const { logo_url: _logo, favicon_url: _favicon, ...branding } = source.branding;
  void _logo;
  void _favicon;
  const now = new Date();
  const provisioning: ProvisioningState = { status: "in_progress", started_at: now.toISOString(), steps: PROVISIONING_STEPS.map((s) => ({ name: s, status: "pending" })) };
  try {
    return await withPlatformScope(async (tx) => {
      const tenant = await tx.tenant.create({
        data: {
          id: tenantId,
          name,
          slug,
          schemaName,
          plan: source.plan,
          status: "provisioning",
          isTrial: source.is_trial,
          trialEndsAt: source.trial_ends_at ? new Date(source.trial_ends_at) : null,
          settings: source.settings as Prisma.InputJsonValue,
          features: source.features as Prisma.InputJsonValue,
          limits: source.limits as Prisma.InputJsonValue,
          branding: branding as Prisma.InputJsonValue,
          provisioning: provisioning as unknown as Prisma.InputJsonValue,
        },
      });
      if (cp.roles.length) {
        await tx.tenantRole.createMany({ data: cp.roles.map((r) => ({ tenantId, id: roleIds.get(r.id)!, name: r.name, description: r.description, permissions: r.permissions })) });
      }
      const emails = [...new Set(cp.memberships.map((m) => m.email.toLowerCase()))];
      const users = emails.length ? await tx.user.findMany({ where: { email: { in: emails, mode: "insensitive" } }, select: { id: true, email: true } }) : [];
      const userByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
      const invitations: Prisma.TenantInvitationCreateManyInput[] = [];
      const invitedEmails = new Set<string>();
      const invite = (email: string, role: string) => {
        if (invitedEmails.has(email)) return;
        invitedEmails.add(email);
        // A fresh token whose only copy is this hash: the invitation is resent (new token, emailed) from Members.
        invitations.push({ tenantId, id: newInvitationId(), email, role: roleOf(role), tokenHash: hashInvitationToken(newInvitationToken()), expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS) });
      };
      let linked = 0;
      for (const m of cp.memberships) {
        const userId = userByEmail.get(m.email.toLowerCase());
        if (!userId) {
          invite(m.email.toLowerCase(), m.role);
          continue;
        }
        await tx.membership.create({
          data: { tenantId, userId, role: roleOf(m.role), status: m.status, joinedAt: new Date(m.joined_at), profile: m.profile as Prisma.InputJsonValue, preferences: m.preferences as Prisma.InputJsonValue },
        });
        linked += 1;
      }
      const invitedMembers = invitations.length;
      let notCarried = 0;
      for (const i of cp.invitations) {
        const pending = !i.accepted_at && !i.revoked_at && new Date(i.expires_at) > now;
        if (!pending || userByEmail.has(i.email.toLowerCase())) notCarried += 1;
        else invite(i.email.toLowerCase(), i.role);
      }
      if (invitations.length) await tx.tenantInvitation.createMany({ data: invitations });
      if (cp.domains.length) {
        // Pending until verified again here: DNS proof belongs to the environment that checked it.
        await tx.tenantDomain.createMany({
          data: cp.domains.map((d) => ({ tenantId, id: newDomainId(), domain: d.domain.toLowerCase(), isPrimary: d.is_primary, verificationToken: newVerificationToken(), status: "pending", sslEnabled: d.ssl_enabled, customRouting: (d.custom_routing ?? undefined) as Prisma.InputJsonValue | undefined })),
        });
      }
      if (cp.branding_versions.length) {
        await tx.tenantBrandingVersion.createMany({
          data: cp.branding_versions.map((b) => ({ tenantId, version: b.version, branding: b.branding as Prisma.InputJsonValue, createdByType: b.created_by_type, createdById: null, createdByLabel: b.created_by_label, createdAt: new Date(b.created_at) })),
        });
      }
      return { tenant, linked, invited: invitedMembers, notCarried };
    });
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint) throw conflicts([{ path: constraint.includes("slug") ? "slug" : constraint.includes("schema") ? "slug" : "domains", message: `Taken meanwhile by another tenant (${constraint})` }]);
    throw err;
  }
}

