import type { Metadata } from "next";
import { ConsoleAuthShell } from "@/components/auth/auth-shell";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { requireConsoleHost } from "@/lib/auth/console-host";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage() {
  await requireConsoleHost();
  return (
    <ConsoleAuthShell title="Forgot your password?" subtitle="For Atrium staff accounts" footer="Tenant members reset their password on their own portal address.">
      <ForgotPasswordForm />
    </ConsoleAuthShell>
  );
}
