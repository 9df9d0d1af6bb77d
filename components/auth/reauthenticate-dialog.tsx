"use client";

import { createContext, useCallback, useContext, useRef, useState, type FormEvent, type ReactNode } from "react";
import { postSignInStep } from "@/components/auth/post-sign-in-step";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/action-result";

/**
 * Asks the signed-in person to confirm it is them (password, or a code from
 * their authenticator or a recovery code) through POST /api/sign-in/reauthenticate.
 * `onDone(true)` once the session is marked; `onDone(false)` when they cancel.
 */
export function ReauthenticateDialog({ open, onDone }: { open: boolean; onDone: (confirmed: boolean) => void }) {
  const [mode, setMode] = useState<"password" | "code">("password");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const formId = "reauthenticate-form";

  const finish = (confirmed: boolean) => {
    setValue("");
    setError(null);
    setMode("password");
    onDone(confirmed);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) return setError(mode === "password" ? "Enter your password." : "Enter a code.");
    setPending(true);
    setError(null);
    try {
      const r = await postSignInStep<{ reauthenticated_at: string }>("/api/sign-in/reauthenticate", mode === "password" ? { password: value } : { code: value });
      if (r.ok) finish(true);
      else setError(r.message);
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  };

  return (
    <Dialog
      open={open}
      onClose={() => finish(false)}
      title="Confirm it's you"
      description="This is a sensitive change. Confirm your identity to continue; you won't be asked again for 10 minutes."
      footer={
        <DialogActions onCancel={() => finish(false)} pending={pending}>
          <Button type="submit" form={formId} loading={pending}>
            Confirm
          </Button>
        </DialogActions>
      }
    >
      <form id={formId} onSubmit={submit} className="space-y-3" noValidate>
        {error ? <Alert tone="danger">{error}</Alert> : null}
        {mode === "password" ? (
          <Field id="reauth-password" label="Password">
            {(a) => <Input {...a} type="password" autoComplete="current-password" autoFocus value={value} onChange={(e) => setValue(e.target.value)} />}
          </Field>
        ) : (
          <Field id="reauth-code" label="Authenticator or recovery code">
            {(a) => <Input {...a} inputMode="text" autoComplete="one-time-code" autoFocus value={value} onChange={(e) => setValue(e.target.value)} />}
          </Field>
        )}
        <button
          type="button"
          className="text-[13px] font-medium text-indigo-700 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-indigo-600"
          onClick={() => {
            setMode(mode === "password" ? "code" : "password");
            setValue("");
            setError(null);
          }}
        >
          {mode === "password" ? "Use a code from your authenticator instead" : "Use your password instead"}
        </button>
      </form>
    </Dialog>
  );
}

type WithReauthentication = <T>(action: () => Promise<ActionResult<T>>) => Promise<ActionResult<T>>;

const ReauthContext = createContext<WithReauthentication | null>(null);

/** Mounts the one ReauthenticateDialog of a page tree, for useReauthentication. */
export function ReauthenticationProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const waiting = useRef<((confirmed: boolean) => void) | null>(null);
  const withReauthentication = useCallback<WithReauthentication>(async (action) => {
    const first = await action();
    if (first.ok || first.code !== "reauthentication_required") return first;
    const confirmed = await new Promise<boolean>((resolve) => {
      waiting.current = resolve;
      setOpen(true);
    });
    return confirmed ? action() : first;
  }, []);
  return (
    <ReauthContext.Provider value={withReauthentication}>
      {children}
      <ReauthenticateDialog
        open={open}
        onDone={(confirmed) => {
          setOpen(false);
          waiting.current?.(confirmed);
          waiting.current = null;
        }}
      />
    </ReauthContext.Provider>
  );
}

/**
 * withReauthentication(action): runs a server action; when it answers
 * reauthentication_required, asks the person to confirm it is them and runs it
 * once more. Cancelling returns the original answer (its message explains).
 * Outside a ReauthenticationProvider it just runs the action.
 */
export function useReauthentication(): WithReauthentication {
  return useContext(ReauthContext) ?? ((action) => action());
}
