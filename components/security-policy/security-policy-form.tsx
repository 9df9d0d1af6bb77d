"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { EmailDomainsCard } from "@/components/security-policy/email-domains-card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Choice } from "@/components/ui/choice";
import { cn } from "@/components/ui/cn";
import { HydratedFieldset } from "@/components/ui/hydrated-form";
import { Field, Input, controlClasses } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { Toast, useToast } from "@/components/ui/toast";
import { loadSecurityPanelAction, updateSecurityPolicyAction } from "@/lib/actions/security-policy-actions";
import { queryKeys } from "@/lib/query/keys";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import type { SecurityPanelData } from "@/lib/security-policy/load-security-panel";
import type { ImpersonationMode, PolicySignInMethod, TenantSecurityPolicy } from "@/lib/security-policy/types";

type Props = {
  tenantId: string;
  /** Read on the server, so the first screen has the policy without a spinner. */
  initial: SecurityPanelData;
  canManage: boolean;
  /** Platform staff editing from the console: the lock-out guard does not apply to them, so the form warns instead. */
  asStaff?: boolean;
  onNotice?: (message: string) => void;
};

/** The form's own text for each field: numbers and lists are edited as text and parsed by the server, which names each bad entry. */
type Draft = {
  require_2fa: boolean;
  allowed_sign_in_methods: PolicySignInMethod[];
  idle_timeout_minutes: string;
  absolute_lifetime_hours: string;
  max_sessions_per_member: string;
  reauth_for_sensitive_actions: boolean;
  allowed_invitation_domains: string;
  ip_allowlist: string;
  impersonation: ImpersonationMode;
  impersonation_preapproved_plans: string[];
};

const METHODS: { key: PolicySignInMethod; label: string; hint: string }[] = [
  { key: "password", label: "Password", hint: "Email and password (owners keep it as a break-glass login when SSO is required)" },
  { key: "passkey", label: "Passkey", hint: "Passwordless sign-in with a passkey registered on this portal" },
  { key: "sso", label: "Single sign-on", hint: "Your identity provider, once configured" },
];

const IMPERSONATION: { key: ImpersonationMode; label: string; hint: string }[] = [
  { key: "require_approval", label: "Ask an owner each time", hint: "Support staff request access with a reason; an owner approves or denies" },
  { key: "forbid", label: "Never", hint: "Support staff cannot enter this portal" },
  { key: "preapproved", label: "Pre-approved for plans", hint: "Requests are approved at once while the tenant is on one of the chosen plans" },
];

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean);
const numberOrNull = (text: string): number | null | string => (text.trim() === "" ? null : /^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());

const toDraft = (p: TenantSecurityPolicy): Draft => ({
  require_2fa: p.require_2fa,
  allowed_sign_in_methods: p.allowed_sign_in_methods,
  idle_timeout_minutes: p.idle_timeout_minutes?.toString() ?? "",
  absolute_lifetime_hours: p.absolute_lifetime_hours?.toString() ?? "",
  max_sessions_per_member: p.max_sessions_per_member?.toString() ?? "",
  reauth_for_sensitive_actions: p.reauth_for_sensitive_actions,
  allowed_invitation_domains: p.allowed_invitation_domains.join("\n"),
  ip_allowlist: p.ip_allowlist.join("\n"),
  impersonation: p.impersonation,
  impersonation_preapproved_plans: p.impersonation_preapproved_plans,
});

/** What the PUT gets: the server validates every field (a number typed as "abc" comes back named, not silently dropped). */
const toBody = (d: Draft) => ({
  require_2fa: d.require_2fa,
  allowed_sign_in_methods: d.allowed_sign_in_methods,
  idle_timeout_minutes: numberOrNull(d.idle_timeout_minutes),
  absolute_lifetime_hours: numberOrNull(d.absolute_lifetime_hours),
  max_sessions_per_member: numberOrNull(d.max_sessions_per_member),
  reauth_for_sensitive_actions: d.reauth_for_sensitive_actions,
  allowed_invitation_domains: lines(d.allowed_invitation_domains),
  ip_allowlist: lines(d.ip_allowlist),
  impersonation: d.impersonation,
  impersonation_preapproved_plans: d.impersonation === "preapproved" ? d.impersonation_preapproved_plans : [],
});

/** A list field's errors ("ip_allowlist.2") as "Line 3: …" under its textarea. */
function listErrors(fieldErrors: Record<string, string>, field: string): string | undefined {
  const messages = Object.entries(fieldErrors)
    .filter(([path]) => path === field || path.startsWith(`${field}.`))
    .map(([path, message]) => (path === field ? message : `Line ${Number(path.slice(field.length + 1)) + 1}: ${message}`));
  return messages.length ? messages.join(" ") : undefined;
}

/**
 * A tenant's security policy (issue 13 §4) and its email domains: the portal's
 * Security page and the console's Security tab. Every change is checked and
 * audited by the service; the form only shapes the input.
 */
export function SecurityPolicyForm({ tenantId, initial, canManage, asStaff = false, onNotice }: Props) {
  const [toast, setToast] = useToast();
  const notice = onNotice ?? setToast;
  const query = useQuery({ queryKey: queryKeys.security.tenant(tenantId), queryFn: () => unwrapAction(loadSecurityPanelAction(tenantId)), initialData: initial });
  const data = query.data;
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial.policy));
  const [savedFrom, setSavedFrom] = useState(initial.policy);
  const save = useActionMutation(queryKeys.security.tenant(tenantId));
  const errors = save.failure?.fieldErrors ?? {};
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const dirty = JSON.stringify(toBody(draft)) !== JSON.stringify(toBody(toDraft(savedFrom)));
  const allowlist = lines(draft.ip_allowlist);

  return (
    <div className="space-y-6">
      {!canManage ? <Alert tone="info">You can see this policy but not change it: that needs the Manage security permission.</Alert> : null}
      <form
        aria-label="Security policy"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.run(
            () => updateSecurityPolicyAction(tenantId, toBody(draft)),
            (view) => {
              setSavedFrom(view.policy);
              setDraft(toDraft(view.policy));
              notice("Security policy saved");
            },
          );
        }}
      >
        <HydratedFieldset disabled={!canManage || save.pending} className="space-y-6">
          <Card>
            <CardHeader id="sign-in-heading" title="Sign-in" description="How members of this tenant prove who they are." />
            <CardBody className="space-y-4">
              <div className="flex items-start justify-between gap-4">
                <div>
                  <p id="require-2fa-label" className="text-[13px] font-medium text-slate-800">
                    Require two-factor authentication
                  </p>
                  <p id="require-2fa-hint" className="text-xs text-slate-500">
                    Members without an authenticator app or passkey are sent to set one up before anything else.
                  </p>
                </div>
                <Switch checked={draft.require_2fa} onChange={(v) => set("require_2fa", v)} labelledBy="require-2fa-label" describedBy="require-2fa-hint" disabled={!canManage} />
              </div>
              <fieldset>
                <legend className="mb-1 text-[13px] font-medium text-slate-700">Allowed sign-in methods</legend>
                {METHODS.map((m) => (
                  <Choice
                    key={m.key}
                    name="allowed_sign_in_methods"
                    label={m.label}
                    hint={m.hint}
                    checked={draft.allowed_sign_in_methods.includes(m.key)}
                    onChange={(e) => set("allowed_sign_in_methods", e.target.checked ? [...draft.allowed_sign_in_methods, m.key] : draft.allowed_sign_in_methods.filter((x) => x !== m.key))}
                  />
                ))}
                {listErrors(errors, "allowed_sign_in_methods") ? (
                  <p role="alert" className="mt-1 text-xs text-red-700">
                    {listErrors(errors, "allowed_sign_in_methods")}
                  </p>
                ) : null}
              </fieldset>
            </CardBody>
          </Card>

          <Card>
            <CardHeader title="Sessions" description="Leave a limit empty for none." />
            <CardBody className="grid gap-4 sm:grid-cols-3">
              <Field id="idle-timeout" label="Idle timeout (minutes)" hint="5 to 43,200" error={errors.idle_timeout_minutes}>
                {(a11y) => <Input {...a11y} name="idle_timeout_minutes" inputMode="numeric" value={draft.idle_timeout_minutes} onChange={(e) => set("idle_timeout_minutes", e.target.value)} />}
              </Field>
              <Field id="absolute-lifetime" label="Session lifetime (hours)" hint="1 to 8,760; sessions never outlast 12 hours" error={errors.absolute_lifetime_hours}>
                {(a11y) => <Input {...a11y} name="absolute_lifetime_hours" inputMode="numeric" value={draft.absolute_lifetime_hours} onChange={(e) => set("absolute_lifetime_hours", e.target.value)} />}
              </Field>
              <Field id="max-sessions" label="Sessions per member" hint="1 to 100; the oldest ends" error={errors.max_sessions_per_member}>
                {(a11y) => <Input {...a11y} name="max_sessions_per_member" inputMode="numeric" value={draft.max_sessions_per_member} onChange={(e) => set("max_sessions_per_member", e.target.value)} />}
              </Field>
              <div className="sm:col-span-3">
                <Choice
                  label="Confirm it's them for sensitive actions"
                  hint="Deleting roles, rotating keys and changing this policy ask for the password or a code when the last sign-in is older than 10 minutes."
                  checked={draft.reauth_for_sensitive_actions}
                  onChange={(e) => set("reauth_for_sensitive_actions", e.target.checked)}
                />
              </div>
            </CardBody>
          </Card>

          <Card>
            <CardHeader title="Network and invitations" />
            <CardBody className="grid gap-6 lg:grid-cols-2">
              <Field
                id="ip-allowlist"
                label="IP allowlist"
                hint={
                  <>
                    One address or CIDR range per line (IPv4 or IPv6). Empty: every address. Applies to the portal, sign-in and this tenant&apos;s API keys. Your address:{" "}
                    <span className="font-mono" data-testid="your-ip">
                      {data.your_ip ?? "unknown"}
                    </span>
                  </>
                }
                error={listErrors(errors, "ip_allowlist")}
              >
                {(a11y) => (
                  <textarea
                    {...a11y}
                    name="ip_allowlist"
                    rows={5}
                    spellCheck={false}
                    placeholder={"203.0.113.0/24\n2001:db8::/32"}
                    className={cn(controlClasses(a11y.invalid), "font-mono")}
                    value={draft.ip_allowlist}
                    onChange={(e) => set("ip_allowlist", e.target.value)}
                  />
                )}
              </Field>
              <Field
                id="invitation-domains"
                label="Allowed email domains for invitations"
                hint="One domain per line, such as acme.com (exact: list subdomains too). Empty: any address."
                error={listErrors(errors, "allowed_invitation_domains")}
              >
                {(a11y) => (
                  <textarea
                    {...a11y}
                    name="allowed_invitation_domains"
                    rows={5}
                    spellCheck={false}
                    className={controlClasses(a11y.invalid)}
                    value={draft.allowed_invitation_domains}
                    onChange={(e) => set("allowed_invitation_domains", e.target.value)}
                  />
                )}
              </Field>
              {asStaff && allowlist.length > 0 ? (
                <Alert tone="warning" className="lg:col-span-2" title="Check the list covers the tenant's networks">
                  Staff are not locked out by this list, so nothing stops a list that shuts out every member. Members signing in from other addresses will be refused.
                </Alert>
              ) : null}
            </CardBody>
          </Card>

          <Card>
            <CardHeader title="Support access" description="Whether Atrium staff may enter this portal to help." />
            <CardBody>
              <fieldset>
                <legend className="sr-only">Support access</legend>
                {IMPERSONATION.map((m) => (
                  <Choice key={m.key} type="radio" name="impersonation" label={m.label} hint={m.hint} checked={draft.impersonation === m.key} onChange={() => set("impersonation", m.key)} />
                ))}
              </fieldset>
              {draft.impersonation === "preapproved" ? (
                <fieldset className="mt-2 ml-8">
                  <legend className="mb-1 text-[13px] font-medium text-slate-700">Plans</legend>
                  <div className="flex flex-wrap gap-x-4">
                    {data.plans.map((plan) => (
                      <Choice
                        key={plan}
                        label={plan[0].toUpperCase() + plan.slice(1)}
                        checked={draft.impersonation_preapproved_plans.includes(plan)}
                        onChange={(e) => set("impersonation_preapproved_plans", e.target.checked ? [...draft.impersonation_preapproved_plans, plan] : draft.impersonation_preapproved_plans.filter((p) => p !== plan))}
                      />
                    ))}
                  </div>
                </fieldset>
              ) : null}
            </CardBody>
            {canManage ? (
              <CardFooter className="justify-between">
                <div className="min-w-0 text-sm">
                  {save.failure ? (
                    <p role="alert" data-testid="security-save-error" className="text-red-700">
                      {/* Field problems are shown at their fields; the summary points there rather than repeat a path such as ip_allowlist.1. */}
                      {Object.keys(save.failure.fieldErrors).length ? "Not saved: correct the fields marked in red." : save.failure.message}
                    </p>
                  ) : dirty ? (
                    <p className="text-slate-500">Unsaved changes</p>
                  ) : null}
                </div>
                <div className="flex gap-2">
                  <Button variant="secondary" disabled={!dirty} onClick={() => {
                      setDraft(toDraft(savedFrom));
                      save.setFailure(null);
                    }}>
                    Discard
                  </Button>
                  <Button type="submit" loading={save.pending} disabled={!dirty}>
                    Save policy
                  </Button>
                </div>
              </CardFooter>
            ) : null}
          </Card>
        </HydratedFieldset>
      </form>

      <EmailDomainsCard tenantId={tenantId} domains={data.email_domains} roles={data.capture_roles} canManage={canManage} onNotice={notice} />
      {onNotice ? null : <Toast message={toast} />}
    </div>
  );
}

/**
 * The Security tab when the page did not open on it (nothing read on the
 * server): the panel is read once the tab is chosen, then the form takes over.
 */
export function SecurityPanel({ tenantId, initial, ...rest }: Omit<Props, "initial"> & { initial?: SecurityPanelData }) {
  const query = useQuery({ queryKey: queryKeys.security.tenant(tenantId), queryFn: () => unwrapAction(loadSecurityPanelAction(tenantId)), initialData: initial, enabled: !initial });
  if (query.data) return <SecurityPolicyForm tenantId={tenantId} initial={query.data} {...rest} />;
  if (query.isError) {
    return (
      <Alert tone="danger" title="Could not load the security policy" actions={<Button size="sm" variant="secondary" onClick={() => query.refetch()}>Retry</Button>}>
        {query.error.message}
      </Alert>
    );
  }
  return <Skeleton className="h-96 w-full" />;
}
