/** A portal page whose feature the organisation's plan does not include: what it would bring, and which plan has it. No data is read. */
export function PlanUpsell({ title, feature, plan, includedIn, benefits }: { title: string; feature: string; plan: string; includedIn: string[]; benefits: string[] }) {
  const plans = includedIn.length ? includedIn.join(" or ") : "a higher";
  return (
    <section data-testid="plan-upsell" className="mx-auto max-w-xl rounded-2xl border border-slate-200 p-8 sm:p-10">
      <p className="text-[13px] font-medium text-slate-500">Not included in the {plan} plan</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-3 text-sm leading-6 text-slate-600">
        {feature} is part of the <strong className="font-semibold text-slate-900">{plans} plan</strong>. Your organisation is on the {plan} plan.
      </p>
      <ul className="mt-5 space-y-2 text-sm text-slate-700">
        {benefits.map((b) => (
          <li key={b} className="flex gap-2.5">
            <svg viewBox="0 0 16 16" className="mt-0.5 size-4 shrink-0 text-emerald-600" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
              <path d="m3.5 8.5 3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            {b}
          </li>
        ))}
      </ul>
      <p className="mt-6 text-[13px] leading-6 text-slate-600">To upgrade, ask your organisation&apos;s owner to contact the provider of this service: plans are changed by the platform team.</p>
    </section>
  );
}
