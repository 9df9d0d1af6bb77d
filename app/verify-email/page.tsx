import type { Metadata } from "next";
import { ConsoleAuthShell } from "@/components/auth/auth-shell";
import { MissingLinkToken } from "@/components/auth/missing-link-token";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";
import { requireConsoleHost } from "@/lib/auth/console-host";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Verify your email", referrer: "no-referrer" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireConsoleHost();
  const token = (await searchParams).token;
  return (
    <ConsoleAuthShell title="Verify your email" subtitle="Confirm that this address belongs to you">
      {typeof token === "string" && token ? <VerifyEmailForm token={token} /> : <MissingLinkToken what="verification" />}
    </ConsoleAuthShell>
  );
}
