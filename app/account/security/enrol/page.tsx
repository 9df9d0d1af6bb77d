import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { EnrolPageBody } from "@/components/account/enrol-page-body";
import { AtriumLogo } from "@/components/console/atrium-logo";
import { Providers } from "@/components/providers";
import { currentAccount } from "@/lib/auth/second-factor/current-account";
import { ENROL_PATH } from "@/lib/auth/second-factor/enrolment-required";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Set up two-factor authentication" };

/**
 * The console's enrolment page lives outside the (console) group: its layout
 * admits only fully signed-in staff, and a session that owes a second factor
 * must be able to reach this page (and nothing else).
 */
export default async function ConsoleEnrolPage() {
  if (((await headers()).get("host") ?? "").toLowerCase() !== env.rootDomain) notFound();
  const account = await currentAccount();
  if (!account) redirect(`/login?callbackUrl=${encodeURIComponent(ENROL_PATH)}`);
  return (
    <Providers>
      <main id="main" className="min-h-screen px-4 py-10 text-sm sm:py-16">
        <div className="mx-auto mb-8 flex max-w-xl items-center gap-2">
          <AtriumLogo className="size-7" />
          <span className="text-[15px] font-semibold tracking-tight text-slate-900">Atrium</span>
        </div>
        <EnrolPageBody account={account} homeHref="/tenants" />
      </main>
    </Providers>
  );
}
