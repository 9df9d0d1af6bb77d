"use client";

import { signIn } from "next-auth/react";

export type CompleteOutcome = "ok" | "rejected" | "csrf";

async function attempt(ticket: string, callbackUrl: string): Promise<CompleteOutcome> {
  const res = await signIn("ticket", { ticket, redirect: false, callbackUrl });
  if (!res || res.error) return "rejected";
  // next-auth answers a stale CSRF token with a redirect to ?csrf=true and no error: not a sign-in.
  if (!res.ok || (res.url && new URL(res.url, window.location.origin).searchParams.has("csrf"))) return "csrf";
  return "ok";
}

/**
 * Turns a sign-in ticket (the last step of every way of signing in) into the
 * session cookie. A ticket is single use, but next-auth checks its CSRF token
 * before the provider runs, so a "csrf" answer has not spent it: the first
 * attempt may race the CSRF cookie being set, and the retry has a settled token.
 */
export async function completeSignIn(ticket: string, callbackUrl: string): Promise<CompleteOutcome> {
  const outcome = await attempt(ticket, callbackUrl);
  return outcome === "csrf" ? attempt(ticket, callbackUrl) : outcome;
}
