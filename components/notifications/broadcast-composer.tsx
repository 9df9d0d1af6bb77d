"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Choice } from "@/components/ui/choice";
import { HydratedForm } from "@/components/ui/hydrated-form";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { BroadcastFilter } from "@/lib/schemas/notifications";
import { TENANT_STATUSES } from "@/lib/schemas/tenant";
import { PLANS } from "@/lib/tenants/plans";
import { draftBody, EMPTY_DRAFT, MessageFields, type MessageDraft } from "./message-fields";

type Audience = { tenants: number; members: number };
type FilterDraft = { scope: "all" | "filter"; plan: string; status: string; tag: string };

const plural = (n: number, one: string) => `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;
export const audienceText = (a: Audience) => `${plural(a.members, "member")} in ${plural(a.tenants, "tenant")}`;

function filterOf(f: FilterDraft): BroadcastFilter {
  if (f.scope === "all") return "all";
  return { status: f.status as (typeof TENANT_STATUSES)[number], ...(f.plan ? { plan: f.plan as (typeof PLANS)[number] } : {}), ...(f.tag.trim() ? { tag: f.tag.trim() } : {}) };
}

/** The filter as typed, settled for `ms` before the preview asks (not one request per keystroke). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** Compose a broadcast: audience filter with a live count (a dry run of POST /tenants/broadcast), the message, schedule, expiry and maintenance window. */
export function BroadcastComposer({ onSent }: { onSent: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<FilterDraft>({ scope: "all", plan: "", status: "active", tag: "" });
  const [draft, setDraft] = useState<MessageDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // One key per message being composed: a retried submit cannot send it twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const settled = useSettled(filterOf(filter), 300);
  const preview = useQuery({
    queryKey: [...queryKeys.notifications.broadcasts, "audience", settled],
    queryFn: async () => {
      const r = await postApi<{ audience: Audience }>("/api/v1/tenants/broadcast", { filter: settled, dry_run: true });
      if (!r.ok) throw new Error(r.fieldErrors["filter.tag"] ?? r.fieldErrors.filter ?? r.message);
      return r.data.audience;
    },
    placeholderData: (prev) => prev,
    staleTime: 10_000,
  });
  const setF = <K extends keyof FilterDraft>(k: K, v: FilterDraft[K]) => setFilter((f) => ({ ...f, [k]: v }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setFailure(null);
    const r = await postApi<{ broadcast: { status: string }; audience: Audience }>("/api/v1/tenants/broadcast", { filter: filterOf(filter), ...draftBody(draft) }, { idempotencyKey });
    setPending(false);
    if (!r.ok) {
      setErrors(r.fieldErrors);
      setFailure(Object.keys(r.fieldErrors).length ? "Check the highlighted fields." : r.message);
      return;
    }
    setErrors({});
    setDraft(EMPTY_DRAFT);
    setIdempotencyKey(crypto.randomUUID());
    await queryClient.invalidateQueries({ queryKey: queryKeys.notifications.broadcasts });
    onSent(r.data.broadcast.status === "scheduled" ? `Broadcast scheduled for ${audienceText(r.data.audience)}` : `Broadcast sending to ${audienceText(r.data.audience)}`);
  }

  const audience = preview.data;
  return (
    <Card>
      <HydratedForm onSubmit={submit} aria-labelledby="compose-heading" noValidate>
        <CardHeader id="compose-heading" title="New broadcast" description="One message to every matching tenant's members: in their bell and by mail, as each member's preferences allow." />
        <CardBody className="space-y-6">
          <fieldset className="space-y-3">
            <legend className="text-[13px] font-medium text-slate-700">Audience</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              <Choice type="radio" name="scope" label="All active tenants" checked={filter.scope === "all"} onChange={() => setF("scope", "all")} />
              <Choice type="radio" name="scope" label="Tenants matching a filter" checked={filter.scope === "filter"} onChange={() => setF("scope", "filter")} />
            </div>
            {filter.scope === "filter" ? (
              <div className="grid gap-4 sm:grid-cols-3">
                <Field id="bc-plan" label="Plan">
                  {(a) => (
                    <Select {...a} value={filter.plan} onChange={(e) => setF("plan", e.target.value)}>
                      <option value="">Any plan</option>
                      {PLANS.map((p) => (
                        <option key={p} value={p}>
                          {p.charAt(0).toUpperCase() + p.slice(1)}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field id="bc-status" label="Status">
                  {(a) => (
                    <Select {...a} value={filter.status} onChange={(e) => setF("status", e.target.value)}>
                      {TENANT_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {s.replace("_", " ")}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field id="bc-tag" label="Tag" optional hint="One of the tenant's settings.tags" error={errors["filter.tag"]}>
                  {(a) => <Input {...a} value={filter.tag} maxLength={40} onChange={(e) => setF("tag", e.target.value)} />}
                </Field>
              </div>
            ) : null}
            <p aria-live="polite" data-testid="audience-preview" className="rounded-md bg-slate-50 px-3 py-2 text-[13px] text-slate-700">
              {preview.isError ? (preview.error as Error).message : audience ? <>Reaches <strong className="font-semibold text-slate-900">{audienceText(audience)}</strong></> : "Counting the audience…"}
            </p>
          </fieldset>
          <MessageFields idPrefix="bc" draft={draft} onChange={setDraft} errors={errors} />
          {failure ? <Alert tone="danger">{failure}</Alert> : null}
        </CardBody>
        <CardFooter>
          <Button type="submit" loading={pending} disabled={audience?.members === 0}>
            {draft.sendAt ? "Schedule broadcast" : "Send broadcast"}
          </Button>
        </CardFooter>
      </HydratedForm>
    </Card>
  );
}
