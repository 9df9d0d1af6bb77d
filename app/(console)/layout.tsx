import Link from "next/link";
import type { ReactNode } from "react";
import { VerifyEmailBanner } from "@/components/auth/verify-email-banner";
import { CommandPalette } from "@/components/command-palette/command-palette";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import type { HeaderScope } from "@/components/header/header-scope";
import { AtriumLogo } from "@/components/console/atrium-logo";
import { ConsoleNav } from "@/components/console/console-nav";
import { UserMenu } from "@/components/console/user-menu";
import { Providers } from "@/components/providers";
import { unverifiedEmailOf } from "@/lib/auth/email-verification/unverified-email";
import { PLATFORM_ROLE_LABELS } from "@/lib/auth/permissions";
import { requireConsoleCaller } from "./_lib/require-console-caller";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const caller = await requireConsoleCaller();
  const roleLabel = caller.kind === "user" && caller.platformRole ? PLATFORM_ROLE_LABELS[caller.platformRole] : "Staff";
  const unverified = caller.kind === "user" ? await unverifiedEmailOf(caller.id) : null;
  const scope: HeaderScope = { kind: "console", permissions: [...caller.permissions] };
  return (
    <Providers>
      <div className="min-h-screen text-sm">
        <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow">
          Skip to content
        </a>
        <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur supports-[backdrop-filter]:bg-white/75">
          <div className="mx-auto flex min-h-14 max-w-7xl flex-wrap items-center gap-x-4 px-4 sm:gap-x-6 sm:px-6 lg:px-8">
            <Link href="/tenants" className="flex h-14 items-center gap-2 rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
              <AtriumLogo className="size-7" />
              {/* Screen readers keep the name on phones, where the word is hidden: the link would otherwise be an unnamed image. */}
              <span className="sr-only text-[15px] font-semibold tracking-tight text-slate-900 sm:not-sr-only">Atrium</span>
              <span className="hidden rounded border border-slate-200 px-1.5 py-px text-[11px] font-medium text-slate-500 lg:inline">Platform</span>
            </Link>
            <ConsoleNav permissions={[...caller.permissions]} />
            <div className="ml-auto flex items-center gap-1 sm:gap-2">
              <CommandPalette scope={scope} />
              <NotificationBell scope={scope} />
              <ThemeToggle />
              <UserMenu email={caller.label} roleLabel={roleLabel} />
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6 lg:px-8">
          {unverified ? <VerifyEmailBanner email={unverified} /> : null}
          {children}
        </main>
      </div>
    </Providers>
  );
}
