import type { ReactNode } from "react";
import { AtriumLogo } from "@/components/console/atrium-logo";

/** The console's signed-out pages (forgot / reset password, verify email): logo, title, one card. */
export function ConsoleAuthShell({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="relative flex min-h-screen flex-col items-center justify-center overflow-hidden px-4 py-12 text-sm">
      <div aria-hidden="true" className="pointer-events-none absolute inset-0 bg-[radial-gradient(60rem_30rem_at_50%_-10%,var(--color-indigo-100),transparent_70%)]" />
      <div className="relative w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <AtriumLogo className="size-11" />
          <h1 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {subtitle ? <p className="mt-1 text-slate-500">{subtitle}</p> : null}
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
        {footer ? <div className="mt-6 text-center text-xs text-slate-500">{footer}</div> : null}
      </div>
    </main>
  );
}

/** The same inside a tenant's portal (whose layout already draws the header). */
export function PortalAuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-sm py-6">
      <h1 className="text-center text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {subtitle ? <p className="mt-1 text-center text-slate-500">{subtitle}</p> : null}
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
    </div>
  );
}
