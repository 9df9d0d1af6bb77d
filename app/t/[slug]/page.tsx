import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { DeadEnd } from "@/components/ui/dead-end";
import { PortalOverviewPanel } from "@/components/portal/portal-overview-panel";
import { supportContact } from "@/lib/branding/support-contact";
import { portalOverview } from "@/lib/portal/portal-overview";
import { memberAccess, portalMember, sendPendingToEnrolment } from "@/lib/portal/portal-session";
import { visibleSections } from "@/lib/portal/portal-sections";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

export const dynamic = "force-dynamic";

const UNAVAILABLE: Record<string, { title: string; body: string }> = {
  suspended: { title: "This organisation is suspended", body: "Access has been paused by the platform team. If you administer this organisation, contact support to restore it." },
  provisioning: { title: "This organisation is being set up", body: "It will be ready in a moment. Refresh this page shortly." },
  archived: { title: "This organisation is archived", body: "Its data is preserved but it is no longer in use." },
  pending_deletion: { title: "This organisation is scheduled for deletion", body: "It is no longer available. Contact support if this is unexpected." },
};

export default async function PortalHome({ params }: { params: Promise<{ slug: string }> }) {
  const tenant = await portalTenant((await params).slug);
  // The secondary colour where it reads on the scheme's surface, otherwise the neutral text colour (the layout sets both schemes' values).
  const eyebrow = "var(--portal-secondary-text)";
  const unavailable = UNAVAILABLE[tenant.status];
  if (unavailable) {
    return (
      <DeadEnd testId="portal-unavailable" status={tenant.status} tone="warning" title={unavailable.title} links={tenant.status === "provisioning" ? [{ href: "/", label: "Refresh" }] : []} support={supportContact(tenant.branding)}>
        {unavailable.body}
      </DeadEnd>
    );
  }
  const member = await portalMember(tenant);
  if (!member) {
    await sendPendingToEnrolment(tenant);
    return (
      <section data-testid="portal-home">
        <p className="text-sm font-medium" style={{ color: eyebrow }}>
          Welcome
        </p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">{tenant.name}</h1>
        <p className="mt-3 max-w-xl text-slate-600">This is the self-service portal of {tenant.name}. Members, roles and API keys are managed here.</p>
        <div className="mt-8 flex gap-3">
          <Link href="/login" className={buttonClasses("primary")}>
            Sign in
          </Link>
        </div>
      </section>
    );
  }
  const { permissions, roleName } = await memberAccess(tenant, member);
  const sections = visibleSections(permissions).filter((x) => x.href !== "/");
  const overview = await portalOverview(member.actor, tenant.id);
  return (
    <section data-testid="portal-home">
      <p className="text-sm font-medium" style={{ color: eyebrow }}>
        Signed in as {member.name} · {roleName}
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{tenant.name}</h1>
      <PortalOverviewPanel overview={overview} />
      {sections.length ? (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Sections">
          {sections.map((x) => (
            <li key={x.href}>
              <Link href={x.href} className="block rounded-xl border border-slate-200 p-5 transition-colors hover:border-slate-300 hover:bg-slate-50">
                <span className="text-base font-semibold text-slate-900">{x.label}</span>
                <span className="mt-1 block text-sm text-slate-600">{SECTION_BLURBS[x.href]}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 max-w-xl text-slate-600">Your role gives you access to {tenant.name}&apos;s product, but not to its administration.</p>
      )}
    </section>
  );
}

const SECTION_BLURBS: Record<string, string> = {
  "/members": "Who belongs here, their roles, and open invitations",
  "/roles": "Built-in and custom roles and what each may do",
  "/api-keys": "Keys for scripts, scoped to this organisation",
  "/branding": "Logo, colours, emails and custom CSS, with a live preview",
  "/domains": "Your own domains for this portal, and their DNS records",
};
