import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/account/sign-out-button";
import { TotpEnrolment } from "@/components/account/totp-enrolment";
import { Alert } from "@/components/ui/alert";
import type { CurrentAccount } from "@/lib/auth/second-factor/current-account";
import { secondFactorStatus } from "@/lib/auth/second-factor/second-factor-status";
import { startTotpEnrolment } from "@/lib/auth/second-factor/start-totp-enrolment";

/**
 * /account/security/enrol on the console and on every portal: where a session
 * that owes a second factor is sent, and where anyone sets up their app. The
 * secret is made here, on the server, so the QR code is in the first screen.
 */
export async function EnrolPageBody({ account, homeHref }: { account: CurrentAccount; homeHref: string }) {
  const status = await secondFactorStatus(account.userId);
  if (status.totp.enabled && !account.pending) redirect("/account/security");
  return (
    <div className="mx-auto w-full max-w-xl">
      <div className="mb-6 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">Set up two-factor authentication</h1>
          <p className="mt-1 text-slate-500">{account.email}</p>
        </div>
        {account.pending ? <SignOutButton /> : (
          <Link href="/account/security" className="rounded py-1 text-[13px] font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            Cancel
          </Link>
        )}
      </div>
      {account.pending ? (
        <Alert tone="warning" className="mb-6" title="Two-factor authentication is required">
          {account.kind === "staff" ? "Staff accounts must use a second factor." : `${account.issuer} requires a second factor for every member.`} Set it up to continue.
        </Alert>
      ) : null}
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        {status.totp.enabled ? (
          <Alert tone="info">Your authenticator app is already set up. Sign out and sign in again with a code from it.</Alert>
        ) : (
          <TotpEnrolment enrolment={await startTotpEnrolment(account, account.issuer)} doneHref={account.pending ? homeHref : "/account/security"} accountLabel={`${account.issuer} (${account.email})`} />
        )}
      </div>
    </div>
  );
}
