"use client";

import { useState, type FormEvent } from "react";
import { CURRENCIES, DATE_FORMATS, LOCALES, TIME_FORMATS, withCurrent } from "@/components/console/regional-options";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { updateTenantAction } from "../tenant-actions";
import { ReadOnlyNote, SaveFailure, SaveFooter } from "./save-footer";
import type { TenantDetail, TenantSettings } from "./types";
import { useTenantMutation } from "./use-tenant-mutation";

type Draft = { name: string; domain: string; timezone: string; locale: string; currency: string; date_format: string; time_format: string };

function draftOf(t: TenantDetail): Draft {
  const s = (t.settings ?? {}) as TenantSettings;
  return {
    name: t.tenant.name,
    domain: t.tenant.domain ?? "",
    timezone: s.timezone ?? "UTC",
    locale: s.locale ?? "en-US",
    currency: s.currency ?? "USD",
    date_format: s.date_format ?? "%Y-%m-%d",
    time_format: s.time_format ?? "%H:%M",
  };
}

export function SettingsTab({ tenant, etag, editable, readOnlyReason, timezones, onSaved }: { tenant: TenantDetail; etag: string; editable: boolean; readOnlyReason: string; timezones: string[]; onSaved: (etag: string, message: string) => void }) {
  const initial = draftOf(tenant);
  const [draft, setDraft] = useState<Draft>(initial);
  const { pending, failure, setFailure, run } = useTenantMutation();
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const err = (...paths: string[]) => paths.map((p) => failure?.fieldErrors[p]).find(Boolean);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      name: draft.name,
      domain: draft.domain.trim() ? draft.domain.trim() : null,
      settings: { timezone: draft.timezone, locale: draft.locale, currency: draft.currency, date_format: draft.date_format, time_format: draft.time_format },
    };
    run(() => updateTenantAction(tenant.tenant.id, etag, input), (d) => onSaved(d.etag, d.changes_applied.length ? "Settings saved" : "No changes to save"));
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <SaveFailure failure={failure} />
      <Card>
        <CardHeader title="General" description="The tenant's name and custom domain." />
        <CardBody className="grid gap-5 py-5 sm:grid-cols-2">
          <Field id="settings-name" label="Tenant name" error={err("name")}>
            {(a) => <Input {...a} value={draft.name} onChange={set("name")} disabled={!editable} />}
          </Field>
          <Field id="settings-domain" label="Custom domain" optional error={err("domain", "tenant.domain")} hint="Leave empty to serve only on the tenant's subdomain.">
            {(a) => <Input {...a} value={draft.domain} onChange={set("domain")} disabled={!editable} placeholder="portal.example.com" className="font-mono" spellCheck={false} />}
          </Field>
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
        {editable ? (
          <SaveFooter
            dirty={dirty}
            pending={pending}
            onDiscard={() => {
              setDraft(initial);
              setFailure(null);
            }}
          />
        ) : (
          <ReadOnlyNote reason={readOnlyReason} />
        )}
      </Card>
    </form>
  );
}
