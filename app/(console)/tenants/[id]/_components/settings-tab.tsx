"use client";

import type { FormEvent } from "react";
import { CURRENCIES, DATE_FORMATS, LOCALES, TIME_FORMATS, withCurrent } from "@/components/console/regional-options";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { HydratedForm } from "@/components/ui/hydrated-form";
import { updateTenantAction } from "../tenant-actions";
import { ReadOnlyNote, SaveFailure, SaveFooter } from "./save-footer";
import { useTenantDraft } from "./tenant-drafts";
import type { TenantDetail, TenantSettings } from "./types";
import { useTenantMutation } from "./use-tenant-mutation";

type Draft = { name: string; timezone: string; locale: string; currency: string; date_format: string; time_format: string; auto_enforce: boolean };

function draftOf(t: TenantDetail): Draft {
  const s = (t.settings ?? {}) as TenantSettings;
  return {
    name: t.tenant.name,
    timezone: s.timezone ?? "UTC",
    locale: s.locale ?? "en-US",
    currency: s.currency ?? "USD",
    date_format: s.date_format ?? "%Y-%m-%d",
    time_format: s.time_format ?? "%H:%M",
    auto_enforce: s.auto_enforce !== false,
  };
}

type Props = {
  tenant: TenantDetail;
  etag: string;
  editable: boolean;
  readOnlyReason: string;
  timezones: string[];
  onSaved: (etag: string, message: string) => void;
  onOpenDomains: () => void;
};

export function SettingsTab({ tenant, etag, editable, readOnlyReason, timezones, onSaved, onOpenDomains }: Props) {
  const initial = draftOf(tenant);
  const { value: draft, set: setDraft, dirty, discard, markSaved } = useTenantDraft<Draft>("settings", initial);
  const { pending, failure, setFailure, run } = useTenantMutation();
  const err = (...paths: string[]) => paths.map((p) => failure?.fieldErrors[p]).find(Boolean);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      name: draft.name,
      settings: { timezone: draft.timezone, locale: draft.locale, currency: draft.currency, date_format: draft.date_format, time_format: draft.time_format, auto_enforce: draft.auto_enforce },
    };
    run(() => updateTenantAction(tenant.tenant.id, etag, input), (d) => {
      markSaved();
      onSaved(d.etag, d.changes_applied.length ? "Settings saved" : "No changes to save");
    });
  };

  return (
    <HydratedForm onSubmit={onSubmit} noValidate>
      <SaveFailure failure={failure} />
      <Card>
        <CardHeader title="General" description="The tenant's name and where its portal is served." />
        <CardBody className="grid gap-5 py-5 sm:grid-cols-2">
          <Field id="settings-name" label="Tenant name" error={err("name")}>
            {(a) => <Input {...a} value={draft.name} onChange={set("name")} disabled={!editable} />}
          </Field>
          <div>
            <p className="text-sm font-medium text-slate-900">Custom domains</p>
            <p className="mt-1 text-[13px] text-slate-600">
              {tenant.tenant.domain ? <span className="font-mono">{tenant.tenant.domain}</span> : "None yet"}
              {" · "}
              <a
                href="?tab=domains"
                className="font-medium text-indigo-600 underline underline-offset-2 hover:text-indigo-800"
                onClick={(e) => {
                  e.preventDefault();
                  onOpenDomains();
                }}
              >
                Manage in the Domains tab
              </a>
            </p>
            <p className="mt-1 text-xs text-slate-500">A domain is added, verified by DNS and made primary there.</p>
          </div>
        </CardBody>
        <CardHeader title="Regional settings" description="How dates, times and money appear in the tenant's portal." className="border-t" />
        <CardBody className="grid gap-5 py-5 sm:grid-cols-2 lg:grid-cols-3">
          <Field id="settings-timezone" label="Timezone" error={err("settings.timezone")}>
            {(a) => (
              <Select {...a} value={draft.timezone} onChange={set("timezone")} disabled={!editable}>
                {withCurrent(timezones.map((z) => ({ value: z, label: z.replace(/_/g, " ") })), initial.timezone).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="settings-locale" label="Locale" error={err("settings.locale")}>
            {(a) => (
              <Select {...a} value={draft.locale} onChange={set("locale")} disabled={!editable}>
                {withCurrent(LOCALES, initial.locale).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="settings-currency" label="Currency" error={err("settings.currency")}>
            {(a) => (
              <Select {...a} value={draft.currency} onChange={set("currency")} disabled={!editable}>
                {withCurrent(CURRENCIES, initial.currency).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="settings-date_format" label="Date format" error={err("settings.date_format")}>
            {(a) => (
              <Select {...a} value={draft.date_format} onChange={set("date_format")} disabled={!editable}>
                {withCurrent(DATE_FORMATS, initial.date_format).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="settings-time_format" label="Time format" error={err("settings.time_format")}>
            {(a) => (
              <Select {...a} value={draft.time_format} onChange={set("time_format")} disabled={!editable}>
                {withCurrent(TIME_FORMATS, initial.time_format).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </CardBody>
        <CardHeader title="Limits" description="What happens when usage goes over a limit (the hourly limits check)." className="border-t" />
        <CardBody className="py-5">
          <div className="flex items-start gap-3">
            <Switch
              id="settings-auto_enforce"
              checked={draft.auto_enforce}
              onChange={(on) => setDraft((d) => ({ ...d, auto_enforce: on }))}
              disabled={!editable}
              labelledBy="settings-auto_enforce-label"
              describedBy="settings-auto_enforce-hint"
            />
            <div>
              <p id="settings-auto_enforce-label" className="text-sm font-medium text-slate-900">
                Enforce limits automatically
              </p>
              <p id="settings-auto_enforce-hint" className="mt-1 text-[13px] text-slate-600">
                On: over the daily API calls (plus grace) the tenant&apos;s API keys are refused until the next UTC day, and over the storage quota uploads are refused. Off: alerts only.
              </p>
              {err("settings.auto_enforce") ? <p className="mt-1 text-[13px] text-red-700">{err("settings.auto_enforce")}</p> : null}
            </div>
          </div>
        </CardBody>
        {editable ? (
          <SaveFooter
            dirty={dirty}
            pending={pending}
            onDiscard={() => {
              discard();
              setFailure(null);
            }}
          />
        ) : (
          <ReadOnlyNote reason={readOnlyReason} />
        )}
      </Card>
    </HydratedForm>
  );
}
