"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import type { TemplateDefinition } from "@/lib/schemas/templates";
import { FeaturesEditor } from "@/components/console/features-editor";
import { formatNumber } from "@/components/console/format";
import { draftToLimits, fieldId, LimitsEditor, limitsToDraft, type LimitDraft } from "@/components/console/limits-editor";
import { PlanPicker } from "@/components/console/plan-picker";
import { CURRENCIES, LOCALES } from "@/components/console/regional-options";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormSection as Section } from "@/components/console/form-section";
import { TemplatePicker, type TemplateOption } from "@/components/templates/template-picker";
import { cn } from "@/components/ui/cn";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import { slugSchema } from "@/lib/schemas/tenant";
import { DEFAULT_TRIAL_DAYS, PLAN_DEFINITIONS, type Features, type Plan } from "@/lib/tenants/plans";
import { slugify } from "@/lib/tenants/slug";

const FIELD_LABELS: Record<string, string> = {
  "tenant.name": "Tenant name",
  "tenant.slug": "Slug",
  "tenant.domain": "Domain",
  "tenant.plan": "Plan",
  "tenant.schema_name": "Schema name",
  "tenant.trial_days": "Trial length",
  "tenant.settings.timezone": "Timezone",
  "tenant.settings.locale": "Locale",
  "tenant.settings.currency": "Currency",
  "tenant.admin_user.name": "Admin name",
  "tenant.admin_user.email": "Admin email",
  "tenant.admin_user.password": "Initial password",
  "tenant.template": "Template",
};

/** provision-from-template names fields by its own body; the form shows them where POST /tenants would. */
const TEMPLATE_PATHS: Record<string, string> = { template_id: "tenant.template", version: "tenant.template", name: "tenant.name", slug: "tenant.slug", admin_email: "tenant.admin_user.email", admin_name: "tenant.admin_user.name", admin_password: "tenant.admin_user.password", trial_days: "tenant.trial_days" };
const fromTemplatePath = (p: string) => TEMPLATE_PATHS[p] ?? (p.startsWith("overrides.") ? `tenant.${p.slice(10)}` : p);
const labelFor = (path: string) => FIELD_LABELS[path] ?? (path.startsWith("tenant.limits.") ? `Limit: ${path.slice(14).replace(/_/g, " ")}` : path.replace(/^tenant\./, ""));

export function CreateTenantForm({ rootDomain, timezones, templates }: { rootDomain: string; timezones: string[]; templates: TemplateOption[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const summaryRef = useRef<HTMLDivElement>(null);

  const [name, setName] = useState("");
  const [slugDraft, setSlugDraft] = useState<string | null>(null); // null: follow the name
  const [plan, setPlan] = useState<Plan>("professional");
  const [limits, setLimits] = useState<LimitDraft>(limitsToDraft(PLAN_DEFINITIONS.professional.limits));
  const [features, setFeatures] = useState<Features>(PLAN_DEFINITIONS.professional.features);
  const [timezone, setTimezone] = useState("UTC");
  const [locale, setLocale] = useState("en-US");
  const [currency, setCurrency] = useState("USD");
  const [trial, setTrial] = useState(false);
  const [trialDays, setTrialDays] = useState(String(DEFAULT_TRIAL_DAYS));
  const [adminName, setAdminName] = useState("");
  const [adminEmail, setAdminEmail] = useState("");
  const [adminPassword, setAdminPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState("");
  const template = templates.find((t) => t.id === templateId) ?? null;

  const slug = slugDraft ?? slugify(name);
  const liveSlugError = slugDraft !== null && slug !== "" ? slugSchema.safeParse(slug).error?.issues[0]?.message : undefined;
  const err = (path: string) => errors[path] ?? (path === "tenant.slug" ? liveSlugError : undefined);
  const def = PLAN_DEFINITIONS[plan];

  const choosePlan = (p: Plan) => {
    setPlan(p);
    setLimits(limitsToDraft(PLAN_DEFINITIONS[p].limits));
    setFeatures(PLAN_DEFINITIONS[p].features);
  };

  // A template fills the form in; what is changed afterwards is sent as overrides.
  const chooseTemplate = (id: string) => {
    setTemplateId(id);
    const def: TemplateDefinition | undefined = templates.find((t) => t.id === id)?.definition;
    if (!def) return;
    setPlan(def.plan);
    setLimits(limitsToDraft({ ...PLAN_DEFINITIONS[def.plan].limits, ...def.limits }));
    setFeatures({ ...PLAN_DEFINITIONS[def.plan].features, ...def.features });
    if (def.settings.timezone) setTimezone(def.settings.timezone);
    if (def.settings.locale) setLocale(def.settings.locale);
    if (def.settings.currency) setCurrency(def.settings.currency);
  };

  const showErrors = (fieldErrors: Record<string, string>, message: string | null) => {
    setErrors(fieldErrors);
    setFormError(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsedLimits = draftToLimits(limits, "tenant.limits");
    const days = Number(trialDays);
    const localErrors = { ...parsedLimits.errors };
    if (trial && (!Number.isInteger(days) || days < 1 || days > 90)) localErrors["tenant.trial_days"] = "Enter a whole number of days from 1 to 90";
    if (Object.keys(localErrors).length) return showErrors(localErrors, null);

    const input = {
      tenant: {
        name,
        ...(slug ? { slug } : {}),
        plan,
        ...(trial ? { trial_days: days } : {}),
        settings: { timezone, locale, currency, features },
        admin_user: { name: adminName, email: adminEmail, ...(adminPassword ? { password: adminPassword } : {}) },
        limits: parsedLimits.limits,
      },
    };
    const fromTemplate = template && {
      template_id: template.id,
      version: template.version,
      name,
      ...(slug ? { slug } : {}),
      ...(trial ? { trial_days: days } : {}),
      admin_email: adminEmail,
      admin_name: adminName,
      ...(adminPassword ? { admin_password: adminPassword } : {}),
      overrides: { plan, settings: { timezone, locale, currency }, limits: parsedLimits.limits, features },
    };
    startTransition(async () => {
      // The async path: 202 as soon as the tenant is recorded, so the next page really shows the steps as they run.
      const result = fromTemplate
        ? await postApi<{ tenant: { id: string } }>("/api/v1/tenants/provision-from-template", fromTemplate, { prefer: "respond-async" })
        : await postApi<{ tenant: { id: string } }>("/api/v1/tenants", input, { prefer: "respond-async" });
      if (result.ok) {
        await queryClient.invalidateQueries({ queryKey: queryKeys.tenants.all });
        router.push(`/tenants/${result.data.tenant.id}`);
        return;
      }
      const fieldErrors = fromTemplate ? Object.fromEntries(Object.entries(result.fieldErrors).map(([p, m]) => [fromTemplatePath(p), m])) : result.fieldErrors;
      const hasFields = Object.keys(fieldErrors).length > 0;
      showErrors(fieldErrors, hasFields && result.code === "invalid_tenant_config" ? null : result.message);
    });
  };

  const errorEntries = Object.entries(errors);

  return (
    <form onSubmit={onSubmit} noValidate className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="space-y-6">
        {errorEntries.length || formError ? (
          <div ref={summaryRef} tabIndex={-1} className="focus:outline-none">
            <Alert tone="danger" title={errorEntries.length ? `Check ${errorEntries.length === 1 ? "1 field" : `${errorEntries.length} fields`} before creating the tenant` : "The tenant was not created"}>
              {formError ? <p>{formError}</p> : null}
              {errorEntries.length ? (
                <ul className="mt-1 list-disc space-y-0.5 pl-4">
                  {errorEntries.map(([path, message]) => (
                    <li key={path}>
                      <a href={`#${fieldId(path)}`} className="underline underline-offset-2 hover:no-underline">
                        {labelFor(path)}
                      </a>
                      : {message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Alert>
          </div>
        ) : null}

        {templates.length ? <TemplatePicker templates={templates} value={templateId} onChange={chooseTemplate} error={err("tenant.template")} /> : null}

        <Section title="Organisation" description="The tenant's name and where its portal lives.">
          <div className="grid gap-5">
            <Field id="tenant-name" label="Tenant name" error={err("tenant.name")} hint="The organisation's official name, e.g. Acme Corporation.">
              {(a) => <Input {...a} value={name} onChange={(e) => setName(e.target.value)} autoComplete="organization" autoFocus />}
            </Field>
            <Field
              id="tenant-slug"
              label="Slug"
              error={err("tenant.slug")}
              hint={slugDraft === null ? "Generated from the name; edit it to choose another subdomain." : "Lowercase letters, digits and hyphens."}
            >
              {(a) => (
                <div>
                  <div
                    className={cn(
                      "flex overflow-hidden rounded-md border bg-white shadow-xs focus-within:ring-1",
                      a.invalid ? "border-red-400 focus-within:border-red-500 focus-within:ring-red-500" : "border-slate-300 focus-within:border-indigo-600 focus-within:ring-indigo-600",
                    )}
                  >
                    <input
                      id={a.id}
                      aria-describedby={a["aria-describedby"]}
                      aria-invalid={a.invalid || undefined}
                      value={slug}
                      onChange={(e) => setSlugDraft(e.target.value === "" ? null : e.target.value.toLowerCase())}
                      spellCheck={false}
                      autoCapitalize="none"
                      className="h-[34px] min-w-0 flex-1 border-0 bg-transparent px-3 font-mono text-sm text-slate-900 focus:outline-none"
                      placeholder="acme-corp"
                    />
                    <span className="flex items-center border-l border-slate-200 bg-slate-50 px-3 font-mono text-[13px] text-slate-500">.{rootDomain}</span>
                  </div>
                  <p className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                    Portal address
                    <code data-testid="slug-preview" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[12px] text-slate-800">
                      {slug || "your-slug"}.{rootDomain}
                    </code>
                  </p>
                </div>
              )}
            </Field>
            <div>
              <p className="text-sm font-medium text-slate-900">Custom domains</p>
              {/* One concept of a custom domain: it is added, proved by DNS and made primary on the tenant's Domains tab. */}
              <p className="mt-1 text-[13px] text-slate-600" data-testid="custom-domain-note">
                Add the tenant&apos;s own domains, such as portal.acme.com, on its Domains tab once it is created; each one routes after its DNS record is verified.
              </p>
            </div>
          </div>
        </Section>

        <Section title="Plan" description="Choosing a plan fills in its default limits and features below; you can still adjust them.">
          <div id="tenant-plan">
            <PlanPicker name="plan" value={plan} onChange={choosePlan} />
          </div>
          {err("tenant.plan") ? <p className="mt-2 text-xs text-red-600">{err("tenant.plan")}</p> : null}
        </Section>

        <Section
          title="Resource limits"
          description="Maximums the tenant may use. Leave a limit unlimited to remove it."
          actions={
            <Button variant="ghost" size="sm" onClick={() => setLimits(limitsToDraft(def.limits))}>
              Reset to {def.label} defaults
            </Button>
          }
        >
          <LimitsEditor value={limits} onChange={setLimits} errors={errors} pathPrefix="tenant.limits" defaults={def.limits} />
        </Section>

        <Section
          title="Features"
          description="What the tenant's users can use."
          actions={
            <Button variant="ghost" size="sm" onClick={() => setFeatures(def.features)}>
              Reset to {def.label} defaults
            </Button>
          }
        >
          <FeaturesEditor value={features} onChange={setFeatures} defaults={def.features} />
        </Section>

        <Section title="Regional settings" description="Defaults for dates, times and money in the tenant's portal.">
          <div className="grid gap-5 sm:grid-cols-3">
            <Field id="tenant-settings-timezone" label="Timezone" error={err("tenant.settings.timezone")}>
              {(a) => (
                <Select {...a} value={timezone} onChange={(e) => setTimezone(e.target.value)}>
                  {timezones.map((z) => (
                    <option key={z} value={z}>
                      {z.replace(/_/g, " ")}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field id="tenant-settings-locale" label="Locale" error={err("tenant.settings.locale")}>
              {(a) => (
                <Select {...a} value={locale} onChange={(e) => setLocale(e.target.value)}>
                  {LOCALES.map((l) => (
                    <option key={l.value} value={l.value}>
                      {l.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field id="tenant-settings-currency" label="Currency" error={err("tenant.settings.currency")}>
              {(a) => (
                <Select {...a} value={currency} onChange={(e) => setCurrency(e.target.value)}>
                  {CURRENCIES.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
        </Section>

        <Section title="Trial" description="A trial tenant shows a trial badge and its end date.">
          <div className="flex flex-wrap items-start gap-x-8 gap-y-4">
            <div className="flex items-center gap-3 pt-1.5">
              <Switch id="tenant-trial" checked={trial} onChange={setTrial} labelledBy="tenant-trial-label" />
              <span id="tenant-trial-label" className="text-sm text-slate-700">
                Start on a trial
              </span>
            </div>
            {trial ? (
              <Field id="tenant-trial_days" label="Trial length (days)" error={err("tenant.trial_days")} className="w-40">
                {(a) => <Input {...a} type="number" min={1} max={90} step={1} value={trialDays} onChange={(e) => setTrialDays(e.target.value)} className="tabular-nums" />}
              </Field>
            ) : null}
          </div>
        </Section>

        <Section title="Admin user" description="The tenant's first owner. An existing account with this email is reused.">
          <div className="grid gap-5 sm:grid-cols-2">
            <Field id="tenant-admin_user-name" label="Admin name" error={err("tenant.admin_user.name")}>
              {(a) => <Input {...a} value={adminName} onChange={(e) => setAdminName(e.target.value)} autoComplete="off" />}
            </Field>
            <Field id="tenant-admin_user-email" label="Admin email" error={err("tenant.admin_user.email")}>
              {(a) => <Input {...a} type="email" value={adminEmail} onChange={(e) => setAdminEmail(e.target.value)} autoComplete="off" spellCheck={false} />}
            </Field>
            <Field id="tenant-admin_user-password" label="Initial password" optional error={err("tenant.admin_user.password")} hint="At least 12 characters. Share it with the admin over a secure channel." className="sm:col-span-2">
              {(a) => <Input {...a} type="password" value={adminPassword} onChange={(e) => setAdminPassword(e.target.value)} autoComplete="new-password" className="sm:max-w-sm" />}
            </Field>
          </div>
        </Section>
      </div>

      <aside className="lg:sticky lg:top-20">
        <Card>
          <CardHeader title="Review" />
          <CardBody>
            <dl className="space-y-3 text-[13px]">
              <div>
                <dt className="text-slate-500">Portal</dt>
                <dd className="mt-0.5 font-mono text-[12px] font-medium break-all text-slate-800">
                  {slug || "—"}.{rootDomain}
                </dd>
              </div>
              <SummaryRow label="Template">{template ? `${template.name} · v${template.version}` : "None"}</SummaryRow>
              <SummaryRow label="Plan">
                {def.label} · {def.priceMonthly}
                {def.priceMonthly.startsWith("$") ? "/mo" : ""}
              </SummaryRow>
              <SummaryRow label="Users">{limits.users === null ? "Unlimited" : formatNumber(Number(limits.users))}</SummaryRow>
              <SummaryRow label="Storage">{limits.storage_gb === null ? "Unlimited" : `${formatNumber(Number(limits.storage_gb))} GB`}</SummaryRow>
              <SummaryRow label="Trial">{trial ? `${trialDays} days` : "No"}</SummaryRow>
              <SummaryRow label="Admin">
                <span className="break-all">{adminEmail || "—"}</span>
              </SummaryRow>
            </dl>
          </CardBody>
          <div className="flex flex-col gap-2 border-t border-slate-200 px-5 py-4">
            <Button type="submit" loading={pending} className="w-full">
              {pending ? "Creating…" : "Create tenant"}
            </Button>
            <Link href="/tenants" className={buttonClasses("ghost", "md", "w-full")}>
              Cancel
            </Link>
          </div>
        </Card>
        <p className="mt-3 px-1 text-xs leading-relaxed text-slate-500">
          Creating a tenant sets up its database schema, runs its migrations and adds the admin. You can watch each step on the next page.
        </p>
      </aside>
    </form>
  );
}

function SummaryRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4">
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 text-right font-medium text-slate-800">{children}</dd>
    </div>
  );
}
