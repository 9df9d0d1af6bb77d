"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "@/components/console/format";
import { ProgressBar } from "@/components/exports/progress-bar";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fetchApi, postApi } from "@/lib/query/fetch-api";
import type { ExportJob } from "@/lib/schemas/tenant-exports";

const exportKey = (tenantId: string, jobId: string) => ["tenant-export", tenantId, jobId] as const;
const running = (job: ExportJob | undefined) => job?.status === "queued" || job?.status === "running";

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

/**
 * "Export data" on the tenant page: starts an export (POST …/export), follows
 * its progress and then offers the archive through its signed link. The link
 * of the latest finished export (data_export_url) is offered at once.
 */
export function ExportDataButton({ tenantId, tenantName, latestUrl, canDownload }: { tenantId: string; tenantName: string; latestUrl: string | null; canDownload: boolean }) {
  const [open, setOpen] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const job = useQuery({
    queryKey: exportKey(tenantId, jobId ?? "none"),
    queryFn: ({ signal }) => fetchApi<{ job: ExportJob }>(`/api/v1/tenants/${tenantId}/export/${jobId}`, { signal }).then((d) => d.job),
    enabled: jobId !== null,
    refetchInterval: (q) => (running(q.state.data) || !q.state.data ? 1000 : false),
  });

  const start = async () => {
    setStarting(true);
    setError(null);
    const r = await postApi<{ job_id: string; job: ExportJob }>(`/api/v1/tenants/${tenantId}/export`, {});
    setStarting(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setJobId(r.data.job_id);
  };

  const current = job.data;
  const busy = starting || running(current) || (jobId !== null && !current);

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Export data
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Export ${tenantName}`}
        description="A portable archive of the tenant: its members, roles, invitations, domains and branding as NDJSON, every table of its schema as CSV, and a manifest with each file's SHA-256. API keys and secrets are never included."
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Close
            </Button>
            <Button onClick={start} loading={busy} disabled={busy}>
              {current?.status === "completed" || current?.status === "failed" ? "Export again" : "Start export"}
            </Button>
          </>
        }
      >
        <div className="space-y-4 text-sm">
          {error ? <Alert tone="danger">{error}</Alert> : null}
          {current ? (
            <section aria-label="This export" className="space-y-3">
              {running(current) ? <ProgressBar label="Export progress" percentage={current.progress.percentage} caption={current.progress.current_step.replaceAll("_", " ")} /> : null}
              {current.status === "failed" ? <Alert tone="danger" title="The export failed">{current.error}</Alert> : null}
              {current.status === "completed" && current.result ? (
                <Alert tone="success" title="Export ready">
                  {current.result.rows.toLocaleString("en-US")} rows in {current.result.tables.length} tables, {formatBytes(current.result.bytes)}.
                </Alert>
              ) : null}
              {current.status === "completed" ? <DownloadLink url={current.download_url} expiresAt={current.download_expires_at} canDownload={canDownload} /> : null}
              {/* The finished and failed states announce themselves (their alerts are live regions); the progress is announced here. */}
              <p className="sr-only" role="status">
                {running(current) ? `Export ${current.progress.percentage}% done` : ""}
              </p>
            </section>
          ) : latestUrl ? (
            <section aria-label="Latest export" className="space-y-2">
              <p className="text-slate-600">The latest finished export can be downloaded now, or start a new one.</p>
              <DownloadLink url={latestUrl} expiresAt={null} canDownload={canDownload} />
            </section>
          ) : (
            <p className="text-slate-600">No export of this tenant yet.</p>
          )}
        </div>
      </Dialog>
    </>
  );
}

function DownloadLink({ url, expiresAt, canDownload }: { url: string | null; expiresAt: string | null; canDownload: boolean }) {
  if (!canDownload || !url) return <p className="text-slate-600">Your role can start exports but not download them (backups:download).</p>;
  // Same-origin path: the signed link works from this console whatever host the server names itself.
  const u = new URL(url);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <a href={`${u.pathname}${u.search}`} download className={buttonClasses("primary")}>
        Download archive
      </a>
      <span className="text-xs text-slate-500">{expiresAt ? `Link valid until ${formatDateTime(expiresAt)}` : "Signed link, valid for a few minutes"}</span>
    </div>
  );
}
