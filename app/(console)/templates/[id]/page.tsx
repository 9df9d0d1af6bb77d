import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/console/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/auth/authorize";
import { AppError } from "@/lib/http/errors";
import { getTemplate, listTemplateVersions } from "@/lib/templates/get-template";
import { listTemplateTenants } from "@/lib/templates/list-template-tenants";
import { requireConsoleCaller } from "../../_lib/require-console-caller";
import { timezoneOptions } from "../../_lib/timezone-options";
import { TemplateEditor } from "../_components/template-editor";
import { ArchiveTemplateButton, CompareWithTemplate, VersionHistory } from "../_components/template-side-panels";

export const metadata: Metadata = { title: "Template" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ version?: string; saved?: string }> };

export default async function TemplatePage({ params, searchParams }: Props) {
  const caller = await requireConsoleCaller();
  const { id } = await params;
  const query = await searchParams;
  const asked = Number(query.version);
  const version = Number.isInteger(asked) && asked >= 1 ? asked : undefined;
  const loaded = await Promise.all([getTemplate(caller, id, version), listTemplateVersions(caller, id), listTemplateTenants(caller, id)]).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  });
  if (!loaded) notFound();
  const [template, versions, tenants] = loaded;
  const manage = can(caller, "templates:manage");
  const archived = template.archived_at !== null;
  const viewing = template.version.version;
  const back = (
    <Link href="/templates" className="inline-flex items-center gap-1 text-[13px] text-slate-500 hover:text-slate-800">
      <span aria-hidden="true">←</span> Templates
    </Link>
  );
  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader
        eyebrow={back}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {template.name}
            <Badge tone="slate">v{template.current_version}</Badge>
            {template.built_in ? <Badge tone="indigo">Built-in</Badge> : null}
            {archived ? <Badge tone="amber">Archived</Badge> : null}
          </span>
        }
        description={template.description || undefined}
        actions={manage && !template.built_in && !archived ? <ArchiveTemplateButton templateId={template.id} name={template.name} /> : undefined}
      />
      {query.saved && Number(query.saved) === template.current_version && viewing === template.current_version ? (
        <Alert tone="success" role="status" className="mb-6">
          Saved as version {template.current_version}.
        </Alert>
      ) : null}
      {viewing !== template.current_version ? (
        <Alert tone="info" title={`Viewing version ${viewing}`} className="mb-6">
          The current version is {template.current_version}.{manage && !archived ? ` Saving creates version ${template.current_version + 1} with what is shown here.` : ""}
        </Alert>
      ) : null}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <TemplateEditor
          key={viewing}
          templateId={template.id}
          initial={{ name: template.name, key: template.key, description: template.description, definition: template.version.definition }}
          timezones={timezoneOptions()}
          readOnly={!manage || archived}
        />
        <aside className="space-y-6 lg:sticky lg:top-20">
          <VersionHistory templateId={template.id} versions={versions} viewing={viewing} />
          <CompareWithTemplate templateId={template.id} version={viewing} tenants={tenants} />
        </aside>
      </div>
    </div>
  );
}
