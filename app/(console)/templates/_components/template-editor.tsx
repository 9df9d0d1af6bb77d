"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { FeaturesEditor } from "@/components/console/features-editor";
import { fieldId, LimitsEditor, limitsToDraft } from "@/components/console/limits-editor";
import { PlanPicker } from "@/components/console/plan-picker";
import { FormSection } from "@/components/console/form-section";
import { CURRENCIES, LOCALES } from "@/components/console/regional-options";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClasses, Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { createTemplateAction, updateTemplateAction } from "@/lib/actions/template-actions";
import { OWNER_ONLY_PERMISSIONS, TENANT_PERMISSION_INFO, TENANT_PERMISSIONS } from "@/lib/tenant-access/permissions";
import { PLAN_DEFINITIONS, type Plan } from "@/lib/tenants/plans";
import { slugify } from "@/lib/tenants/slug";
import { definitionFromDraft, draftFromDefinition, emptyDraft, type DefinitionDraft } from "@/components/templates/definition-draft";
import type { TemplateDefinition } from "@/lib/schemas/templates";

const ROLE_PERMISSIONS = TENANT_PERMISSIONS.filter((p) => !(OWNER_ONLY_PERMISSIONS as readonly string[]).includes(p));

type Props = {
  /** null: a new template. */
  templateId: string | null;
  initial: { name: string; key: string; description: string; definition: TemplateDefinition | null };
  timezones: string[];
  readOnly?: boolean;
};

/** A template's structured editor; saving creates the template or adds a version. */
export function TemplateEditor({ templateId, initial, timezones, readOnly }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [name, setName] = useState(initial.name);
  const [keyDraft, setKeyDraft] = useState<string | null>(templateId ? initial.key : null);
  const [description, setDescription] = useState(initial.description);
  const [d, setD] = useState<DefinitionDraft>(() => (initial.definition ? draftFromDefinition(initial.definition) : emptyDraft()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const key = keyDraft ?? slugify(name);
  const patch = (p: Partial<DefinitionDraft>) => setD((cur) => ({ ...cur, ...p }));
  const err = (path: string) => errors[path];
  const choosePlan = (plan: Plan) => patch({ plan, limits: limitsToDraft(PLAN_DEFINITIONS[plan].limits), features: PLAN_DEFINITIONS[plan].features });

  const showErrors = (fieldErrors: Record<string, string>, message: string | null) => {
    setErrors(fieldErrors);
    setFormError(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const { definition, errors: local } = definitionFromDraft(d);
    if (Object.keys(local).length) return showErrors(local, null);
    startTransition(async () => {
      const result = templateId ? await updateTemplateAction(templateId, { name, description, definition }) : await createTemplateAction({ key, name, description, definition });
      if (!result.ok) return showErrors(result.fieldErrors, Object.keys(result.fieldErrors).length ? result.message : result.message);
      setErrors({});
      setFormError(null);
      // The page says what was saved (the editor starts afresh on the new version).
      router.push(`/templates/${result.data.id}?saved=${result.data.current_version}`);
      if (templateId) router.refresh();
    });
  };

  const errorEntries = Object.entries(errors);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label={templateId ? "Edit template" : "New template"}>
      {errorEntries.length || formError ? (
        <div ref={summaryRef} tabIndex={-1} className="focus:outline-none">
          <Alert tone="danger" title={errorEntries.length ? `Check ${errorEntries.length === 1 ? "1 field" : `${errorEntries.length} fields`}` : "The template was not saved"}>
            {formError ? <p className="break-words">{formError}</p> : null}
            {errorEntries.length ? (
              <ul className="mt-1 list-disc space-y-0.5 pl-4">
                {errorEntries.map(([path, message]) => (
                  <li key={path} className="break-words">
                    <span className="font-mono text-xs">{path}</span>: {message}
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        </div>
      ) : null}

      <fieldset disabled={readOnly || pending} className="space-y-6">
        <FormSection title="Template" description="How the template is named in pickers. The key is its stable identifier.">
          <div className="grid gap-5 sm:grid-cols-2">
            <Field id="template-name" label="Name" error={err("name")}>
              {(a) => <Input {...a} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
            </Field>
            <Field id="template-key" label="Key" error={err("key")} hint={templateId ? "Keys do not change." : "Generated from the name; lowercase letters, digits and hyphens."}>
              {(a) => <Input {...a} value={key} readOnly={Boolean(templateId)} onChange={(e) => setKeyDraft(e.target.value)} className="font-mono" spellCheck={false} />}
            </Field>
            <Field id="template-description" label="Description" optional error={err("description")} className="sm:col-span-2">
              {(a) => <Input {...a} value={description} onChange={(e) => setDescription(e.target.value)} />}
            </Field>
          </div>
        </FormSection>

        <FormSection title="Plan" description="Choosing a plan fills in its default limits and features.">
          <PlanPicker name="template-plan" value={d.plan} onChange={choosePlan} disabled={readOnly} />
        </FormSection>

        <FormSection title="Resource limits">
          <LimitsEditor value={d.limits} onChange={(limits) => patch({ limits })} errors={errors} pathPrefix="definition.limits" defaults={PLAN_DEFINITIONS[d.plan].limits} disabled={readOnly} />
        </FormSection>

        <FormSection title="Features">
          <FeaturesEditor value={d.features} onChange={(features) => patch({ features })} defaults={PLAN_DEFINITIONS[d.plan].features} disabled={readOnly} />
        </FormSection>

        <FormSection title="Regional settings" description="Left as “Not set”, a tenant keeps the platform default (or what the New tenant form chooses).">
          <div className="grid gap-5 sm:grid-cols-3">
            <Field id={fieldId("definition.settings.timezone")} label="Timezone" error={err("definition.settings.timezone")}>
              {(a) => (
                <Select {...a} value={d.timezone} onChange={(e) => patch({ timezone: e.target.value })}>
                  <option value="">Not set</option>
                  {timezones.map((z) => (
                    <option key={z} value={z}>
                      {z.replace(/_/g, " ")}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field id={fieldId("definition.settings.locale")} label="Locale" error={err("definition.settings.locale")}>
              {(a) => (
                <Select {...a} value={d.locale} onChange={(e) => patch({ locale: e.target.value })}>
                  <option value="">Not set</option>
                  {LOCALES.map((l) => (
                    <option key={l.value} value={l.value}>
                      {l.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field id={fieldId("definition.settings.currency")} label="Currency" error={err("definition.settings.currency")}>
              {(a) => (
                <Select {...a} value={d.currency} onChange={(e) => patch({ currency: e.target.value })}>
                  <option value="">Not set</option>
                  {CURRENCIES.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
        </FormSection>

        <FormSection title="Branding" description="Colours and company name; a logo belongs to one tenant and is uploaded on its Branding tab.">
          <div className="grid gap-5 sm:grid-cols-3">
            <Field id={fieldId("definition.branding.company_name")} label="Company name" optional error={err("definition.branding.company_name")}>
              {(a) => <Input {...a} value={d.companyName} onChange={(e) => patch({ companyName: e.target.value })} />}
            </Field>
            <ColourField id="definition.branding.primary_color" label="Primary colour" value={d.primaryColor} onChange={(primaryColor) => patch({ primaryColor })} error={err("definition.branding.primary_color")} />
            <ColourField id="definition.branding.secondary_color" label="Secondary colour" value={d.secondaryColor} onChange={(secondaryColor) => patch({ secondaryColor })} error={err("definition.branding.secondary_color")} />
          </div>
        </FormSection>

        <FormSection
          title="Custom roles"
          description="Created in each tenant; a tenant's role of the same name is brought in line when the template is applied."
          actions={
            <Button variant="secondary" size="sm" onClick={() => patch({ roles: [...d.roles, { name: "", description: "", permissions: [] }] })}>
              Add role
            </Button>
          }
        >
          {d.roles.length === 0 ? <p className="text-[13px] text-slate-500">No custom roles: tenants get the built-in ones only.</p> : null}
          <ul className="space-y-4">
            {d.roles.map((r, i) => {
              const update = (p: Partial<typeof r>) => patch({ roles: d.roles.map((x, j) => (j === i ? { ...x, ...p } : x)) });
              return (
                <li key={i} className="rounded-md border border-slate-200 p-4" data-testid="template-role">
                  <div className="grid gap-4 sm:grid-cols-[1fr_2fr_auto] sm:items-end">
                    <Field id={fieldId(`definition.roles.${i}.name`)} label={`Role ${i + 1} name`} error={err(`definition.roles.${i}.name`)}>
                      {(a) => <Input {...a} value={r.name} onChange={(e) => update({ name: e.target.value })} />}
                    </Field>
                    <Field id={fieldId(`definition.roles.${i}.description`)} label="Description" optional error={err(`definition.roles.${i}.description`)}>
                      {(a) => <Input {...a} value={r.description} onChange={(e) => update({ description: e.target.value })} />}
                    </Field>
                    <Button variant="danger-ghost" size="sm" onClick={() => patch({ roles: d.roles.filter((_, j) => j !== i) })}>
                      Remove role
                    </Button>
                  </div>
                  <fieldset className="mt-3">
                    <legend className="text-[13px] font-medium text-slate-700">Permissions</legend>
                    <div className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-3">
                      {ROLE_PERMISSIONS.map((p) => (
                        <label key={p} className="flex items-center gap-2 text-[13px] text-slate-700">
                          <input
                            type="checkbox"
                            className="size-4 rounded border-slate-300 text-indigo-600"
                            checked={r.permissions.includes(p)}
                            onChange={(e) => update({ permissions: e.target.checked ? [...r.permissions, p] : r.permissions.filter((x) => x !== p) })}
                          />
                          {TENANT_PERMISSION_INFO[p].label}
                        </label>
                      ))}
                    </div>
                    {err(`definition.roles.${i}.permissions`) ? <p className="mt-1 text-xs text-red-600">{err(`definition.roles.${i}.permissions`)}</p> : null}
                  </fieldset>
                </li>
              );
            })}
          </ul>
        </FormSection>

        <FormSection
          title="Webhook endpoints"
          description="Added to each tenant with a signing secret of its own; templates never hold secrets."
          actions={
            <Button variant="secondary" size="sm" onClick={() => patch({ endpoints: [...d.endpoints, { url: "", description: "", eventTypes: "*" }] })}>
              Add endpoint
            </Button>
          }
        >
          {d.endpoints.length === 0 ? <p className="text-[13px] text-slate-500">No webhook endpoints.</p> : null}
          <ul className="space-y-4">
            {d.endpoints.map((ep, i) => {
              const update = (p: Partial<typeof ep>) => patch({ endpoints: d.endpoints.map((x, j) => (j === i ? { ...x, ...p } : x)) });
              return (
                <li key={i} className="grid gap-4 rounded-md border border-slate-200 p-4 sm:grid-cols-2">
                  <Field id={fieldId(`definition.webhook_endpoints.${i}.url`)} label={`Endpoint ${i + 1} URL`} error={err(`definition.webhook_endpoints.${i}.url`)} className="sm:col-span-2">
                    {(a) => <Input {...a} type="url" value={ep.url} onChange={(e) => update({ url: e.target.value })} placeholder="https://example.com/webhooks" spellCheck={false} />}
                  </Field>
                  <Field id={fieldId(`definition.webhook_endpoints.${i}.event_types`)} label="Event types" error={err(`definition.webhook_endpoints.${i}.event_types`) ?? err(`definition.webhook_endpoints.${i}.event_types.0`)} hint="Comma-separated: * for all, an area such as member.*, or a type.">
                    {(a) => <Input {...a} value={ep.eventTypes} onChange={(e) => update({ eventTypes: e.target.value })} className="font-mono" spellCheck={false} />}
                  </Field>
                  <Field id={fieldId(`definition.webhook_endpoints.${i}.description`)} label="Description" optional error={err(`definition.webhook_endpoints.${i}.description`)}>
                    {(a) => <Input {...a} value={ep.description} onChange={(e) => update({ description: e.target.value })} />}
                  </Field>
                  <div className="sm:col-span-2">
                    <Button variant="danger-ghost" size="sm" onClick={() => patch({ endpoints: d.endpoints.filter((_, j) => j !== i) })}>
                      Remove endpoint
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        </FormSection>

        <FormSection title="Starter data" description="SQL run once in each new tenant's schema, as the tenant's own database role: INSERT, UPDATE and DELETE on its tables (users, documents, activity_log…), checked when you save.">
          <Field id={fieldId("definition.starter_sql")} label="Starter SQL" optional error={err("definition.starter_sql")}>
            {(a) => (
              <textarea
                id={a.id}
                aria-describedby={a["aria-describedby"]}
                aria-invalid={a.invalid || undefined}
                value={d.starterSql}
                onChange={(e) => patch({ starterSql: e.target.value })}
                rows={8}
                spellCheck={false}
                placeholder={"INSERT INTO documents (title, body) VALUES ('Welcome', 'Start here');"}
                className={`${controlClasses(a.invalid)} h-auto py-2 font-mono text-[13px]`}
              />
            )}
          </Field>
        </FormSection>
      </fieldset>

      {readOnly ? null : (
        <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
          <p className="mr-auto text-xs text-slate-500">{templateId ? "Saving adds a new version; tenants keep the version they came from." : "The template starts at version 1."}</p>
          <Button type="submit" loading={pending}>
            {templateId ? "Save new version" : "Create template"}
          </Button>
        </div>
      )}
    </form>
  );
}

function ColourField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <Field id={fieldId(id)} label={label} optional error={error} hint="A hex colour such as #4f46e5.">
      {(a) => (
        <div className="flex items-center gap-2">
          <span aria-hidden="true" className="size-[34px] shrink-0 rounded-md border border-slate-300" style={{ background: /^#[0-9a-f]{6}$/i.test(value) ? value : "transparent" }} />
          <Input {...a} value={value} onChange={(e) => onChange(e.target.value)} placeholder="#4f46e5" className="font-mono" spellCheck={false} />
        </div>
      )}
    </Field>
  );
}
