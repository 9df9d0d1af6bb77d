import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import type { SupportContact } from "@/lib/branding/support-contact";

export type WayForward = { href: string; label: string };

/**
 * A page where what the visitor wanted is not possible (404, an unknown or
 * suspended organisation, a used invitation): what happened, the links that
 * lead on, and who to ask. Never a page with nowhere to go.
 */
export function DeadEnd({ testId, status, title, children, links, support, tone = "neutral" }: { testId: string; status?: string; title: string; children: ReactNode; links: WayForward[]; support: SupportContact | null; tone?: "neutral" | "warning" }) {
  return (
    <section data-testid={testId} data-status={status} className="mx-auto max-w-lg rounded-2xl border border-slate-200 bg-white p-8 text-center sm:p-10">
      <div aria-hidden className={tone === "warning" ? "mx-auto mb-6 grid size-12 place-items-center rounded-full bg-amber-50 text-2xl text-amber-700" : "mx-auto mb-6 grid size-12 place-items-center rounded-full bg-slate-100 text-xl text-slate-600"}>
        {tone === "warning" ? "!" : "?"}
      </div>
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <div className="mt-3 text-sm leading-6 text-slate-600">{children}</div>
      {links.length ? (
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          {links.map((l, i) => (
            <Link key={l.href + l.label} href={l.href} className={buttonClasses(i === 0 ? "primary" : "secondary")}>
              {l.label}
            </Link>
          ))}
        </div>
      ) : null}
      <SupportLine support={support} />
    </section>
  );
}

/** "Need help? help@… · Help centre", or a plain hint when nobody has set a contact. */
export function SupportLine({ support }: { support: SupportContact | null }) {
  return (
    <p data-testid="support-contact" className="mt-6 border-t border-slate-100 pt-4 text-[13px] text-slate-600">
      {support ? (
        <>
          Need help? Contact support
          {support.email ? (
            <>
              {" "}at{" "}
              <a href={`mailto:${support.email}`} className="font-medium text-indigo-700 underline underline-offset-2 hover:decoration-2">
                {support.email}
              </a>
            </>
          ) : null}
          {support.email && support.url ? " or" : null}
          {support.url ? (
            <>
              {" "}through{" "}
              <a href={support.url} className="font-medium text-indigo-700 underline underline-offset-2 hover:decoration-2" rel="noopener noreferrer">
                the help centre
              </a>
            </>
          ) : null}
          .
        </>
      ) : (
        "Need help? Ask whoever gave you this address."
      )}
    </p>
  );
}
