"use client";

import { formatDate, formatDateTime } from "@/components/console/format";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import type { ColumnDef } from "@/components/ui/data-table";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { BackupView } from "@/lib/schemas/backups";
import { BACKUP_TYPE_LABELS, formatMb, isRunning, STATUS_TONES, stepLabel } from "./backup-format";

export function BackupStatus({ backup: b }: { backup: BackupView }) {
  const s = STATUS_TONES[b.status] ?? { tone: "slate", label: b.status };
  return (
    <div className="min-w-0 space-y-1.5" data-testid="backup-status" data-status={b.status}>
      <Badge tone={s.tone} dot pulse={isRunning(b.status)}>
        {s.label}
      </Badge>
      {isRunning(b.status) ? (
        <ProgressBar className="w-36 max-w-full" label={`Progress of the backup started ${formatDateTime(b.started_at)}`} value={b.progress.percentage} text={`${b.progress.percentage}% · ${stepLabel(b.progress.current_step)}`} />
      ) : null}
      {b.status === "failed" && b.error ? <p className="max-w-56 text-xs break-words text-red-700">{b.error}</p> : null}
    </div>
  );
}

/** One word for the three checks; the tooltip and screen-reader text say which passed. */
function Verification({ backup: b }: { backup: BackupView }) {
  const v = b.verification;
  if (!v) return <span className="text-slate-500">—</span>;
  const checks = [`integrity ${v.integrity_check}`, `schema ${v.schema_validation}`, `data sample ${v.data_sample_verified === null ? "not applicable" : v.data_sample_verified ? "verified" : "failed"}`];
  const failed = v.integrity_check === "failed" || v.schema_validation === "failed" || v.data_sample_verified === false;
  const pending = v.integrity_check === "pending" || v.schema_validation === "pending";
  const text = checks.join(", ");
  return (
    <span title={v.details ? `${text}. ${v.details}` : text} className="inline-flex flex-col gap-0.5">
      <Badge tone={failed ? "red" : pending ? "sky" : "green"}>{failed ? "Failed" : pending ? "Checking" : "Verified"}</Badge>
      <span className="sr-only">{text}</span>
    </span>
  );
}

const ratio = (b: BackupView) => (b.result && b.configuration.compression ? `${Math.round((1 - b.result.compression_ratio) * 100)}% smaller` : "—");

export function backupColumns({ canDownload, tenantId, onRestore }: { canDownload: boolean; tenantId: string; onRestore: (b: BackupView) => void }): ColumnDef<BackupView, unknown>[] {
  return [
    {
      id: "created",
      header: "Created",
      meta: { card: "title", className: "whitespace-nowrap", skeleton: "w-32" },
      cell: ({ row: { original: b } }) => (
        <span className="font-medium text-slate-900">
          <time dateTime={b.started_at}>{formatDateTime(b.started_at)}</time>
        </span>
      ),
    },
    { id: "type", header: "Type", meta: { className: "whitespace-nowrap text-slate-600" }, cell: ({ row: { original: b } }) => BACKUP_TYPE_LABELS[b.configuration.backup_type] ?? b.configuration.backup_type },
    {
      id: "size",
      header: "Size",
      meta: { className: "whitespace-nowrap tabular-nums text-slate-600" },
      cell: ({ row: { original: b } }) => (b.result ? <span title={`${formatMb(b.result.backup_size_mb)} before compression`}>{formatMb(b.result.compressed_size_mb)}</span> : "—"),
    },
    { id: "ratio", header: "Compression", meta: { className: "whitespace-nowrap tabular-nums text-slate-600" }, cell: ({ row: { original: b } }) => ratio(b) },
    { id: "encrypted", header: "Encrypted", meta: { className: "text-slate-600" }, cell: ({ row: { original: b } }) => (b.configuration.encryption ? "Yes" : "No") },
    { id: "status", header: "Status", meta: { skeleton: "w-24" }, cell: ({ row: { original: b } }) => <BackupStatus backup={b} /> },
    { id: "verification", header: "Verification", cell: ({ row: { original: b } }) => <Verification backup={b} /> },
    {
      id: "expires",
      header: "Expires",
      meta: { className: "whitespace-nowrap text-slate-600" },
      cell: ({ row: { original: b } }) => <time dateTime={b.expires_at}>{formatDate(b.expires_at)}</time>,
    },
    {
      id: "actions",
      header: "Actions",
      meta: { card: "actions", srOnlyHeader: true, className: "text-right whitespace-nowrap" },
      cell: ({ row: { original: b } }) =>
        b.status === "completed" ? (
          <span className="inline-flex gap-1.5">
            <Button size="sm" variant="secondary" onClick={() => onRestore(b)} aria-label={`Restore the backup of ${formatDateTime(b.started_at)}`}>
              Restore…
            </Button>
            {canDownload ? (
              <a
                href={`/api/v1/tenants/${tenantId}/backups/${b.backup_id}/download`}
                download
                className={buttonClasses("ghost", "sm")}
                aria-label={`Download the backup of ${formatDateTime(b.started_at)}`}
              >
                Download
              </a>
            ) : null}
          </span>
        ) : null,
    },
  ];
}
