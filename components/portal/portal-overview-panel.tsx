import Link from "next/link";
import type { PortalOverview } from "@/lib/portal/portal-overview";

/** Key figures and, until every step is done, the getting-started checklist of the portal's Overview. */
export function PortalOverviewPanel({ overview }: { overview: PortalOverview }) {
  const { people, domains, checklist } = overview;
  const figures: { label: string; value: string; testId: string }[] = [
    ...(people
      ? [
          { label: "Members", value: String(people.members), testId: "figure-members" },
          { label: "Pending invitations", value: String(people.pending), testId: "figure-pending" },
          { label: "Seats used", value: people.seatLimit === null ? `${people.seatsUsed} (no limit)` : `${people.seatsUsed} of ${people.seatLimit}`, testId: "figure-seats" },
        ]
      : []),
    { label: "Plan", value: overview.plan, testId: "figure-plan" },
    ...(domains ? [{ label: "Custom domain", value: domainStatus(domains), testId: "figure-domain" }] : []),
  ];
  const remaining = checklist.filter((s) => !s.done).length;
  return (
    <div className="mt-8 space-y-8">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label="Key figures">
        {figures.map((f) => (
          <div key={f.label} data-testid={f.testId} className="rounded-xl border border-slate-200 px-4 py-3">
            <dt className="text-xs font-medium text-slate-600">{f.label}</dt>
            <dd className="mt-1 text-lg font-semibold break-words text-slate-900 tabular-nums">{f.value}</dd>
          </div>
        ))}
      </dl>
      {checklist.length && remaining ? (
        <section aria-labelledby="getting-started" data-testid="getting-started" className="rounded-xl border border-slate-200 p-5">
          <h2 id="getting-started" className="text-base font-semibold text-slate-900">
            Getting started
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {checklist.length - remaining} of {checklist.length} done
          </p>
          <ol className="mt-4 divide-y divide-slate-100">
            {checklist.map((s) => (
              <li key={s.key} data-testid={`step-${s.key}`} data-done={s.done}>
                <Link href={s.href} className="group flex items-center gap-3 py-2.5 text-sm">
                  <span aria-hidden className={s.done ? "grid size-5 shrink-0 place-items-center rounded-full bg-emerald-600 text-[11px] text-on-solid" : "size-5 shrink-0 rounded-full border-2 border-slate-300"}>
                    {s.done ? "✓" : null}
                  </span>
                  <span className={s.done ? "text-slate-600 line-through" : "font-medium text-indigo-700 underline-offset-2 group-hover:underline"}>{s.label}</span>
                  <span className="sr-only">{s.done ? "(done)" : "(to do)"}</span>
                </Link>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

function domainStatus(d: { total: number; verified: number; primary: string | null }): string {
  if (d.primary) return d.primary;
  if (d.verified) return `${d.verified} verified`;
  if (d.total) return `${d.total} pending verification`;
  return "None yet";
}
