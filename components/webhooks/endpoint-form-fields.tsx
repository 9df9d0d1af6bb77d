"use client";

import { useQuery } from "@tanstack/react-query";
import { Field, Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { queryKeys } from "@/lib/query/keys";
import { EventTypesPicker } from "./event-types-picker";
import type { EndpointInput, WebhookOps } from "./webhook-ops";

/** The catalogue of event types, read once per page and shared by every form on it. */
export function useEventTypes(ops: WebhookOps) {
  return useQuery({ queryKey: queryKeys.webhooks.eventTypes, queryFn: () => ops.eventTypes(), staleTime: 5 * 60_000 });
}

/** An endpoint's settings as the add dialog and the settings card edit them; field errors come from the server, keyed by its field names. */
export function EndpointFormFields<V extends Omit<EndpointInput, "enabled"> & { enabled?: boolean }>({
  value,
  onChange,
  errors,
  ops,
  idPrefix,
}: {
  value: V;
  onChange: (next: V) => void;
  errors: Record<string, string>;
  ops: WebhookOps;
  idPrefix: string;
}) {
  const eventTypes = useEventTypes(ops);
  const set = <K extends keyof V>(key: K, v: V[K]) => onChange({ ...value, [key]: v });
  const typesError = errors.event_types ?? Object.entries(errors).find(([k]) => k.startsWith("event_types."))?.[1];
  return (
    <div className="space-y-4">
      <Field id={`${idPrefix}-url`} label="Endpoint URL" error={errors.url} hint="Where Atrium POSTs each event, e.g. https://example.com/webhooks/atrium.">
        {(a) => <Input {...a} type="url" inputMode="url" value={value.url} onChange={(e) => set("url", e.target.value)} placeholder="https://" autoComplete="off" spellCheck={false} />}
      </Field>
      <Field id={`${idPrefix}-description`} label="Description" optional error={errors.description}>
        {(a) => <Input {...a} value={value.description} onChange={(e) => set("description", e.target.value)} maxLength={500} autoComplete="off" />}
      </Field>
      <EventTypesPicker idPrefix={idPrefix} value={value.event_types} onChange={(v) => set("event_types", v)} catalogue={eventTypes.data} error={typesError} />
      {/* Editing an endpoint leaves this out: its page has Enable/Disable buttons of their own. */}
      {value.enabled === undefined ? null : (
      <div className="flex items-center justify-between gap-4 rounded-md border border-slate-200 px-3 py-2.5">
        <div>
          <p id={`${idPrefix}-enabled-label`} className="text-sm font-medium text-slate-900">
            Enabled
          </p>
          <p id={`${idPrefix}-enabled-hint`} className="text-xs text-slate-500">
            A disabled endpoint receives nothing; events are not queued for it.
          </p>
        </div>
        <Switch checked={value.enabled} onChange={(v) => set("enabled", v as V["enabled"])} labelledBy={`${idPrefix}-enabled-label`} describedBy={`${idPrefix}-enabled-hint`} />
      </div>
      )}
    </div>
  );
}
