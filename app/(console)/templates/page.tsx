import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/console/page-header";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/authorize";
import { listTemplates } from "@/lib/templates/list-templates";
import { requireConsoleCaller } from "../_lib/require-console-caller";
import { TemplatesTable } from "./_components/templates-table";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const caller = await requireConsoleCaller();
  const manage = can(caller, "templates:manage");
  const header = (
    <PageHeader
      title="Templates"
      description="Versioned starting points for tenants: plan, limits, features, settings, branding, roles, webhook endpoints and starter data."
      actions={
        manage ? (
          <Link href="/templates/new" className={buttonClasses("primary")}>
            New template
          </Link>
        ) : undefined
      }
    />
  );
  if (!can(caller, "tenants:read")) {
    return (
      <div>
        {header}
        <Card>
          <EmptyState title="You don't have access to templates" description="Reading templates needs the tenants:read permission. (403)" />
        </Card>
      </div>
    );
  }
  const templates = await listTemplates(caller);
  const rows = templates.map((t) => ({
    id: t.id,
    key: t.key,
    name: t.name,
    description: t.description,
    built_in: t.built_in,
    plan: t.version.definition.plan,
    current_version: t.current_version,
    tenant_count: t.tenant_count,
    roles: t.version.definition.roles.length,
    endpoints: t.version.definition.webhook_endpoints.length,
    updated_at: t.updated_at,
  }));
  return (
    <div className="space-y-6">
      {header}
      <Card>
        <TemplatesTable rows={rows} />
      </Card>
    </div>
  );
}
