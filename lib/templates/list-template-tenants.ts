import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";

/** Tenants that record a template (newest first, at most `limit`), for its page's "Compare with template". */
export async function listTemplateTenants(caller: Caller, templateId: string, limit = 50) {
  authorize(caller, "tenants:read");
  const rows = await withPlatformScope((tx) =>
    tx.tenant.findMany({ where: { templateId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit, select: { id: true, name: true, slug: true, templateVersion: true } }),
  );
  return rows.map((t) => ({ id: t.id, name: t.name, slug: t.slug, template_version: t.templateVersion }));
}
