import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/console/page-header";
import { Alert } from "@/components/ui/alert";
import { can } from "@/lib/auth/authorize";
import { env } from "@/lib/env";
import { listTemplates } from "@/lib/templates/list-templates";
import { requireConsoleCaller } from "../../_lib/require-console-caller";
import { timezoneOptions } from "../../_lib/timezone-options";
import { CreateTenantForm } from "./page-client";

export const metadata: Metadata = { title: "Create tenant" };

export default async function NewTenantPage() {
  const caller = await requireConsoleCaller();
  const back = (
    <Link href="/tenants" className="inline-flex items-center gap-1 text-[13px] text-slate-500 hover:text-slate-800">
      <span aria-hidden="true">←</span> Tenants
    </Link>
  );
  if (!can(caller, "tenants:create")) {
    return (
      <div className="mx-auto max-w-5xl">
        <PageHeader eyebrow={back} title="Create tenant" />
        <Alert tone="warning" title="You cannot create tenants">
          Your role is read-only for tenants. Ask a platform admin or operator to create it.
        </Alert>
      </div>
    );
  }
  const templates = (await listTemplates(caller)).map((t) => ({ id: t.id, name: t.name, description: t.description, version: t.current_version, definition: t.version.definition }));
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader eyebrow={back} title="Create tenant" description="A new customer organisation with its own subdomain, database schema and admin account." />
      <CreateTenantForm rootDomain={env.rootDomain} timezones={timezoneOptions()} templates={templates} />
    </div>
  );
}
