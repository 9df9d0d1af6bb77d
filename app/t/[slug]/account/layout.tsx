import type { ReactNode } from "react";
import { AccountHeader } from "@/components/account/account-tabs";
import { currentAccount } from "@/lib/auth/second-factor/current-account";

/**
 * A member's own account on this portal: Security and Sessions. A session
 * that owes a second factor sees only the enrolment page under it, without tabs.
 */
export default async function PortalAccountLayout({ children }: { children: ReactNode }) {
  const account = await currentAccount();
  if (!account || account.pending) return children;
  return (
    <div className="mx-auto max-w-3xl">
      <AccountHeader email={account.email} />
      {children}
    </div>
  );
}
