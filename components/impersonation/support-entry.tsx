"use client";

import { useEffect, useState } from "react";
import { completeSignIn } from "@/components/auth/complete-sign-in";

/** Reads the ticket from the fragment (the server never saw it), signs in with it once, then opens the portal. */
export function SupportEntry() {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const params = new URLSearchParams(window.location.hash.slice(1));
    const ticket = params.get("ticket");
    // The fragment is dropped at once, so neither history nor a reload holds the ticket.
    window.history.replaceState(null, "", window.location.pathname);
    const start = ticket ? completeSignIn(ticket, "/") : Promise.resolve(params.get("error") ?? "This support entry link is invalid, used or expired; open the portal again from the console.");
    void start.then((outcome) => {
      if (outcome === "ok") window.location.replace("/");
      else setError(outcome === "rejected" || outcome === "csrf" ? "This support access could not start: it may have ended or been revoked. Open the portal again from the console." : outcome);
    });
  }, []);
  return (
    <div className="mx-auto max-w-md py-16 text-center" role="status" aria-live="polite">
      {error ? (
        <>
          <h1 className="text-lg font-semibold text-slate-900">Support access not started</h1>
          <p className="mt-2 text-slate-600" data-testid="support-entry-error">
            {error}
          </p>
        </>
      ) : (
        <p className="text-slate-600">Entering the portal as support…</p>
      )}
    </div>
  );
}
