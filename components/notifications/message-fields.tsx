"use client";

import { Field, Input, controlClasses } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { cn } from "@/components/ui/cn";
import { NOTIFICATION_SEVERITIES, SEVERITY_LABELS, type NotificationSeverity } from "@/lib/schemas/notifications";

/** What the compose forms edit (broadcast page, tenant dialog); times as datetime-local strings in the browser's zone. */
export type MessageDraft = {
  title: string;
  body: string;
  severity: NotificationSeverity;
  link: string;
  sendAt: string;
  expiresAt: string;
  windowStart: string;
  windowEnd: string;
};

export const EMPTY_DRAFT: MessageDraft = { title: "", body: "", severity: "info", link: "", sendAt: "", expiresAt: "", windowStart: "", windowEnd: "" };

/** datetime-local is in the browser's zone; the API wants an instant. An unparseable value is sent as typed, for the API to name. */
const instant = (local: string) => {
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? local : t.toISOString();
};

/** The API's body fields for a draft (empty optional fields left out). */
export function draftBody(d: MessageDraft) {
  return {
    title: d.title,
    body: d.body,
    severity: d.severity,
    ...(d.link.trim() ? { link: d.link.trim() } : {}),
    ...(d.sendAt ? { send_at: instant(d.sendAt) } : {}),
    ...(d.expiresAt ? { expires_at: instant(d.expiresAt) } : {}),
    ...(d.severity === "maintenance" && (d.windowStart || d.windowEnd) ? { window: { start: instant(d.windowStart), end: instant(d.windowEnd) } } : {}),
  };
}

/** The message's fields, errors keyed by the API's field paths (title, window.end…). */
export function MessageFields({ idPrefix, draft, onChange, errors }: { idPrefix: string; draft: MessageDraft; onChange: (next: MessageDraft) => void; errors: Record<string, string> }) {
  const set = <K extends keyof MessageDraft>(k: K, v: MessageDraft[K]) => onChange({ ...draft, [k]: v });
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id={id("title")} label="Title" error={errors.title} className="sm:col-span-2">
        {(a) => <Input {...a} value={draft.title} maxLength={140} onChange={(e) => set("title", e.target.value)} />}
      </Field>
      <Field id={id("body")} label="Message" error={errors.body} className="sm:col-span-2">
        {(a) => <textarea {...a} aria-invalid={a.invalid || undefined} rows={4} maxLength={5000} value={draft.body} onChange={(e) => set("body", e.target.value)} className={cn(controlClasses(a.invalid))} />}
      </Field>
      <Field id={id("severity")} label="Type" error={errors.severity}>
        {(a) => (
          <Select {...a} value={draft.severity} onChange={(e) => set("severity", e.target.value as NotificationSeverity)}>
            {NOTIFICATION_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_LABELS[s]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id={id("link")} label="Link" optional hint="A portal path such as /billing, or an https URL" error={errors.link}>
        {(a) => <Input {...a} value={draft.link} onChange={(e) => set("link", e.target.value)} />}
      </Field>
      <Field id={id("send-at")} label="Send at" optional hint="Your local time; empty sends now" error={errors.send_at}>
        {(a) => <Input {...a} type="datetime-local" value={draft.sendAt} onChange={(e) => set("sendAt", e.target.value)} />}
      </Field>
      <Field id={id("expires-at")} label="Expires at" optional hint="Leaves every inbox then" error={errors.expires_at}>
        {(a) => <Input {...a} type="datetime-local" value={draft.expiresAt} onChange={(e) => set("expiresAt", e.target.value)} />}
      </Field>
      {draft.severity === "maintenance" ? (
        <>
          <Field id={id("window-start")} label="Maintenance starts" hint="The portal shows a banner during the window" error={errors["window.start"] ?? errors.window}>
            {(a) => <Input {...a} type="datetime-local" value={draft.windowStart} onChange={(e) => set("windowStart", e.target.value)} />}
          </Field>
          <Field id={id("window-end")} label="Maintenance ends" error={errors["window.end"]}>
            {(a) => <Input {...a} type="datetime-local" value={draft.windowEnd} onChange={(e) => set("windowEnd", e.target.value)} />}
          </Field>
        </>
      ) : null}
    </div>
  );
}
