import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { Caller } from "@/lib/auth/caller";
import { currentCaller } from "@/lib/auth/current-caller";
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
  if (!caller) redirect("/login");
  return caller;
});
