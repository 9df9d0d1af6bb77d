"use client";

import { FormSection } from "@/components/console/form-section";
import { Field } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { TemplateDefinition } from "@/lib/schemas/templates";
import { PLAN_DEFINITIONS } from "@/lib/tenants/plans";

export type TemplateOption = { id: string; name: string; description: string; version: number; definition: TemplateDefinition };

/** What a template brings beyond the fields the form shows. */
function extras(def: TemplateDefinition): string[] {
  const out: string[] = [];
  if (def.roles.length) out.push(`Roles: ${def.roles.map((r) => r.name).join(", ")}`);
  if (def.webhook_endpoints.length) out.push(`${def.webhook_endpoints.length} webhook endpoint${def.webhook_endpoints.length === 1 ? "" : "s"}`);
  if (def.branding.company_name || def.branding.primary_color) out.push("Branding colours and name");
  if (def.starter_sql) out.push("Starter data in the tenant's schema");
  return out;
}

/** The New tenant form's template choice: picking one fills the form in; provisioning then runs the template's steps. */
export function TemplatePicker({ templates, value, onChange, error }: { templates: TemplateOption[]; value: string; onChange: (id: string) => void; error?: string }) {
  const chosen = templates.find((t) => t.id === value);
  return (
    <FormSection title="Template" description="Start from a template to fill in the plan, limits, features and settings, and to add its roles, webhook endpoints and starter data.">
      <Field id="tenant-template" label="Template" error={error}>
        {(a) => (
          <Select {...a} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">No template: choose everything below</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} · v{t.version} ({PLAN_DEFINITIONS[t.definition.plan].label})
              </option>
            ))}
          </Select>
        )}
      </Field>
      {chosen ? (
        <div className="mt-3 rounded-md bg-slate-50 px-3 py-2.5 text-[13px] text-slate-700" data-testid="template-summary">
          {chosen.description ? <p>{chosen.description}</p> : null}
          {extras(chosen.definition).length ? (
            <ul className="mt-1 list-disc space-y-0.5 pl-4">
              {extras(chosen.definition).map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-500">Plan defaults only.</p>
          )}
        </div>
      ) : null}
    </FormSection>
  );
}
