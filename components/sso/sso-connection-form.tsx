"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { GroupRoleMapping, type GroupRow, type RoleOption } from "@/components/sso/group-role-mapping";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { HydratedForm } from "@/components/ui/hydrated-form";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Toast, useToast } from "@/components/ui/toast";
import { deleteSsoConnectionAction, getSsoConnectionAction, saveSsoConnectionAction, testSsoConnectionAction, type SsoState } from "@/lib/actions/sso-actions";
import type { SsoTestResult } from "@/lib/schemas/sso";
import { useActionMutation } from "@/lib/query/use-action-mutation";

type Draft = {
  display_name: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  scopes: string;
  email_claim: string;
  name_claim: string;
  groups_claim: string;
  groups: GroupRow[];
  default_role: string;
  jit_enabled: boolean;
  enabled: boolean;
};

function draftOf(state: SsoState): Draft {
  const c = state.connection;
  return {
    display_name: c?.display_name ?? "",
    issuer: c?.issuer ?? "",
    client_id: c?.client_id ?? "",
    client_secret: "",
    scopes: (c?.scopes ?? ["openid", "email", "profile"]).join(" "),
    email_claim: c?.email_claim ?? "email",
    name_claim: c?.name_claim ?? "name",
    groups_claim: c?.groups_claim ?? "",
    groups: Object.entries(c?.group_role_map ?? {}).map(([group, role]) => ({ group, role })),
    default_role: c?.default_role ?? "member",
    jit_enabled: c?.jit_enabled ?? true,
    enabled: c?.enabled ?? false,
  };
}

const bodyOf = (d: Draft) => ({
  display_name: d.display_name,
  issuer: d.issuer,
  client_id: d.client_id,
  ...(d.client_secret ? { client_secret: d.client_secret } : {}),
  scopes: d.scopes.split(/\s+/).filter(Boolean),
  email_claim: d.email_claim,
  name_claim: d.name_claim,
  groups_claim: d.groups_claim.trim() || null,
  group_role_map: Object.fromEntries(d.groups.filter((g) => g.group.trim()).map((g) => [g.group.trim(), g.role])),
  default_role: d.default_role,
  jit_enabled: d.jit_enabled,
  enabled: d.enabled,
});

/**
 * A tenant's OpenID Connect identity provider, on the portal's Single sign-on
 * page and the console's tenant tab (the same server actions behind both).
 * The client secret is write-only: the form shows whether one is set, and an
 * empty field keeps it.
 */
export function SsoConnectionForm({ tenantId, initial, roles }: { tenantId: string; initial: SsoState; roles: RoleOption[] }) {
  const queryKey = ["sso-connection", tenantId];
  const { data } = useQuery({
    queryKey,
    initialData: initial,
    queryFn: async () => {
      const r = await getSsoConnectionAction(tenantId);
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
  });
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [test, setTest] = useState<SsoTestResult | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [toast, setToast] = useToast();
  const save = useActionMutation(queryKey);
  const tester = useActionMutation(["sso-connection-test", tenantId]);
  const remover = useActionMutation(queryKey);
  const errors = save.failure?.fieldErrors ?? {};
  const assignable = roles.filter((r) => r.id !== "owner");
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.run(
      () => saveSsoConnectionAction(tenantId, bodyOf(draft)),
      (saved) => {
        setDraft(draftOf(saved));
        setToast("Single sign-on saved");
      },
    );
  };

  const groupError = Object.entries(errors).find(([k]) => k.startsWith("group_role_map"))?.[1];
  return (
    <Card>
      <CardHeader
        title="Single sign-on (OpenID Connect)"
        description="Members sign in on this organisation's own address with “Continue with …”. New people from your verified email domains join automatically when just-in-time membership is on."
      />
      <HydratedForm onSubmit={onSubmit} noValidate aria-label="Single sign-on settings">
        <CardBody className="space-y-5">
          {save.failure && Object.keys(errors).length === 0 ? <Alert tone="danger">{save.failure.message}</Alert> : null}
          <div className="flex flex-wrap items-center gap-3">
            <Switch id="sso-enabled" checked={draft.enabled} onChange={(enabled) => set({ enabled })} labelledBy="sso-enabled-label" />
            <span id="sso-enabled-label" className="text-sm font-medium text-slate-800">
              {draft.enabled ? "Enabled: members see “Continue with " + (draft.display_name || "your provider") + "”" : "Disabled"}
            </span>
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <Field id="sso-display-name" label="Button label" hint="Shown as “Continue with …”, e.g. Okta" error={errors.display_name}>
              {(a) => <Input {...a} value={draft.display_name} onChange={(e) => set({ display_name: e.target.value })} maxLength={60} />}
            </Field>
            <Field id="sso-issuer" label="Issuer URL" hint="Exactly as your provider's discovery document states it" error={errors.issuer}>
              {(a) => <Input {...a} value={draft.issuer} onChange={(e) => set({ issuer: e.target.value })} placeholder="https://login.example.com" inputMode="url" />}
            </Field>
            <Field id="sso-client-id" label="Client ID" error={errors.client_id}>
              {(a) => <Input {...a} value={draft.client_id} onChange={(e) => set({ client_id: e.target.value })} autoComplete="off" />}
            </Field>
            <Field id="sso-client-secret" label="Client secret" hint={data.connection ? "•••• set. Leave empty to keep it." : "Stored encrypted; never shown again."} error={errors.client_secret}>
              {(a) => <Input {...a} type="password" value={draft.client_secret} onChange={(e) => set({ client_secret: e.target.value })} autoComplete="new-password" placeholder={data.connection ? "•••• set" : ""} />}
            </Field>
          </div>
          <div>
            <p className="mb-1.5 text-[13px] font-medium text-slate-700" id="sso-redirect-label">
              Redirect URI to register at your provider
            </p>
            <div className="flex flex-wrap items-center gap-2">
              <code aria-labelledby="sso-redirect-label" className="min-w-0 rounded bg-slate-100 px-2 py-1 text-xs break-all text-slate-800">
                {data.redirect_uri}
              </code>
              <CopyButton value={data.redirect_uri} label="Copy" />
            </div>
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <Field id="sso-scopes" label="Scopes" hint="Space-separated; openid is always included" error={errors.scopes}>
              {(a) => <Input {...a} value={draft.scopes} onChange={(e) => set({ scopes: e.target.value })} />}
            </Field>
            <Field id="sso-email-claim" label="Email claim" hint="Must come with email_verified true" error={errors.email_claim}>
              {(a) => <Input {...a} value={draft.email_claim} onChange={(e) => set({ email_claim: e.target.value })} />}
            </Field>
            <Field id="sso-name-claim" label="Name claim" error={errors.name_claim}>
              {(a) => <Input {...a} value={draft.name_claim} onChange={(e) => set({ name_claim: e.target.value })} />}
            </Field>
            <Field id="sso-groups-claim" label="Groups claim" optional error={errors.groups_claim}>
              {(a) => <Input {...a} value={draft.groups_claim} onChange={(e) => set({ groups_claim: e.target.value })} placeholder="groups" />}
            </Field>
          </div>
          <GroupRoleMapping rows={draft.groups} roles={assignable} onChange={(groups) => set({ groups })} error={groupError} />
          <div className="grid gap-4 md:grid-cols-2">
            <Field id="sso-default-role" label="Default role" hint="For new members no group maps; never owner" error={errors.default_role}>
              {(a) => (
                <Select {...a} value={draft.default_role} onChange={(e) => set({ default_role: e.target.value })}>
                  {assignable.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <div className="flex items-center gap-3 md:pt-6">
              <Switch id="sso-jit" checked={draft.jit_enabled} onChange={(jit_enabled) => set({ jit_enabled })} labelledBy="sso-jit-label" />
              <span id="sso-jit-label" className="text-sm text-slate-800">
                Just-in-time membership for verified email domains
              </span>
            </div>
          </div>
          {test ? (
            <Alert tone={test.ok ? "success" : "danger"} title={test.ok ? "The provider answered as configured" : "The provider cannot be used as configured"}>
              {test.ok ? `Issuer ${test.issuer} matches; PKCE (S256) ${test.supports_pkce_s256 === false ? "not offered" : "offered"}.` : test.error}
            </Alert>
          ) : null}
          {tester.failure ? <Alert tone="danger">{tester.failure.message}</Alert> : null}
        </CardBody>
        <CardFooter className="flex flex-wrap items-center justify-end gap-2">
          {data.connection ? (
            <Button variant="danger-ghost" onClick={() => setConfirmRemove(true)} className="mr-auto">
              Remove
            </Button>
          ) : null}
          <Button variant="secondary" loading={tester.pending} onClick={() => tester.run(() => testSsoConnectionAction(tenantId, draft.issuer ? { issuer: draft.issuer } : {}), setTest)}>
            Test connection
          </Button>
          <Button type="submit" loading={save.pending}>
            Save
          </Button>
        </CardFooter>
      </HydratedForm>
      <ConfirmDialog
        open={confirmRemove}
        onClose={() => setConfirmRemove(false)}
        title="Remove single sign-on?"
        description="Members can no longer continue with this provider; their accounts and memberships stay. The client secret is deleted."
        confirmLabel="Remove"
        pending={remover.pending}
        error={remover.failure?.message}
        onConfirm={() =>
          remover.run(
            () => deleteSsoConnectionAction(tenantId),
            () => {
              setConfirmRemove(false);
              setDraft(draftOf({ connection: null, redirect_uri: data.redirect_uri }));
              setToast("Single sign-on removed");
            },
          )
        }
      />
      <Toast message={toast} />
    </Card>
  );
}
