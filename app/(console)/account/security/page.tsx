import type { Metadata } from "next";
import { SecuritySettings } from "@/components/account/security-settings";
import { secondFactorStatus } from "@/lib/auth/second-factor/second-factor-status";
import { env } from "@/lib/env";
import { requireConsoleCaller } from "../../_lib/require-console-caller";

export const metadata: Metadata = { title: "Security" };

export default async function ConsoleSecurityPage() {
  const caller = await requireConsoleCaller();
  const status = await secondFactorStatus(caller.id!);
  return <SecuritySettings status={status} required={env.requireStaff2fa} accountLabel={`Atrium (${caller.label})`} />;
}
