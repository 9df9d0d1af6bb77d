import { env } from "@/lib/env";

/** The console's origin, from configuration only (never a request's Host), for links in mail. */
export function consoleBaseUrl(): string {
  return `${env.publicScheme}://${env.rootDomain}`;
}
