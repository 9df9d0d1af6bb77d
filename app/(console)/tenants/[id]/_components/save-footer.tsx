"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardFooter } from "@/components/ui/card";
import { useDiscardAllDrafts } from "./tenant-drafts";
import type { ActionFailure } from "./types";

/** The message for a failed save; a stale ETag gets its own explanation and a way to reload. */
export function SaveFailure({ failure }: { failure: ActionFailure | null }) {
  const router = useRouter();
  const discardDrafts = useDiscardAllDrafts();
  if (!failure) return null;
  if (failure.code === "precondition_failed") {
    return (
      <Alert
        tone="warning"
        title="This tenant was changed by someone else"
        className="mb-4"
        role="alert"
        actions={
          <Button
            size="sm"
            variant="secondary"
            onClick={() => {
              discardDrafts();
              router.refresh();
            }}
          >
            Reload latest
          </Button>
        }
      >
        Your changes were not saved, so nothing was overwritten. Reload to see the latest version, then make your changes again.
      </Alert>
    );
  }
  const fieldCount = Object.keys(failure.fieldErrors).length;
  return (
    <Alert tone="danger" title="Changes not saved" className="mb-4">
      {fieldCount && failure.code === "invalid_tenant_config" ? `Check the highlighted field${fieldCount === 1 ? "" : "s"}.` : failure.message}
    </Alert>
  );
}

export function SaveFooter({ dirty, pending, onDiscard, note, saveLabel = "Save changes" }: { dirty: boolean; pending: boolean; onDiscard: () => void; note?: string; saveLabel?: string }) {
  return (
    <CardFooter className="justify-between">
      <p className="text-xs text-slate-500">{note ?? (dirty ? "You have unsaved changes." : "All changes saved.")}</p>
      <div className="flex gap-2">
        <Button variant="secondary" disabled={!dirty || pending} onClick={onDiscard}>
          Discard
        </Button>
        <Button type="submit" disabled={!dirty} loading={pending}>
          {pending ? "Saving…" : saveLabel}
        </Button>
      </div>
    </CardFooter>
  );
}

export function ReadOnlyNote({ reason }: { reason: string }) {
  return <CardFooter className="justify-start text-xs text-slate-500">{reason}</CardFooter>;
}
