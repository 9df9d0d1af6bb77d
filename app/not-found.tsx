import { headers } from "next/headers";
import { DeadEnd, type WayForward } from "@/components/ui/dead-end";
import { supportContact } from "@/lib/branding/support-contact";
import { env } from "@/lib/env";
import { resolveHost } from "@/lib/tenancy/resolve-host";

/**
 * Every 404: the console's, an organisation portal's, and a host no
 * organisation is served at (the proxy sends those here too). Each gets a
 * way on: the console home, the organisation's home and sign-in, or the
 * platform's home, and the support contact that applies.
 */
export default async function NotFound() {
  const resolution = await resolveHost((await headers()).get("host"));
  let title = "Nothing here";
  let body = "There is no page at this address. It may have moved, or the link may be mistyped.";
  let links: WayForward[] = [{ href: "/", label: "Go to the console" }];
  let support = supportContact(null);
  if (resolution.kind === "tenant") {
    const { tenant } = resolution;
    const company = typeof tenant.branding.company_name === "string" && tenant.branding.company_name.trim() ? tenant.branding.company_name : tenant.name;
    links = [
      { href: "/", label: `Go to ${company}` },
      { href: "/login", label: "Sign in" },
    ];
    support = supportContact(tenant.branding);
  } else if (resolution.kind === "unknown") {
    title = "No organisation here";
    body = "No organisation is served at this address. Check the address you were given, including its spelling.";
    links = [{ href: `${env.publicScheme}://${env.rootDomain}/`, label: `Go to ${env.rootDomain}` }];
  }
  return (
    <main id="main" className="grid min-h-screen place-items-center bg-slate-50 px-4 py-10">
      <div className="w-full" data-testid="not-found">
        <p className="mb-3 text-center text-sm font-semibold text-slate-600">404</p>
        <DeadEnd testId="dead-end" title={title} links={links} support={support}>
          {body}
        </DeadEnd>
      </div>
    </main>
  );
}
