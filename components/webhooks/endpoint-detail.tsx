"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition, type FormEvent } from "react";
import { formatDateTime } from "@/components/console/format";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { queryKeys } from "@/lib/query/keys";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import { DeliveryChart } from "./delivery-chart";
import { DeliveryLog } from "./delivery-log";
import { EndpointFormFields } from "./endpoint-form-fields";
import { DISABLED_REASON, EndpointStatusBadge, formatRate } from "./endpoint-status";
import { SigningSecret } from "./signing-secret";
import type { EndpointInput, EndpointStats, WebhookEndpointView, WebhookOps } from "./webhook-ops";
import { useReauthentication } from "@/components/auth/reauthenticate-dialog";

type Props = { endpointId: string; initial?: WebhookEndpointView; ops: WebhookOps; scopeKey: string; canManage: boolean; onBack: () => void; onNotice: (m: string) => void };

/** One endpoint: what it receives, how its deliveries go, and everything that can be done to it. */
export function EndpointDetail({ endpointId, initial, ops, scopeKey, canManage, onBack, onNotice }: Props) {
  // Stats ride along with the endpoint; a quiet refresh keeps the chart and the retry times current.
  const query = useQuery({ queryKey: queryKeys.webhooks.endpoint(scopeKey, endpointId), queryFn: () => unwrapAction(ops.get(endpointId)), refetchInterval: 15_000 });
  const endpoint = query.data?.endpoint ?? initial;
  const [deleting, setDeleting] = useState(false);
  const [rotating, setRotating] = useState(false);
  const toggle = useActionMutation(queryKeys.webhooks.scope(scopeKey));
  const test = useActionMutation(queryKeys.webhooks.endpoint(scopeKey, endpointId));

  return (
    <div className="space-y-6" data-testid="webhook-endpoint-detail">
      <button type="button" onClick={onBack} className="inline-flex items-center gap-1 rounded text-[13px] text-slate-500 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600">
        <span aria-hidden="true">←</span> All endpoints
      </button>
      {query.isError && !endpoint ? (
        <Alert tone="danger" title="Could not load the endpoint" actions={<Button size="sm" variant="secondary" onClick={() => query.refetch()}>Retry</Button>}>
          {query.error.message}
        </Alert>
      ) : null}
      {!endpoint ? (
        <Skeleton className="h-24 w-full" />
      ) : (
        <>
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-2">
                <h2 className="font-mono text-base font-semibold break-all text-slate-900">{endpoint.url}</h2>
                <EndpointStatusBadge endpoint={endpoint} />
              </div>
              {endpoint.description ? <p className="mt-1 text-sm text-slate-600">{endpoint.description}</p> : null}
            </div>
            {canManage ? (
              <div className="flex flex-wrap gap-2">
                <Button variant="secondary" loading={test.pending} onClick={() => test.run(() => ops.sendTest(endpointId), () => onNotice("Test event queued"))}>
                  Send test event
                </Button>
                {endpoint.enabled ? (
                  <Button variant="secondary" loading={toggle.pending} onClick={() => toggle.run(() => ops.update(endpointId, { enabled: false }), () => onNotice("Endpoint disabled"))}>
                    Disable
                  </Button>
                ) : null}
                <Button variant="secondary" onClick={() => setRotating(true)}>
                  Rotate secret
                </Button>
                <Button variant="danger-ghost" onClick={() => setDeleting(true)}>
                  Delete
                </Button>
              </div>
            ) : null}
          </div>
          {test.failure ? <Alert tone="danger">{test.failure.message}</Alert> : null}

          {!endpoint.enabled ? (
            <Alert
              tone={endpoint.disabled_reason && endpoint.disabled_reason !== "manual" ? "danger" : "warning"}
              title="Disabled: no events are sent"
              actions={
                canManage ? (
                  <Button size="sm" variant="secondary" loading={toggle.pending} onClick={() => toggle.run(() => ops.update(endpointId, { enabled: true }), () => onNotice("Endpoint re-enabled"))}>
                    Re-enable
                  </Button>
                ) : null
              }
            >
              {DISABLED_REASON[endpoint.disabled_reason ?? "manual"]}
              {endpoint.disabled_at ? ` Since ${formatDateTime(endpoint.disabled_at)}.` : null}
            </Alert>
          ) : null}
          {endpoint.secret_rotating_until ? (
            <Alert tone="info" title="Secret rotation in progress">
              Until {formatDateTime(endpoint.secret_rotating_until)} each message is signed with both the old and the new secret.
            </Alert>
          ) : null}
          {toggle.failure ? <Alert tone="danger">{toggle.failure.message}</Alert> : null}

          <StatsCard stats={query.data?.stats} error={query.isError ? query.error.message : null} />
          <DeliveryLog endpointId={endpointId} ops={ops} scopeKey={scopeKey} canManage={canManage} onNotice={onNotice} />
          {canManage ? <RecoverCard endpointId={endpointId} ops={ops} scopeKey={scopeKey} onNotice={onNotice} /> : null}
          {canManage ? <SettingsCard endpoint={endpoint} ops={ops} scopeKey={scopeKey} onNotice={onNotice} /> : null}

          <DeleteDialog open={deleting} endpoint={endpoint} ops={ops} scopeKey={scopeKey} onClose={() => setDeleting(false)} onDeleted={() => { setDeleting(false); onNotice("Endpoint deleted"); onBack(); }} />
          <RotateDialog open={rotating} endpointId={endpointId} ops={ops} scopeKey={scopeKey} onClose={() => setRotating(false)} />
        </>
      )}
    </div>
  );
}

function StatsCard({ stats, error }: { stats: EndpointStats | undefined; error: string | null }) {
  return (
    <Card>
      <CardHeader title="Last 24 hours" description="Delivery attempts per hour, delivered and failed." />
      <CardBody className="grid gap-6 md:grid-cols-[10rem_1fr]">
        <div>
          <p className="text-xs text-slate-500">Success rate</p>
          <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid="webhook-success-rate">
            {stats ? formatRate(stats.success_rate) : "…"}
          </p>
          {stats ? (
            <p className="mt-1 text-xs text-slate-600 tabular-nums">
              {stats.delivered} delivered · {stats.failed} failed
              {stats.pending ? ` · ${stats.pending} waiting` : ""}
              {stats.dead_lettered ? ` · ${stats.dead_lettered} given up` : ""}
            </p>
          ) : null}
        </div>
        {stats ? <DeliveryChart stats={stats} /> : error ? <Alert tone="danger">{error}</Alert> : <Skeleton className="h-48 w-full" />}
      </CardBody>
    </Card>
  );
}

/** datetime-local works in the browser's zone; the server wants an instant. */
const localInputValue = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

function RecoverCard({ endpointId, ops, scopeKey, onNotice }: { endpointId: string; ops: WebhookOps; scopeKey: string; onNotice: (m: string) => void }) {
  const [since, setSince] = useState(() => localInputValue(Date.now() - 24 * 3600_000));
  const recover = useActionMutation(queryKeys.webhooks.endpoint(scopeKey, endpointId));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const at = new Date(since);
    if (Number.isNaN(at.getTime())) {
      recover.setFailure({ code: "invalid_request", message: "Choose a date and time", fieldErrors: { since: "Choose a date and time" } });
      return;
    }
    recover.run(() => ops.recover(endpointId, at.toISOString()), (r) => onNotice(r.requeued === 1 ? "1 failed message queued again" : `${r.requeued} failed messages queued again`));
  };
  return (
    <Card>
      <CardHeader title="Replay failed messages" description="After an outage on your side: send again every message that failed or was given up on since a moment you choose." />
      <form onSubmit={onSubmit} noValidate>
        <CardBody className="flex flex-wrap items-end gap-3">
          <Field id={`recover-since-${endpointId}`} label="Failed since (your local time)" error={recover.failure?.fieldErrors.since ?? (recover.failure && !Object.keys(recover.failure.fieldErrors).length ? recover.failure.message : undefined)} className="w-full sm:w-64">
            {(a) => <Input {...a} type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />}
          </Field>
          <Button type="submit" variant="secondary" loading={recover.pending}>
            Replay all failed
          </Button>
        </CardBody>
      </form>
    </Card>
  );
}

type Settings = Omit<EndpointInput, "enabled">;

function SettingsCard({ endpoint, ops, scopeKey, onNotice }: { endpoint: WebhookEndpointView; ops: WebhookOps; scopeKey: string; onNotice: (m: string) => void }) {
  const fromEndpoint = (e: WebhookEndpointView): Settings => ({ url: e.url, description: e.description ?? "", event_types: e.event_types });
  const [value, setValue] = useState<Settings>(() => fromEndpoint(endpoint));
  const save = useActionMutation(queryKeys.webhooks.scope(scopeKey));
  const dirty = JSON.stringify(value) !== JSON.stringify(fromEndpoint(endpoint));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.run(() => ops.update(endpoint.id, value), (saved) => {
      setValue(fromEndpoint(saved));
      onNotice("Endpoint saved");
    });
  };
  return (
    <Card>
      <CardHeader title="Settings" description="Where messages go and which events this endpoint receives." />
      <form onSubmit={onSubmit} noValidate>
        <CardBody>
          {save.failure && !Object.keys(save.failure.fieldErrors).length ? (
            <Alert tone="danger" className="mb-4">
              {save.failure.message}
            </Alert>
          ) : null}
          <EndpointFormFields idPrefix={`endpoint-${endpoint.id}`} value={value} onChange={setValue} errors={save.failure?.fieldErrors ?? {}} ops={ops} />
        </CardBody>
        <CardFooter>
          <Button type="button" variant="secondary" disabled={!dirty || save.pending} onClick={() => { setValue(fromEndpoint(endpoint)); save.setFailure(null); }}>
            Discard
          </Button>
          <Button type="submit" disabled={!dirty} loading={save.pending}>
            Save changes
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function DeleteDialog({ open, endpoint, ops, scopeKey, onClose, onDeleted }: { open: boolean; endpoint: WebhookEndpointView; ops: WebhookOps; scopeKey: string; onClose: () => void; onDeleted: () => void }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      open={open}
      onClose={() => {
        setError(null);
        onClose();
      }}
      title="Delete endpoint?"
      description={
        <>
          <span className="font-mono break-all text-slate-900">{endpoint.url}</span> will receive nothing more; messages waiting for it are dropped and its delivery log is deleted. This cannot be undone.
        </>
      }
      confirmLabel="Delete endpoint"
      pending={pending}
      error={error}
      onConfirm={() =>
        startTransition(async () => {
          const r = await ops.remove(endpoint.id);
          if (!r.ok) {
            setError(r.message);
            return;
          }
          queryClient.removeQueries({ queryKey: queryKeys.webhooks.endpoint(scopeKey, endpoint.id) });
          await queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.list(scopeKey) });
          onDeleted();
        })
      }
    />
  );
}

function RotateDialog({ open, endpointId, ops, scopeKey, onClose }: { open: boolean; endpointId: string; ops: WebhookOps; scopeKey: string; onClose: () => void }) {
  const withReauthentication = useReauthentication();
  const rotate = useActionMutation(queryKeys.webhooks.endpoint(scopeKey, endpointId));
  const [result, setResult] = useState<{ endpoint: WebhookEndpointView; secret: string } | null>(null);
  const close = () => {
    setResult(null);
    rotate.setFailure(null);
    onClose();
  };
  if (result) {
    return (
      <Dialog open={open} onClose={close} title="Copy the new signing secret" className="sm:max-w-lg" footer={<Button key="done" onClick={close}>Done</Button>}>
        <SigningSecret secret={result.secret}>
          <p className="text-[13px] text-slate-600">
            The old secret stays valid until <strong className="font-medium text-slate-900">{formatDateTime(result.endpoint.secret_rotating_until)}</strong>; until then every message carries both signatures. Update your receiver before then.
          </p>
        </SigningSecret>
      </Dialog>
    );
  }
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Rotate signing secret?"
      className="sm:max-w-lg"
      description="A new secret is made and shown once. For 24 hours the old one stays valid too: each message is signed with both, so your receiver keeps verifying while you deploy the new secret."
      footer={
        <DialogActions onCancel={close} pending={rotate.pending}>
          <Button loading={rotate.pending} onClick={() => rotate.run(() => withReauthentication(() => ops.rotateSecret(endpointId)), setResult)}>
            Rotate secret
          </Button>
        </DialogActions>
      }
    >
      {rotate.failure ? <Alert tone="danger">{rotate.failure.message}</Alert> : null}
    </Dialog>
  );
}
