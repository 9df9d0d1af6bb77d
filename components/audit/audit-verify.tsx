"use client";

import { useState } from "react";
import { formatNumber } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { AuditVerifyResult } from "./audit-types";

type VerifyState = { phase: "idle" } | { phase: "running" } | { phase: "done"; result: AuditVerifyResult } | { phase: "failed"; message: string };

/** "Verify integrity": recomputes the hash chain on the server; the answer shows until dismissed. */
export function useAuditVerify(verify: () => Promise<AuditVerifyResult>) {
  const [state, setState] = useState<VerifyState>({ phase: "idle" });
  const run = async () => {
    setState({ phase: "running" });
    try {
      setState({ phase: "done", result: await verify() });
    } catch (err) {
      setState({ phase: "failed", message: err instanceof Error ? err.message : "Verification failed" });
    }
  };
  return { state, run, dismiss: () => setState({ phase: "idle" }) };
}

export function AuditVerifyButton({ state, run }: Pick<ReturnType<typeof useAuditVerify>, "state" | "run">) {
  return (
    <Button variant="secondary" loading={state.phase === "running"} onClick={() => void run()}>
      {state.phase === "running" ? null : (
        <svg viewBox="0 0 16 16" className="size-4 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
          <path d="M8 1.75 2.75 3.8v3.7c0 3.1 2.2 5.6 5.25 6.75 3.05-1.15 5.25-3.65 5.25-6.75V3.8L8 1.75Z" strokeLinejoin="round" />
          <path d="m5.75 8 1.5 1.5 3-3" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      )}
      Verify integrity
    </Button>
  );
}

/** The verification's answer: intact, or where the chain breaks (that event can be opened). */
export function AuditVerifyResultAlert({ state, dismiss, onOpenEvent, chainName }: Pick<ReturnType<typeof useAuditVerify>, "state" | "dismiss"> & { onOpenEvent: (id: string) => void; chainName: string }) {
  if (state.phase === "failed") {
    return (
      <Alert tone="danger" className="mb-4" title="Could not verify the audit log" actions={<Button size="sm" variant="ghost" onClick={dismiss}>Dismiss</Button>}>
        {state.message}
      </Alert>
    );
  }
  if (state.phase !== "done") return null;
  const r = state.result;
  const dismissButton = (
    <Button size="sm" variant="ghost" onClick={dismiss}>
      Dismiss
    </Button>
  );
  if (r.valid) {
    return (
      <div data-testid="audit-verify-result" data-valid="true">
        <Alert tone="success" className="mb-4" title="Integrity verified" actions={dismissButton}>
          Checked {formatNumber(r.checked)} events on {chainName}: none was changed, removed or inserted since it was recorded.
        </Alert>
      </div>
    );
  }
  return (
    <div data-testid="audit-verify-result" data-valid="false">
      <Alert
        tone="danger"
        role="alert"
        className="mb-4"
        title="The audit log has been tampered with"
        actions={
          <>
            {r.first_broken_event_id ? (
              <Button size="sm" variant="secondary" onClick={() => onOpenEvent(r.first_broken_event_id!)}>
                Open the first broken event
              </Button>
            ) : null}
            {dismissButton}
          </>
        }
      >
        {r.first_broken_event_id ? (
          <>
            The hash chain breaks at event <code className="font-mono">{r.first_broken_event_id}</code> ({formatNumber(r.checked)} events on {chainName} checked): that event, or the one before it, was changed or removed after it was recorded.
          </>
        ) : (
          <>Events are missing from the end of {chainName} ({formatNumber(r.checked)} checked): the newest recorded events were removed.</>
        )}
      </Alert>
    </div>
  );
}
