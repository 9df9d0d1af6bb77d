"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { queryKeys } from "@/lib/query/keys";
import { EndpointFormFields } from "./endpoint-form-fields";
import { SigningSecret } from "./signing-secret";
import type { EndpointInput, WebhookEndpointView, WebhookOps } from "./webhook-ops";

const EMPTY: EndpointInput = { url: "", description: "", event_types: ["*"], enabled: true };

/** Adds an endpoint, then shows its signing secret once; "Done" opens the new endpoint. */
export function AddEndpointDialog({ open, onClose, onOpenEndpoint, ops, scopeKey }: { open: boolean; onClose: () => void; onOpenEndpoint: (id: string) => void; ops: WebhookOps; scopeKey: string }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [value, setValue] = useState<EndpointInput>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ endpoint: WebhookEndpointView; secret: string } | null>(null);

  const reset = () => {
    setValue(EMPTY);
    setErrors({});
    setMessage(null);
    setCreated(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await ops.create(value);
      if (!r.ok) {
        setErrors(r.fieldErrors);
        setMessage(Object.keys(r.fieldErrors).length ? null : r.message);
        return;
      }
      setErrors({});
      setMessage(null);
      setCreated(r.data);
      await queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.list(scopeKey) });
    });
  };

  if (created) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title="Copy the signing secret"
        className="sm:max-w-lg"
        description={
          <>
            The endpoint <span className="font-mono break-all text-slate-900">{created.endpoint.url}</span> was added.
          </>
        }
        footer={
          // Keyed, so React does not morph the form's Cancel button into this one (a visible colour fade).
          <Button
            key="done"
            onClick={() => {
              const id = created.endpoint.id;
              close();
              onOpenEndpoint(id);
            }}
          >
            Done
          </Button>
        }
      >
        <SigningSecret secret={created.secret} />
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Add endpoint"
      className="sm:max-w-2xl"
      description="Atrium sends each chosen event as a signed POST to this URL, and retries for about a day and a half if it does not answer 2xx."
      footer={
        <DialogActions onCancel={close} pending={pending}>
          <Button type="submit" form="add-endpoint-form" loading={pending}>
            Add endpoint
          </Button>
        </DialogActions>
      }
    >
      <form id="add-endpoint-form" onSubmit={onSubmit} noValidate className="space-y-4">
        {message ? <Alert tone="danger">{message}</Alert> : null}
        <EndpointFormFields idPrefix="new-endpoint" value={value} onChange={setValue} errors={errors} ops={ops} />
      </form>
    </Dialog>
  );
}
