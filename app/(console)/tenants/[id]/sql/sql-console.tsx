"use client";

import { Kbd } from "@/components/ui/kbd";
import { useMutation, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useId, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { lineColumn } from "@/components/sql-console/error-position";
import { QueryHistoryPanel } from "@/components/sql-console/query-history-panel";
import { useQueryHistory } from "@/components/sql-console/query-history";
import { QueryResults } from "@/components/sql-console/query-results";
import { runTenantQuery, type QueryFailure } from "@/components/sql-console/run-query";
import { completionNamespace } from "@/components/sql-console/schema-completion";
import type { EditorLoad, EditorMark } from "@/components/sql-console/sql-editor";
import { fetchApi } from "@/lib/query/fetch-api";
import { queryKeys } from "@/lib/query/keys";

// CodeMirror measures the DOM: it loads in the browser only, behind a placeholder of the editor's size.
const SqlEditor = dynamic(() => import("@/components/sql-console/sql-editor"), {
  ssr: false,
  loading: () => <Skeleton className="h-40 w-full rounded-md" />,
});

type Limits = { defaultTimeoutMs: number; maxTimeoutMs: number; defaultRows: number; maxRows: number };
type Ran = { sql: string; timeoutMs: number };

/** Whole number in [1, max], or the message saying what is wrong. */
function checkWhole(raw: string, max: number, unit: string): string | null {
  if (!/^\d+$/.test(raw.trim())) return `Enter a whole number of ${unit}`;
  const n = Number(raw);
  if (n < 1) return "Must be at least 1";
  if (n > max) return `At most ${max.toLocaleString("en")}`;
  return null;
}

export function SqlConsole({ tenantId, canWrite, limits }: { tenantId: string; canWrite: boolean; limits: Limits }) {
  const ids = useId();
  const hintId = `${ids}-editor-hint`;
  const [text, setText] = useState("");
  const [readOnly, setReadOnly] = useState(true);
  const [timeoutMs, setTimeoutMs] = useState(String(limits.defaultTimeoutMs));
  const [limitRows, setLimitRows] = useState(String(limits.defaultRows));
  const [load, setLoad] = useState<EditorLoad | null>(null);
  const [failure, setFailure] = useState<(QueryFailure & Ran) | null>(null);
  const [emptyTried, setEmptyTried] = useState(false);
  const history = useQueryHistory(tenantId);
  const abort = useRef<AbortController | null>(null);

  // Table and column names for completion; without them (no schema yet, an error) keywords still complete.
  const schema = useQuery({
    queryKey: queryKeys.sqlConsole.completion(tenantId),
    queryFn: ({ signal }) => fetchApi<{ tables?: { name: string; columns?: { name: string; type?: string }[] }[] }>(`/api/v1/tenants/${encodeURIComponent(tenantId)}/schema`, { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const completion = useMemo(() => (schema.data ? completionNamespace(schema.data) : undefined), [schema.data]);

  const timeoutError = checkWhole(timeoutMs, limits.maxTimeoutMs, "milliseconds");
  const rowsError = checkWhole(limitRows, limits.maxRows, "rows");

  const run = useMutation({
    mutationFn: async (req: Ran & { readOnly: boolean; limitRows: number }) => {
      abort.current?.abort();
      abort.current = new AbortController();
      const outcome = await runTenantQuery(tenantId, { query: req.sql, read_only: req.readOnly, timeout_ms: req.timeoutMs, limit_rows: req.limitRows }, abort.current.signal);
      return { outcome, req };
    },
    onSuccess: ({ outcome, req }) => {
      setFailure(outcome.ok ? null : { ...outcome, sql: req.sql, timeoutMs: req.timeoutMs });
      history.add({
        sql: req.sql,
        ran_at: new Date().toISOString(),
        read_only: req.readOnly,
        outcome: outcome.ok ? { ok: true, row_count: outcome.data.row_count, execution_time_ms: outcome.data.execution_time_ms } : { ok: false, code: outcome.code },
      });
    },
  });
  const result = run.data?.outcome.ok ? run.data.outcome.data : null;

  const start = () => {
    if (!text.trim()) {
      setEmptyTried(true);
      return;
    }
    setEmptyTried(false);
    if (timeoutError || rowsError || run.isPending) return;
    run.mutate({ sql: text, timeoutMs: Number(timeoutMs), readOnly: canWrite ? readOnly : true, limitRows: Number(limitRows) });
  };

  // Only a new failure moves the mark; later edits let CodeMirror carry it along with the text.
  const mark: EditorMark | null = useMemo(() => (failure && failure.position !== null ? { from: failure.position, message: failure.message } : null), [failure]);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="min-w-0 space-y-6">
        <Card className="p-4 sm:p-5">
          <form
            aria-label="SQL statement"
            onSubmit={(e) => {
              e.preventDefault();
              start();
            }}
          >
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <span id={`${ids}-editor-label`} className="text-[13px] font-medium text-slate-700">
                Statement
              </span>
              <p id={hintId} data-testid="sql-editor-hint" className="text-xs text-slate-500">
                <Kbd>Ctrl</Kbd>/<Kbd>⌘</Kbd>+<Kbd>Enter</Kbd> runs. <Kbd>Tab</Kbd> indents; press <Kbd>Esc</Kbd> then <Kbd>Tab</Kbd> to leave the editor.
              </p>
            </div>
            <SqlEditor initialText="" load={load} onChange={setText} onRun={start} completion={completion} mark={mark} label="SQL statement" describedBy={hintId} />
            {emptyTried ? (
              <p role="alert" className="mt-1.5 text-xs text-red-600">
                Write a statement first.
              </p>
            ) : null}

            <div className="mt-4 flex flex-wrap items-end gap-4">
              <Field id={`${ids}-timeout`} label="Timeout (ms)" error={timeoutError ?? undefined} className="w-36">
                {(a) => <Input {...a} inputMode="numeric" value={timeoutMs} onChange={(e) => setTimeoutMs(e.target.value)} data-testid="sql-timeout" />}
              </Field>
              <Field id={`${ids}-rows`} label="Row limit" error={rowsError ?? undefined} className="w-36">
                {(a) => <Input {...a} inputMode="numeric" value={limitRows} onChange={(e) => setLimitRows(e.target.value)} data-testid="sql-limit-rows" />}
              </Field>
              {canWrite ? (
                <div className="flex items-center gap-2 pb-2">
                  <Switch id={`${ids}-ro`} checked={readOnly} onChange={setReadOnly} labelledBy={`${ids}-ro-label`} describedBy={`${ids}-ro-hint`} />
                  <span id={`${ids}-ro-label`} className="text-[13px] font-medium text-slate-700">
                    Read-only
                  </span>
                </div>
              ) : null}
              <div className="ml-auto flex items-center gap-2">
                {run.isPending ? (
                  <Button variant="ghost" onClick={() => abort.current?.abort()}>
                    Stop waiting
                  </Button>
                ) : null}
                <Button type="submit" loading={run.isPending} disabled={Boolean(timeoutError || rowsError)} data-testid="sql-run">
                  Run
                </Button>
              </div>
            </div>
            {canWrite ? (
              <p id={`${ids}-ro-hint`} className="mt-2 text-xs text-slate-500">
                {readOnly
                  ? "Read-only runs one SELECT, VALUES or EXPLAIN in a read-only transaction."
                  : "Writes run one INSERT, UPDATE or DELETE as the tenant’s owner role and change data at once; each is recorded in the audit log with its text."}
              </p>
            ) : null}
            {canWrite && !readOnly ? (
              <Alert tone="warning" className="mt-3">
                Read-only is off: the next statement may change the tenant&rsquo;s data.
              </Alert>
            ) : null}
          </form>
        </Card>

        <div aria-live="polite" className="sr-only" data-testid="sql-status">
          {run.isPending ? "Running…" : result ? `${result.row_count.toLocaleString("en")} rows in ${result.execution_time_ms} ms` : failure ? "The statement failed" : ""}
        </div>

        {failure ? <FailureNotice failure={failure} maxTimeoutMs={limits.maxTimeoutMs} /> : null}
        {run.error ? <Alert tone="danger">{(run.error as Error).name === "AbortError" ? "Stopped waiting for the answer; the server cancels the statement at its timeout." : "The request failed."}</Alert> : null}
        {result && !failure ? <QueryResults result={result} tenantId={tenantId} /> : null}
      </div>

      <QueryHistoryPanel entries={history.entries} onPick={(sql) => setLoad({ text: sql, seq: Date.now() })} onClear={history.clear} />
    </div>
  );
}

function FailureNotice({ failure, maxTimeoutMs }: { failure: QueryFailure & Ran; maxTimeoutMs: number }) {
  if (failure.code === "query_timeout")
    return (
      <Alert tone="danger" title="The statement ran out of time" className="break-words">
        <span data-testid="sql-error">
          It ran longer than its {failure.timeoutMs.toLocaleString("en")} ms timeout and PostgreSQL cancelled it; nothing it did was kept. Raise the timeout (at most {maxTimeoutMs.toLocaleString("en")} ms) or narrow the
          query.
        </span>
      </Alert>
    );
  const at = failure.position !== null ? lineColumn(failure.sql, failure.position) : null;
  return (
    <Alert tone="danger" title={failure.code === "query_rejected" ? "Statement rejected" : "The statement failed"} className="break-words">
      <span data-testid="sql-error">
        {failure.message}
        {at ? (
          <span data-testid="sql-error-position">
            {" "}
            (at line {at.line}, column {at.column}; marked in the editor)
          </span>
        ) : null}
      </span>
      {failure.reason || failure.sqlstate ? (
        <span className="mt-1 block font-mono text-xs opacity-80">{[failure.reason, failure.sqlstate ? `SQLSTATE ${failure.sqlstate}` : null].filter(Boolean).join(" · ")}</span>
      ) : null}
    </Alert>
  );
}
