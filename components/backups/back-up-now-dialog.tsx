"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Choice } from "@/components/ui/choice";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import type { ActionFailure } from "@/lib/actions/action-result";
import { postApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";
import type { BackupView } from "@/lib/schemas/backups";
import { BackupProgress } from "./backup-progress";

type BackupType = "full" | "schema_only" | "data_only";

const TYPES: { value: BackupType; label: string; hint: string }[] = [
  { value: "full", label: "Full", hint: "Tenant settings, the schema's tables and every row" },
  { value: "schema_only", label: "Schema only", hint: "Tenant settings and table definitions, no rows" },
  { value: "data_only", label: "Data only", hint: "Tenant settings and every row, no table definitions" },
];

/**
 * Starts a backup, then follows it in place: the form becomes a live progress
 * bar (the backup goes on if the dialog is closed; the list shows it too).
 */
export function BackUpNowDialog(props: { tenantId: string; tenantName: string; open: boolean; onClose: () => void; encryptionAvailable: boolean }) {
  // Mounted per opening, so each one starts from a fresh form.
  return props.open ? <BackUpNowOpen {...props} /> : null;
}

function BackUpNowOpen({ tenantId, tenantName, onClose, encryptionAvailable }: { tenantId: string; tenantName: string; onClose: () => void; encryptionAvailable: boolean }) {
  const queryClient = useQueryClient();
  const [type, setType] = useState<BackupType>("full");
  const [includeFiles, setIncludeFiles] = useState(true);
  const [compression, setCompression] = useState(true);
  const [encryption, setEncryption] = useState(encryptionAvailable);
  const [retention, setRetention] = useState("30");
  const [emailMe, setEmailMe] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [started, setStarted] = useState<BackupView | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const days = Number(retention);
    if (!Number.isInteger(days) || days < 1 || days > 3650) {
      setFailure({ code: "validation_error", message: "Check the highlighted field.", fieldErrors: { retention_days: "A whole number of days from 1 to 3650" } });
      return;
    }
    setPending(true);
    setFailure(null);
    const r = await postApi<BackupView>(`/api/v1/tenants/${tenantId}/backup`, {
      backup_type: type,
      include_files: includeFiles,
      compression,
      encryption,
      retention_days: days,
      notification_settings: { email_on_completion: emailMe },
    });
    setPending(false);
    if (!r.ok) {
      setFailure(r);
      return;
    }
    setStarted(r.data);
    await queryClient.invalidateQueries({ queryKey: queryKeys.backups.list(tenantId) });
  };

  const title = "Back up now";
  const description = `A copy of ${tenantName}'s settings and schema, kept in the backup store.`;
  if (started) {
    return (
      <Dialog
        open
        onClose={onClose}
        title={title}
        description={description}
        className="max-w-lg"
        footer={
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        }
      >
        <BackupProgress tenantId={tenantId} initial={started} />
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      description={description}
      className="max-w-lg"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form="backup-now-form" loading={pending}>
            Start backup
          </Button>
        </>
      }
    >
      <form id="backup-now-form" onSubmit={onSubmit} noValidate className="space-y-4">
        {failure && !Object.keys(failure.fieldErrors).length ? (
          <Alert tone="danger" title="The backup could not start">
            {failure.message}
          </Alert>
        ) : null}
        <fieldset>
          <legend className="mb-1 text-[13px] font-medium text-slate-700">What to back up</legend>
          <div className="grid gap-0.5 rounded-md border border-slate-200 p-1">
            {TYPES.map((t) => (
              <Choice key={t.value} type="radio" name="backup-type" value={t.value} checked={type === t.value} onChange={() => setType(t.value)} label={t.label} hint={t.hint} />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-[13px] font-medium text-slate-700">Options</legend>
          <div className="grid gap-0.5">
            <Choice checked={includeFiles} onChange={(e) => setIncludeFiles(e.target.checked)} label="Include files" hint="Uploaded assets: the branding logo and favicon" />
            <Choice checked={compression} onChange={(e) => setCompression(e.target.checked)} label="Compress (gzip)" hint="Smaller archives; takes a little longer" />
            <Choice
              checked={encryption}
              disabled={!encryptionAvailable}
              onChange={(e) => setEncryption(e.target.checked)}
              label="Encrypt (AES-256-GCM)"
              hint={encryptionAvailable ? "With the server's backup key; the archive is unreadable without it" : "Unavailable: the server has no BACKUP_ENCRYPTION_KEY configured"}
            />
            <Choice checked={emailMe} onChange={(e) => setEmailMe(e.target.checked)} label="Email me when done" hint="A mail when the backup completes or fails" />
          </div>
        </fieldset>
        <Field id="backup-retention" label="Keep for (days)" hint="Expired backups are deleted by the prune job" error={failure?.fieldErrors.retention_days}>
          {(a11y) => <Input {...a11y} type="number" inputMode="numeric" min={1} max={3650} value={retention} onChange={(e) => setRetention(e.target.value)} className="max-w-32" />}
        </Field>
      </form>
    </Dialog>
  );
}
