"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { completeSignIn } from "@/components/auth/complete-sign-in";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/button";

/** A path on this site, never another origin (the server checked it at /api/sso/start; the fragment could be edited). */
const samePath = (p: string | null) => (p && p.startsWith("/") && !p.startsWith("//") && !p.startsWith("/\\") ? p : "/");

/** Redeems the sign-in ticket from the URL fragment once, then goes where the member was heading. */
export function CompleteSsoSignIn() {
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const params = new URLSearchParams(window.location.hash.slice(1));
    // The ticket leaves the address bar at once (history, screenshots, shoulder surfing).
    window.history.replaceState(null, "", window.location.pathname);
    const ticket = params.get("ticket");
    const next = samePath(params.get("next"));
    const redeem = async () => (ticket ? (await completeSignIn(ticket, next)) === "ok" : false);
    redeem()
      .then((ok) => {
        if (!ok) return setFailed(true);
        router.replace(next);
        router.refresh();
      })
      .catch(() => setFailed(true));
  }, [router]);

  if (failed) {
    return (
      <Alert tone="danger" title="Sign-in could not be completed">
        The sign-in link expired or was already used.{" "}
        <Link href="/login" className="font-medium underline">
          Sign in again
        </Link>
      </Alert>
    );
  }
  return (
    <p className="flex items-center justify-center gap-2 text-sm text-slate-600" role="status">
      <Spinner /> Completing single sign-on…
    </p>
  );
}
