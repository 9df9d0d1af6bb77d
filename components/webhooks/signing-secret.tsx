"use client";

import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";

/** A signing secret shown the one time Atrium can show it (creation, rotation), with a copy button. */
export function SigningSecret({ secret, children }: { secret: string; children?: ReactNode }) {
  return (
    <div className="space-y-3">
      <Alert tone="warning">
        Copy the secret now and store it where your receiver reads its configuration. It is shown only this once; if it is lost, rotate the secret to get a new one.
      </Alert>
      {children}
      <div className="flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 p-2">
        <code data-testid="webhook-secret" className="min-w-0 flex-1 px-1 font-mono text-[13px] break-all text-slate-900 select-all">
          {secret}
        </code>
        <CopyButton value={secret} label="Copy secret" />
      </div>
      <p className="text-xs text-slate-600">
        Verify each request&apos;s <code className="font-mono">webhook-signature</code> header with this secret (Standard Webhooks; libraries exist for most languages), and drop messages whose{" "}
        <code className="font-mono">webhook-timestamp</code> is more than five minutes old.
      </p>
    </div>
  );
}
