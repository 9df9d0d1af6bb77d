"use client";

import { useEffect, useRef, useState } from "react";
import { formatNumber } from "@/components/console/format";
import { Button, buttonClasses, Spinner } from "@/components/ui/button";
import { Menu } from "@/components/ui/menu";
import { dispositionFileName, exportRecordCounter } from "./export-record-counter";

export type ExportFormat = "csv" | "ndjson";

type State =
  | { phase: "idle" }
  | { phase: "running"; format: ExportFormat; rows: number; bytes: number }
  | { phase: "done"; fileName: string; rows: number; bytes: number }
  | { phase: "cancelled" }
  | { phase: "failed"; message: string };

const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

async function errorMessage(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `The export failed (${res.status})`;
}

/**
 * Downloads the current view as CSV or NDJSON: the answer is read as a stream,
 * counting rows and bytes as they arrive (the server streams from the
 * database, so a big export shows progress instead of a frozen button), then
 * saved under the server's file name. Cancel aborts the request.
 */
export function AuditExportButton({ href }: { href: (format: ExportFormat) => string }) {
  const [state, setState] = useState<State>({ phase: "idle" });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const run = async (format: ExportFormat) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: "running", format, rows: 0, bytes: 0 });
    try {
      const res = await fetch(href(format), { credentials: "same-origin", cache: "no-store", signal: controller.signal });
      if (!res.ok || !res.body) throw new Error(await errorMessage(res));
      const reader = res.body.getReader();
      const counter = exportRecordCounter(format);
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      let shown = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        counter.push(value);
        bytes += value.length;
        // Re-render at most every 64 KB: a million rows arrive in many small chunks.
        if (bytes - shown >= 65_536) {
          shown = bytes;
          setState({ phase: "running", format, rows: counter.records, bytes });
        }
      }
      const fileName = dispositionFileName(res.headers.get("content-disposition"), `audit-log.${format}`);
      const url = URL.createObjectURL(new Blob(chunks, { type: format === "csv" ? "text/csv" : "application/x-ndjson" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ phase: "done", fileName, rows: counter.records, bytes });
    } catch (err) {
      if (controller.signal.aborted) setState({ phase: "cancelled" });
      else setState({ phase: "failed", message: err instanceof Error && err.message !== "Failed to fetch" ? err.message : "Could not reach the server; check your connection and try again." });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  const running = state.phase === "running";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {running ? (
        <Button variant="secondary" onClick={() => abort.current?.abort()}>
          Cancel export
        </Button>
      ) : (
        <Menu
          label="Export format"
          triggerClassName={buttonClasses("secondary")}
          trigger={
            <>
              <svg viewBox="0 0 16 16" className="size-4 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
                <path d="M8 2.5v7.5m0 0 3-3m-3 3-3-3M3 11.5v1c0 .55.45 1 1 1h8c.55 0 1-.45 1-1v-1" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              Export
            </>
          }
          items={[
            { key: "csv", label: "CSV", description: "For spreadsheets", onSelect: () => void run("csv") },
            { key: "ndjson", label: "NDJSON", description: "One JSON event per line", onSelect: () => void run("ndjson") },
          ]}
        />
      )}
      <p role="status" data-testid="audit-export-status" className="text-[13px] text-slate-600 tabular-nums empty:hidden">
        {state.phase === "running" ? (
          <span className="inline-flex items-center gap-1.5">
            <Spinner className="size-3.5" /> Exporting {state.format.toUpperCase()}… {formatNumber(state.rows)} rows · {formatBytes(state.bytes)}
          </span>
        ) : state.phase === "done" ? (
          `Saved ${state.fileName}: ${formatNumber(state.rows)} rows, ${formatBytes(state.bytes)}`
        ) : state.phase === "cancelled" ? (
          "Export cancelled"
        ) : state.phase === "failed" ? (
          <span className="text-red-700">{state.message}</span>
        ) : null}
      </p>
    </div>
  );
}
