import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";

/** Console-only pages outside the signed-in layout: any other host gets a 404. */
export async function requireConsoleHost(): Promise<void> {
  const host = ((await headers()).get("host") ?? "").toLowerCase();
  if (host !== env.rootDomain) notFound();
}
