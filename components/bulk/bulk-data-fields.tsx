"use client";

import { useQuery } from "@tanstack/react-query";
import { CURRENCIES, LOCALES } from "@/components/console/regional-options";
import { fetchApi } from "@/lib/query/fetch-api";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { BulkOperationName } from "@/lib/schemas/bulk";
import { FEATURE_LABELS, FEATURES, PLAN_DEFINITIONS, PLANS } from "@/lib/tenants/plans";

/** What the dialog's form holds for any operation; `requestParts` turns it into the request's `data` and `reason`. */
export type BulkFormState = {
  plan: string;
  reason: string;
  graceDays: string;
  feature: string;
  featureOn: boolean;
  setting: "timezone" | "currency" | "locale";
  settingValue: string;
  templateId: string;
};

export const INITIAL_FORM: BulkFormState = { plan: "professional", reason: "", graceDays: "7", feature: FEATURES[0], featureOn: true, setting: "currency", settingValue: "EUR", templateId: "" };

/** Operations that need nothing but the confirmation. */
export const needsNoInput = (op: BulkOperationName) => op === "activate";

export function requestParts(op: BulkOperationName, f: BulkFormState): { data?: unknown; reason?: string } {
  switch (op) {
    case "change_plan":
      return { data: { plan: f.plan } };
    case "deactivate":
      return { reason: f.reason.trim() };
    case "delete":
      return { data: { grace_period_days: Number(f.graceDays) } };
    case "update_features":
      return { data: { features: { [f.feature]: f.featureOn } } };
    case "update_settings":
      return { data: { settings: { [f.setting]: f.settingValue.trim() } } };
    case "apply_template":
      return { data: { template_id: f.templateId.trim() } };
    default:
      return {};
  }
}

const TIMEZONES = ["UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Tokyo", "Asia/Singapore", "Australia/Sydney"];
const SETTING_OPTIONS = {
  timezone: TIMEZONES.map((t) => ({ value: t, label: t })),
  currency: CURRENCIES,
  locale: LOCALES,
};

/** The fields of one operation; `errors` are the server's, by request path (data.plan, reason, …). */
export function BulkDataFields({ operation, form, onChange, errors }: { operation: BulkOperationName; form: BulkFormState; onChange: (next: BulkFormState) => void; errors: Record<string, string> }) {
  const set = (patch: Partial<BulkFormState>) => onChange({ ...form, ...patch });
  switch (operation) {
    case "change_plan":
      return (
        <Field id="bulk-plan" label="New plan" error={errors["data.plan"]} hint="Limits and features reset to the new plan's defaults, as when one tenant's plan changes.">
          {(a) => (
            <Select {...a} value={form.plan} onChange={(e) => set({ plan: e.target.value })}>
              {PLANS.map((p) => (
                <option key={p} value={p}>
                  {PLAN_DEFINITIONS[p].label} · {PLAN_DEFINITIONS[p].priceMonthly}/month
                </option>
              ))}
            </Select>
          )}
        </Field>
      );
    case "deactivate":
      return (
        <Field id="bulk-reason" label="Reason" error={errors.reason} hint="Recorded with each suspension and shown to staff.">
          {(a) => <Input {...a} value={form.reason} maxLength={500} onChange={(e) => set({ reason: e.target.value })} placeholder="Payment overdue" />}
        </Field>
      );
    case "delete":
      return (
        <Field id="bulk-grace" label="Grace period (days)" error={errors["data.grace_period_days"]} hint="The tenants stop serving now and are purged after this many days; until then each can be restored.">
          {(a) => <Input {...a} type="number" inputMode="numeric" min={0} max={90} value={form.graceDays} onChange={(e) => set({ graceDays: e.target.value })} />}
        </Field>
      );
    case "update_features":
      return (
        <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
          <Field id="bulk-feature" label="Feature" error={errors["data.features"]}>
            {(a) => (
              <Select {...a} value={form.feature} onChange={(e) => set({ feature: e.target.value })}>
                {FEATURES.map((f) => (
                  <option key={f} value={f}>
                    {FEATURE_LABELS[f]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="bulk-feature-on" label="Turn it">
            {(a) => (
              <Select {...a} value={form.featureOn ? "on" : "off"} onChange={(e) => set({ featureOn: e.target.value === "on" })}>
                <option value="on">On</option>
                <option value="off">Off</option>
              </Select>
            )}
          </Field>
        </div>
      );
    case "update_settings":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="bulk-setting" label="Setting">
            {(a) => (
              <Select {...a} value={form.setting} onChange={(e) => set({ setting: e.target.value as BulkFormState["setting"], settingValue: SETTING_OPTIONS[e.target.value as BulkFormState["setting"]][0].value })}>
                <option value="currency">Currency</option>
                <option value="timezone">Time zone</option>
                <option value="locale">Locale</option>
              </Select>
            )}
          </Field>
          <Field id="bulk-setting-value" label="New value" error={errors[`data.settings.${form.setting}`] ?? errors["data.settings"]}>
            {(a) => (
              <Select {...a} value={form.settingValue} onChange={(e) => set({ settingValue: e.target.value })}>
                {SETTING_OPTIONS[form.setting].map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
      );
    case "apply_template":
      return <TemplateField value={form.templateId} onChange={(templateId) => set({ templateId })} error={errors["data.template_id"]} />;
    default:
      return null;
  }
}

type TemplateSummary = { id: string; name: string; current_version: number };

/** The templates to choose from (GET /api/v1/tenant-templates, not archived). */
function TemplateField({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string }) {
  const templates = useQuery({ queryKey: ["tenant-templates", "bulk-picker"], queryFn: ({ signal }) => fetchApi<{ templates: TemplateSummary[] }>("/api/v1/tenant-templates", { signal }) });
  return (
    <Field id="bulk-template" label="Template" error={error ?? (templates.isError ? templates.error.message : undefined)} hint="Its current version is applied; the preview shows what changes on each tenant.">
      {(a) => (
        <Select {...a} value={value} onChange={(e) => onChange(e.target.value)} disabled={!templates.data}>
          <option value="">{templates.data ? "Choose a template" : "Loading templates…"}</option>
          {templates.data?.templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} · v{t.current_version}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
