"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Choice } from "@/components/ui/choice";
import { HydratedForm } from "@/components/ui/hydrated-form";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionFailure } from "@/lib/actions/action-result";
import { postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { FleetRunDetail } from "@/lib/schemas/tenant-migrations";
import { PLAN_DEFINITIONS, PLANS, type Plan } from "@/lib/tenants/plans";
import { TenantPicker, type PickedTenant } from "./tenant-picker";

type Target = "all" | "plan" | "selected";

/** Whole numbers in a range, or the field's message. */
function intIn(raw: string, min: number, max: number, label: string): number | string {
  const n = Number(raw);
  return raw.trim() !== "" && Number.isInteger(n) && n >= min && n <= max ? n : `${label}: a whole number from ${min} to ${max}`;
}

/** Starts a fleet run (a dry run first by default) and opens its live progress. */
export function FleetMigrateForm({ versions, maxConcurrency }: { versions: { version: string; name: string }[]; maxConcurrency: number }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<Target>("all");
  const [plan, setPlan] = useState<Plan>("basic");
  const [tenants, setTenants] = useState<PickedTenant[]>([]);
  const [version, setVersion] = useState("");
  const [concurrency, setConcurrency] = useState("4");
  const [canary, setCanary] = useState("0");
  const [stopAfter, setStopAfter] = useState("");
  const [dryRun, setDryRun] = useState(true);
  const [force, setForce] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const errors = failure?.fieldErrors ?? {};

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    const c = intIn(concurrency, 1, maxConcurrency, "Concurrency");
    const k = intIn(canary, 0, 1000, "Canary tenants");
    const s = stopAfter.trim() === "" ? undefined : intIn(stopAfter, 1, 100_000, "Stop after");
    if (typeof c === "string") local.concurrency = c;
    if (typeof k === "string") local.canary_count = k;
    if (typeof s === "string") local.stop_after_failures = s;
    if (target === "selected" && tenants.length === 0) local.tenant_ids = "Choose at least one tenant";
    if (Object.keys(local).length) {
      setFailure({ code: "validation_error", message: "Check the highlighted fields.", fieldErrors: local });
      return;
    }
    setPending(true);
    setFailure(null);
    const r = await postApi<FleetRunDetail>(
      "/api/v1/tenants/migrate",
      {
        direction: "up",
        ...(version ? { version } : {}),
        ...(target === "plan" ? { plan } : target === "selected" ? { tenant_ids: tenants.map((t) => t.id) } : {}),
        dry_run: dryRun,
        force,
        concurrency: c,
        canary_count: k,
        ...(s === undefined ? {} : { stop_after_failures: s }),
      },
      { idempotencyKey: crypto.randomUUID() },
    );
    if (!r.ok) {
      setPending(false);
      setFailure(r);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: queryKeys.fleetMigrations.list() });
    router.push(`/migrations/${r.data.run_id}`);
  };

  return (
    <HydratedForm onSubmit={onSubmit} noValidate aria-labelledby="fleet-form-title">
      <Card>
        <CardHeader id="fleet-form-title" title="Migrate fleet" description="Apply pending tenant migrations to many tenants, a few at a time. A failing tenant is rolled back and reported; the others go on." />
        <CardBody className="space-y-5 py-5">
          {failure ? (
            <Alert tone="danger" title={failure.code === "validation_error" ? "Check the highlighted fields" : "The run could not start"}>
              {failure.code === "validation_error" ? null : failure.message}
            </Alert>
          ) : null}
          <fieldset>
            <legend className="mb-1 text-[13px] font-medium text-slate-700">Tenants</legend>
            <div className="grid gap-0.5 sm:grid-cols-3">
              <Choice type="radio" name="fleet-target" checked={target === "all"} onChange={() => setTarget("all")} label="All active tenants" />
              <Choice type="radio" name="fleet-target" checked={target === "plan"} onChange={() => setTarget("plan")} label="Active tenants on a plan" />
              <Choice type="radio" name="fleet-target" checked={target === "selected"} onChange={() => setTarget("selected")} label="Chosen tenants" />
            </div>
            {target === "plan" ? (
              <Field id="fleet-plan" label="Plan" className="mt-3 max-w-xs" error={errors.plan}>
                {(a11y) => (
                  <Select {...a11y} value={plan} onChange={(e) => setPlan(e.target.value as Plan)}>
                    {PLANS.map((p) => (
                      <option key={p} value={p}>
                        {PLAN_DEFINITIONS[p].label}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            ) : null}
            {target === "selected" ? (
              <div className="mt-3">
                <TenantPicker value={tenants} onChange={setTenants} error={errors.tenant_ids} />
              </div>
            ) : null}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Field id="fleet-version" label="Up to version" error={errors.version}>
              {(a11y) => (
                <Select {...a11y} value={version} onChange={(e) => setVersion(e.target.value)}>
                  <option value="">Latest</option>
                  {versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      {v.version} · {v.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field id="fleet-concurrency" label="Concurrency" hint={`Tenants at a time, 1–${maxConcurrency}`} error={errors.concurrency}>
              {(a11y) => <Input {...a11y} type="number" inputMode="numeric" min={1} max={maxConcurrency} value={concurrency} onChange={(e) => setConcurrency(e.target.value)} />}
            </Field>
            <Field id="fleet-canary" label="Canary tenants" hint="Migrated first; the run stops if one fails" error={errors.canary_count}>
              {(a11y) => <Input {...a11y} type="number" inputMode="numeric" min={0} max={1000} value={canary} onChange={(e) => setCanary(e.target.value)} />}
            </Field>
            <Field id="fleet-stop" label="Stop after failures" optional hint="Blank: never stop" error={errors.stop_after_failures}>
              {(a11y) => <Input {...a11y} type="number" inputMode="numeric" min={1} value={stopAfter} onChange={(e) => setStopAfter(e.target.value)} />}
            </Field>
          </div>
          <Choice checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} label="Dry run first" hint="Work out each tenant's pending migrations and run nothing; start the real run from its result" />
          <Choice
            checked={force}
            onChange={(e) => setForce(e.target.checked)}
            label="Force"
            hint="Re-run migrations whose last attempt failed on a tenant, and accept migration files edited since they were applied (their new checksum is recorded)"
          />
        </CardBody>
        <CardFooter>
          <Button type="submit" loading={pending}>
            {dryRun ? "Start dry run" : "Start migration"}
          </Button>
        </CardFooter>
      </Card>
    </HydratedForm>
  );
}
