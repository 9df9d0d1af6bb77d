import type { ReactNode } from "react";
import { AccountHeader } from "@/components/account/account-tabs";
import { requireConsoleCaller } from "../_lib/require-console-caller";

/** The signed-in staff member's own account: Security (second factors) and Sessions. */
export default async function ConsoleAccountLayout({ children }: { children: ReactNode }) {
  const caller = await requireConsoleCaller();
  return (
    <div className="mx-auto max-w-3xl">
      <AccountHeader email={caller.label} />
      {children}
    </div>
  );
}
