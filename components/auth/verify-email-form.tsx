"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { postApi } from "@/lib/query/fetch-api";

/** A click spends the link (a GET never does: mail scanners open links). */
export function VerifyEmailForm({ token }: { token: string }) {
  const hydrated = useHydrated();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const verify = async () => {
    setPending(true);
    const r = await postApi<{ email: string }>("/api/account/verify-email", { token });
    setPending(false);
    setResult(r.ok ? { ok: true, message: `${r.data.email} is verified. Thank you.` } : { ok: false, message: r.message });
  };
  if (result) {
    return (
      <div className="space-y-4">
        <Alert tone={result.ok ? "success" : "danger"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </Alert>
        <p className="text-center">
          <Link href="/" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            Continue
          </Link>
        </p>
      </div>
    );
  }
  return (
    <Button className="w-full" onClick={verify} loading={pending} disabled={!hydrated}>
      Verify my email
    </Button>
  );
}
