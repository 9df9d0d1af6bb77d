import type { Metadata } from "next";
import { ConsoleAuthShell } from "@/components/auth/auth-shell";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { MissingLinkToken } from "@/components/auth/missing-link-token";
import { requireConsoleHost } from "@/lib/auth/console-host";

export const dynamic = "force-dynamic";
// The token is in the address: never sent on to another site.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireConsoleHost();
  const token = (await searchParams).token;
  return (
    <ConsoleAuthShell title="Choose a new password" subtitle="Every session of your account will be signed out">
      {typeof token === "string" && token ? <ResetPasswordForm token={token} /> : <MissingLinkToken what="reset" />}
    </ConsoleAuthShell>
  );
}
