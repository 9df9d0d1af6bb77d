"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { formatDateTime } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Choice } from "@/components/ui/choice";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { ActionFailure } from "@/lib/actions/action-result";
import { fetchApi, postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { BackupView, RestoreView } from "@/lib/schemas/backups";
import { isRunning } from "./backup-format";
import type { BackupsTenant } from "./backups-panel";
import { RestorePlanSteps } from "./restore-plan-steps";
import { useBackupTables } from "./use-backup-tables";

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** `<schema>_restored_<yyyymmdd>`, cut to PostgreSQL's 63-character identifiers. */
export function defaultSideSchema(schema: string, now: number): string {
  const suffix = `_restored_${new Date(now).toISOString().slice(0, 10).replace(/-/g, "")}`;
  return `${schema.slice(0, 63 - suffix.length)}${suffix}`;
}

type Mode = "side" | "replace";

/**
 * Restores a backup beside the live schema (a new schema to inspect) or over
 * it (built aside, verified, then swapped in one transaction). "Preview plan"
 * asks the server for a dry run; Restore then shows the steps live.
 */
export function RestoreDialog({ tenant, backup, onClose, now }: { tenant: BackupsTenant; backup: BackupView; onClose: () => void; now: number }) {
  const uid = useId();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>("side");
  const [target, setTarget] = useState(() => defaultSideSchema(tenant.schema_name, now));
  const [overwrite, setOverwrite] = useState(false);
  const [confirmSlug, setConfirmSlug] = useState("");
  const [verify, setVerify] = useState(true);
  const [rollback, setRollback] = useState(true);
  const [keepPrevious, setKeepPrevious] = useState(true);
  const tables = useBackupTables(tenant.id, backup.backup_id);
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState<"preview" | "restore" | null>(null);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [preview, setPreview] = useState<RestoreView | null>(null);
  const [started, setStarted] = useState<RestoreView | null>(null);

  const targetError = mode === "side" && !SCHEMA_NAME.test(target) ? "Lower-case letters, digits and _, at most 63 characters, not starting with a digit" : undefined;
  const confirmed = mode === "side" || confirmSlug === tenant.slug;
  const chosenTables = tables.data?.filter((t) => !excluded.has(t.name)).map((t) => t.name);
  const noTables = chosenTables !== undefined && chosenTables.length === 0 && (tables.data?.length ?? 0) > 0;
  const valid = !targetError && !noTables;

  // Any change of the options makes an earlier preview stale.
  const edit =
    <A extends unknown[]>(fn: (...a: A) => void) =>
    (...a: A) => {
      setPreview(null);
      setFailure(null);
      fn(...a);
    };

  const body = (dryRun: boolean) => ({
    backup_id: backup.backup_id,
    restore_options: { overwrite_existing: mode === "replace" || overwrite, verify_integrity: verify, rollback_on_error: rollback, dry_run: dryRun, keep_previous: keepPrevious },
    ...(mode === "side" ? { target_schema: target } : {}),
    ...(chosenTables && excluded.size > 0 ? { selective_restore: { tables: chosenTables } } : {}),
  });

  const send = async (dryRun: boolean) => {
    setPending(dryRun ? "preview" : "restore");
    setFailure(null);
    const r = await postApi<RestoreView>(`/api/v1/tenants/${tenant.id}/restore`, body(dryRun));
    setPending(null);
    if (!r.ok) return setFailure(r);
    if (dryRun) setPreview(r.data);
    else setStarted(r.data);
  };

  if (started) return <RestoreRunning tenant={tenant} initial={started} onClose={onClose} onFinished={() => queryClient.invalidateQueries({ queryKey: queryKeys.backups.tenant(tenant.id) })} />;

  return (
    <Dialog
      open
      onClose={onClose}
      title="Restore backup"
      description={`From the ${backup.configuration.backup_type.replace("_", " ")} backup of ${formatDateTime(backup.started_at)}.`}
      className="max-w-xl"
      tone={mode === "replace" ? "danger" : "default"}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending !== null}>
            Cancel
          </Button>
          <Button variant="secondary" onClick={() => send(true)} loading={pending === "preview"} disabled={!valid || pending !== null}>
            Preview plan
          </Button>
          <Button variant={mode === "replace" ? "danger" : "primary"} onClick={() => send(false)} loading={pending === "restore"} disabled={!valid || !confirmed || pending !== null}>
            {mode === "replace" ? "Replace live schema" : "Restore"}
          </Button>
        </>
      }
    >
      <div className="space-y-5">
        {failure ? (
          <Alert tone="danger" title={failure.code === "validation_error" ? "Check the options" : "The restore was refused"}>
            {failure.message}
            {Object.entries(failure.fieldErrors).map(([k, v]) => (
              <span key={k} className="mt-0.5 block">
                {k}: {v}
              </span>
            ))}
          </Alert>
        ) : null}
        <fieldset>
          <legend className="mb-1 text-[13px] font-medium text-slate-700">Restore into</legend>
          <div className="grid gap-0.5 rounded-md border border-slate-200 p-1">
            <Choice type="radio" name={`${uid}-mode`} checked={mode === "side"} onChange={edit(() => setMode("side"))} label="A new schema beside the live one" hint="The tenant keeps running on its live schema; inspect the copy with the SQL console" />
            <Choice type="radio" name={`${uid}-mode`} checked={mode === "replace"} onChange={edit(() => setMode("replace"))} label="Replace the live schema" hint="Built aside and verified first, then swapped in one transaction; a failure leaves the live schema untouched" />
          </div>
        </fieldset>
        {mode === "side" ? (
          <div className="space-y-2">
            <Field id={`${uid}-target`} label="Schema name" error={targetError} hint="Must not exist yet, unless you allow replacing it below">
              {(a11y) => <Input {...a11y} value={target} onChange={(e) => edit(setTarget)(e.target.value)} spellCheck={false} autoComplete="off" className="font-mono" />}
            </Field>
            <Choice checked={overwrite} onChange={(e) => edit(setOverwrite)(e.target.checked)} label="Replace this schema if it exists" />
          </div>
        ) : (
          <div className="space-y-3">
            <Alert tone="warning" title="Rows written since this backup will be lost">
              The tenant&apos;s live schema <code className="font-mono">{tenant.schema_name}</code> is replaced by the backup&apos;s contents.
            </Alert>
            <Choice checked={keepPrevious} onChange={(e) => edit(setKeepPrevious)(e.target.checked)} label="Keep the replaced schema" hint={`Renamed ${tenant.schema_name}_pre_restore_<time>, so it can be inspected or restored by hand`} />
            <Field id={`${uid}-confirm`} label={<>Type the tenant&apos;s slug <code className="font-mono text-slate-900">{tenant.slug}</code> to confirm</>}>
              {(a11y) => <Input {...a11y} value={confirmSlug} onChange={(e) => setConfirmSlug(e.target.value)} spellCheck={false} autoComplete="off" className="font-mono" />}
            </Field>
          </div>
        )}
        <fieldset>
          <legend className="mb-1 text-[13px] font-medium text-slate-700">Tables</legend>
          {tables.data ? (
            tables.data.length ? (
              <div className="max-h-44 overflow-y-auto rounded-md border border-slate-200 p-1">
                {tables.data.map((t) => (
                  <Choice
                    key={t.name}
                    checked={!excluded.has(t.name)}
                    onChange={edit((e: React.ChangeEvent<HTMLInputElement>) => {
                      const next = new Set(excluded);
                      if (e.target.checked) next.delete(t.name);
                      else next.add(t.name);
                      setExcluded(next);
                    })}
                    label={<span className="font-mono">{t.name}</span>}
                    hint={t.rows === null ? undefined : `${t.rows.toLocaleString("en-US")} rows`}
                  />
                ))}
              </div>
            ) : (
              <p className="text-xs text-slate-500">The backup holds no tables.</p>
            )
          ) : tables.isError ? (
            <p className="text-xs text-red-700">The backup&apos;s table list could not be read: {tables.error.message}. Every table is restored.</p>
          ) : (
            <p className="text-xs text-slate-500">Reading the backup&apos;s table list…</p>
          )}
          {noTables ? <p className="mt-1 text-xs text-red-700">Choose at least one table.</p> : null}
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-[13px] font-medium text-slate-700">Options</legend>
          <Choice checked={verify} onChange={(e) => edit(setVerify)(e.target.checked)} label="Verify integrity first" hint="Re-read every file of the archive and compare its SHA-256 with the manifest" />
          <Choice checked={rollback} onChange={(e) => edit(setRollback)(e.target.checked)} label="Roll back on error" hint="Drop the half-built schema if a step fails (off: keep it for inspection)" />
        </fieldset>
        {preview ? (
          <section aria-labelledby={`${uid}-plan`} className="rounded-md border border-slate-200 bg-slate-50/60 p-3">
            <h3 id={`${uid}-plan`} className="mb-1 text-[13px] font-semibold text-slate-900">
              Plan (dry run: nothing was written)
            </h3>
            <p className="mb-2 text-xs text-slate-600">
              Into <code className="font-mono">{preview.target_schema}</code>
              {preview.mode === "replace_live" ? ", swapped in for the live schema" : ", beside the live schema"}.
            </p>
            <RestorePlanSteps plan={preview.restore_plan} dryRun label="Restore plan" />
          </section>
        ) : null}
      </div>
    </Dialog>
  );
}

/** A restore under way: its steps polled every second until it completes or fails. */
function RestoreRunning({ tenant, initial, onClose, onFinished }: { tenant: BackupsTenant; initial: RestoreView; onClose: () => void; onFinished: () => void }) {
  const q = useQuery({
    queryKey: queryKeys.backups.restore(tenant.id, initial.restore_id),
    queryFn: ({ signal }) => fetchApi<RestoreView>(`/api/v1/tenants/${tenant.id}/restores/${initial.restore_id}`, { signal }),
    initialData: initial,
    initialDataUpdatedAt: 0,
    refetchInterval: (s) => (s.state.data && isRunning(s.state.data.status) ? 1000 : false),
    refetchIntervalInBackground: true,
  });
  const r = q.data;
  const running = isRunning(r.status);
  useEffect(() => {
    if (!running) onFinished();
  }, [running, onFinished]);
  const steps = r.restore_plan.filter((s) => s.status !== "skipped");
  const done = steps.filter((s) => s.status === "completed").length;
  const pct = steps.length ? (done / steps.length) * 100 : 0;
  return (
    <Dialog
      open
      onClose={onClose}
      title={r.status === "completed" ? "Restore complete" : r.status === "failed" ? "Restore failed" : "Restoring…"}
      description={r.mode === "replace_live" ? `Replacing ${tenant.name}'s live schema.` : `Into the schema ${r.target_schema}, beside the live one.`}
      className="max-w-xl"
      footer={
        <Button variant={running ? "secondary" : "primary"} onClick={onClose}>
          {running ? "Close (keeps running)" : "Done"}
        </Button>
      }
    >
      <div className="space-y-4" data-testid="restore-progress" data-status={r.status}>
        <ProgressBar label="Restore progress" value={pct} tone={r.status === "failed" ? "red" : r.status === "completed" ? "green" : "indigo"} text={`${done} of ${steps.length} steps`} />
        <RestorePlanSteps plan={r.restore_plan} dryRun={false} label="Restore steps" />
        {r.status === "completed" ? (
          <Alert tone="success" title="Restored">
            {r.result ? `${r.result.tables_restored} tables and ${r.result.rows_restored.toLocaleString("en-US")} rows ` : "The backup was restored "}
            into <code className="font-mono">{r.target_schema}</code>
            {r.previous_schema ? (
              <>
                ; the replaced schema is kept as <code className="font-mono">{r.previous_schema}</code>
              </>
            ) : null}
            .
          </Alert>
        ) : null}
        {r.status === "failed" ? (
          <Alert tone="danger" title="The restore failed">
            {r.error ?? "No reason was recorded."} The live schema was not changed.
          </Alert>
        ) : null}
        {q.error ? (
          <Alert tone="warning" role="status">
            Could not check progress: {q.error.message}
          </Alert>
        ) : null}
      </div>
    </Dialog>
  );
}
