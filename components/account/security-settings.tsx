"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { RecoveryCodes } from "@/components/account/recovery-codes";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { disableTotpAction, regenerateRecoveryCodesAction } from "@/lib/actions/second-factor-actions";
import type { SecondFactorStatus } from "@/lib/auth/second-factor/second-factor-status";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * The account's Security tab: the authenticator app (set up, turn off) and
 * its recovery codes (how many are left, make new ones). `passkeys` is the
 * passkeys section (part B2), shown below.
 */
export function SecuritySettings({ status, required, accountLabel, passkeys }: { status: SecondFactorStatus; required: boolean; accountLabel: string; passkeys?: ReactNode }) {
  const { enabled, confirmedAt } = status.totp;
  return (
    <div className="space-y-6">
      {required && !enabled ? <Alert tone="warning">Two-factor authentication is required for your account here.</Alert> : null}
      <Card>
        <CardHeader
          id="totp-title"
          title={
            <span className="flex flex-wrap items-center gap-2">
              Authenticator app
              {enabled ? (
                <Badge tone="green" dot>
                  On
                </Badge>
              ) : (
                <Badge tone="slate">Off</Badge>
              )}
            </span>
          }
          description={
            enabled && confirmedAt
              ? `Signing in asks for a code from your app. Turned on ${dateFormat.format(new Date(confirmedAt))}.`
              : "Add a second step to signing in: a 6-digit code from an app on your phone."
          }
          actions={
            enabled ? (
              <TurnOffButton disabled={required} />
            ) : (
              <Link href="/account/security/enrol" prefetch={false} className={buttonClasses("primary", "sm")}>
                Set up
              </Link>
            )
          }
        />
        {enabled && required ? (
          <CardBody>
            <p className="text-[13px] text-slate-600">Two-factor authentication is required here, so the app cannot be turned off.</p>
          </CardBody>
        ) : null}
      </Card>
      {enabled ? <RecoveryCodesCard remaining={status.recoveryCodesRemaining} accountLabel={accountLabel} /> : null}
      {passkeys}
    </div>
  );
}

function TurnOffButton({ disabled }: { disabled: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [useCode, setUseCode] = useState(false);
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const close = () => {
    setOpen(false);
    setValue("");
    setError(null);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) {
      setError(useCode ? "Enter a code from your app or a recovery code." : "Enter your password.");
      return;
    }
    setPending(true);
    const r = await disableTotpAction(useCode ? { code: value } : { password: value });
    setPending(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    close();
    router.refresh();
  };

  return (
    <>
      <Button variant="danger-outline" size="sm" disabled={disabled} onClick={() => setOpen(true)}>
        Turn off
      </Button>
      <Dialog
        open={open}
        onClose={close}
        tone="danger"
        title="Turn off two-factor authentication?"
        description="Your password alone will sign you in again, and your recovery codes stop working. We will email you that it was turned off."
        footer={
          <>
            <Button variant="secondary" onClick={close}>
              Keep it on
            </Button>
            <Button variant="danger" type="submit" form="turn-off-totp" loading={pending}>
              Turn off
            </Button>
          </>
        }
      >
        <form id="turn-off-totp" onSubmit={onSubmit} className="space-y-3" noValidate>
          {error ? <Alert tone="danger">{error}</Alert> : null}
          <Field id="turn-off-proof" label={useCode ? "Code from your app, or a recovery code" : "Your password"}>
            {(a) => (
              <Input
                {...a}
                key={useCode ? "code" : "password"}
                autoFocus
                type={useCode ? "text" : "password"}
                autoComplete={useCode ? "one-time-code" : "current-password"}
                inputMode={useCode ? "numeric" : undefined}
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
            )}
          </Field>
          <button
            type="button"
            className="rounded text-[13px] font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            onClick={() => {
              setUseCode(!useCode);
              setValue("");
              setError(null);
            }}
          >
            {useCode ? "Use your password instead" : "Use a code instead"}
          </button>
        </form>
      </Dialog>
    </>
  );
}

function RecoveryCodesCard({ remaining, accountLabel }: { remaining: number; accountLabel: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const close = () => {
    setOpen(false);
    setError(null);
    if (codes) {
      setCodes(null);
      router.refresh();
    }
  };
  const regenerate = async () => {
    setPending(true);
    setError(null);
    const r = await regenerateRecoveryCodesAction();
    setPending(false);
    if (!r.ok) {
      setError(r.code === "reauthentication_required" ? `${r.message} Sign out and in again, then retry.` : r.message);
      return;
    }
    setCodes(r.data.recoveryCodes);
  };

  return (
    <Card>
      <CardHeader
        title="Recovery codes"
        description={`${remaining} of 10 unused. Each signs you in once if you cannot use your app.`}
        actions={
          <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
            Create new codes
          </Button>
        }
      />
      {remaining <= 3 ? (
        <CardBody>
          <Alert tone="warning">Only {remaining} left: create new codes before you run out.</Alert>
        </CardBody>
      ) : null}
      <Dialog
        open={open}
        onClose={close}
        title={codes ? "Your new recovery codes" : "Create new recovery codes?"}
        description={codes ? "Save them now: they are shown only once." : "Your current codes stop working as soon as the new ones are made."}
        footer={
          codes ? (
            <Button onClick={close}>Done</Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button onClick={regenerate} loading={pending}>
                Create new codes
              </Button>
            </>
          )
        }
      >
        {error ? <Alert tone="danger">{error}</Alert> : null}
        {codes ? <RecoveryCodes codes={codes} fileLabel={accountLabel} /> : null}
      </Dialog>
    </Card>
  );
}
