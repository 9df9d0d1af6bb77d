import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/console/page-header";
import { Alert } from "@/components/ui/alert";
import { can } from "@/lib/auth/authorize";
import { requireConsoleCaller } from "../../_lib/require-console-caller";
import { timezoneOptions } from "../../_lib/timezone-options";
import { TemplateEditor } from "../_components/template-editor";

export const metadata: Metadata = { title: "New template" };

export default async function NewTemplatePage() {
  const caller = await requireConsoleCaller();
  const back = (
    <Link href="/templates" className="inline-flex items-center gap-1 text-[13px] text-slate-500 hover:text-slate-800">
      <span aria-hidden="true">←</span> Templates
    </Link>
  );
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader eyebrow={back} title="New template" description="Tenants provisioned from it start with everything below." />
      {can(caller, "templates:manage") ? (
        <TemplateEditor templateId={null} initial={{ name: "", key: "", description: "", definition: null }} timezones={timezoneOptions()} />
      ) : (
        <Alert tone="warning" title="You cannot create templates">
          Managing templates needs the templates:manage permission (platform admins).
        </Alert>
      )}
    </div>
  );
}
