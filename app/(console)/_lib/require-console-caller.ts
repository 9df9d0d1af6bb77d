import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { Caller } from "@/lib/auth/caller";
import { currentCaller } from "@/lib/auth/current-caller";
import { ENROL_PATH } from "@/lib/auth/second-factor/enrolment-required";
import { pendingEnrolmentSession } from "@/lib/auth/session-caller";
import { env } from "@/lib/env";

/** Is this request on the console's own host (the root domain)? */
export async function onConsoleHost(): Promise<boolean> {
  return ((await headers()).get("host") ?? "").toLowerCase() === env.rootDomain;
}

/**
 * The signed-in staff member for a console page: a 404 on any host but the
 * root domain, and off to /login without a session. Layouts do not re-render
 * on every navigation, so each page calls this too (cached per request).
 */
export const requireConsoleCaller = cache(async (): Promise<Caller> => {
  if (!(await onConsoleHost())) notFound();
  const caller = await currentCaller();
  if (!caller) {
    // A session that owes a second factor may only enrol one.
    const h = await headers();
    if (await pendingEnrolmentSession((await cookies()).toString(), h.get("host") ?? "")) redirect(ENROL_PATH);
    redirect("/login");
  }
  return caller;
});
