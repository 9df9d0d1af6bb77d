"use client";

import type { SecondFactorKind } from "@/lib/auth/sessions/types";
import { Alert } from "@/components/ui/alert";

/**
 * The second step of signing in, for an account with a second factor: the
 * password step answered with a challenge. Owned by the second-factor work
 * (code field, recovery code, passkey); until it lands this only says so.
 */
export function SecondFactorStep({ challenge, methods, callbackUrl }: { challenge: string; methods: SecondFactorKind[]; callbackUrl: string }) {
  void challenge;
  void callbackUrl;
  return <Alert tone="info">This account needs a second factor ({methods.join(", ")}), which this version cannot check yet.</Alert>;
}
